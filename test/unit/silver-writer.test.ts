import { sql } from '../../activities/warehouse/sql';
import type { QueryResultSet, TrinoClient } from '../../activities/warehouse/trino';
import { BatchTooLargeError, insertStatements, movieRow, SilverWriter } from '../../activities/warehouse/silver';
import type { MovieRecord } from '../../activities/sources/records';

describe('insertStatements (batch splitting)', () => {
  const head = 'INSERT INTO t (a) VALUES ';
  const rows = Array.from({ length: 10 }, (_, i) => `(${i})`);

  it('splits by row count', () => {
    const out = insertStatements(head, rows, { maxRows: 4, maxChars: 10_000 });
    expect(out).toEqual([`${head}(0), (1), (2), (3)`, `${head}(4), (5), (6), (7)`, `${head}(8), (9)`]);
  });

  it('splits by text size, never exceeding it, and keeps every row once in order', () => {
    const big = Array.from({ length: 50 }, (_, i) => `('${String(i).padStart(3, '0')}${'x'.repeat(i * 37)}')`);
    const maxChars = 3000;
    const out = insertStatements(head, big, { maxRows: 1000, maxChars });
    expect(out.length).toBeGreaterThan(1);
    for (const s of out) expect(s.length).toBeLessThanOrEqual(maxChars);
    expect(out.map((s) => s.slice(head.length)).join(', ')).toBe(big.join(', '));
  });

  it('issues nothing for no rows, and refuses a row that alone is over the limit', () => {
    expect(insertStatements(head, [], { maxRows: 10, maxChars: 100 })).toEqual([]);
    expect(() => insertStatements(head, [`('${'x'.repeat(200)}')`], { maxRows: 10, maxChars: 100 })).toThrow(BatchTooLargeError);
  });
});

describe('SilverWriter statements (fake Trino)', () => {
  function fakeTrino() {
    const statements: string[] = [];
    const trino = {
      query: jest.fn(async (s: string): Promise<QueryResultSet> => {
        statements.push(s);
        return { columns: [], rows: [], records: [], updateCount: s.startsWith('MERGE') ? 7 : undefined };
      }),
    } as unknown as TrinoClient;
    return { trino, statements };
  }
  const m = (id: number): MovieRecord => ({
    tmdbId: id,
    imdbId: null,
    title: `Movie ${id} ';--`,
    originalTitle: null,
    originalLanguage: null,
    releaseDate: null,
    year: null,
    runtime: null,
    status: null,
    overview: 'x'.repeat(1000),
    tagline: null,
    budget: null,
    revenue: null,
    genres: [],
    productionCountries: [],
    productionCompanies: [],
    spokenLanguages: [],
    directors: [],
    topCast: [],
    posterPath: null,
    popularity: null,
  });
  const rows = (n: number) => Array.from({ length: n }, (_, i) => movieRow(m(i + 1), { runId: 'r', rawObjectKey: 'k', seenAt: '2026-11-27T00:00:00Z' }));

  it('stages in batches, then one MERGE that dedupes by key and keeps first_seen_at, then drops staging', async () => {
    const { trino, statements } = fakeTrino();
    const w = new SilverWriter(trino, { catalog: 'iceberg', schema: 'movies', runId: 'wf/run:1', batchSize: 4, maxStatementChars: 200_000, now: () => 1 });
    await w.stage('movies', rows(10));
    const res = await w.commit('movies');
    expect(res).toEqual({ table: 'movies', merged: 7 });
    const staging = w.stagingTable('movies');
    expect(staging).toMatch(/^iceberg\.movies_staging\.movies_[0-9a-f]{16}$/);
    expect(statements.map((s) => s.split(' ').slice(0, 2).join(' '))).toEqual([
      'CREATE SCHEMA',
      'DROP TABLE',
      'CREATE TABLE',
      'INSERT INTO',
      'INSERT INTO',
      'INSERT INTO',
      'MERGE INTO',
      'DROP TABLE',
    ]);
    const merge = statements[6];
    expect(merge).toContain('MERGE INTO iceberg.movies.movies AS t');
    expect(merge).toContain('PARTITION BY tmdb_id ORDER BY stage_seq DESC');
    expect(merge).toContain('last_seen_at = s.last_seen_at');
    expect(merge).not.toContain('first_seen_at = s.first_seen_at');
    expect(statements.filter((s) => s.includes('iceberg.movies.movies') && !s.startsWith('CREATE TABLE'))).toHaveLength(1);
    expect(w.merges).toEqual({ movies: 1 });
    expect(w.statements).toBe(8);
  });

  it('splits by size when rows are long', async () => {
    const { trino, statements } = fakeTrino();
    const w = new SilverWriter(trino, { catalog: 'iceberg', schema: 'movies', runId: 'r', batchSize: 500, maxStatementChars: 5_000 });
    await w.stage('movies', rows(20));
    const inserts = statements.filter((s) => s.startsWith('INSERT'));
    expect(inserts.length).toBeGreaterThan(4);
    for (const s of inserts) expect(s.length).toBeLessThanOrEqual(5_000);
  });

  it('rejects rows that do not match the table before issuing anything', async () => {
    const { trino, statements } = fakeTrino();
    const w = new SilverWriter(trino, { catalog: 'iceberg', schema: 'movies', runId: 'r', batchSize: 10 });
    const good = rows(1)[0];
    await expect(w.stage('movies', [{ ...good, extra: sql.varchar('x') }])).rejects.toThrow(/unknown columns: extra/);
    await expect(w.stage('movies', [{ ...good, tmdb_id: sql.bigint(null) }])).rejects.toThrow(/NULL key column tmdb_id/);
    await expect(w.stage('movies', [{ ...good, year: sql.varchar('1999') }])).rejects.toThrow(/year is varchar, expected integer/);
    await expect(w.stage('critic_pages', [good])).rejects.toThrow(/unknown columns/);
    expect(statements).toEqual([]);
  });

  it('resume mode keeps staged rows of the run; commit without rows in fresh mode does nothing', async () => {
    const { trino, statements } = fakeTrino();
    const fresh = new SilverWriter(trino, { catalog: 'iceberg', schema: 'movies', runId: 'r', batchSize: 10 });
    expect(await fresh.commit('movies')).toEqual({ table: 'movies', merged: 0 });
    expect(statements).toEqual([]);
    const resumed = new SilverWriter(trino, { catalog: 'iceberg', schema: 'movies', runId: 'r', batchSize: 10, resume: true });
    await resumed.commit('movies');
    expect(statements.some((s) => s.startsWith('DROP') && statements.indexOf(s) < 2)).toBe(false);
    expect(statements[1]).toMatch(/^CREATE TABLE IF NOT EXISTS/);
    expect(statements[2]).toMatch(/^MERGE/);
  });

  it('commits nothing to silver when no row was staged', async () => {
    const { trino, statements } = fakeTrino();
    const w = new SilverWriter(trino, { catalog: 'iceberg', schema: 'movies', runId: 'r', batchSize: 10 });
    await w.stage('quarantine', []);
    expect(await w.commit('quarantine')).toEqual({ table: 'quarantine', merged: 0 });
    expect(statements.some((s) => s.startsWith('MERGE'))).toBe(false);
    expect(statements[statements.length - 1]).toMatch(/^DROP TABLE IF EXISTS iceberg\.movies_staging\.quarantine_/);
  });

  it('refuses unsafe identifiers from config', () => {
    const { trino } = fakeTrino();
    expect(() => new SilverWriter(trino, { catalog: 'iceberg', schema: 'movies; drop', runId: 'r', batchSize: 1 })).toThrow(/unsafe SQL identifier/);
  });
});
