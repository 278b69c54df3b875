import { candidatesSql, refreshCutoff } from '../../../activities/ingest/omdb/candidates-sql';
import { candidatesFromRows as fromRows } from '../../../activities/ingest/omdb/candidates';
import { candidatesKey, safeRunId } from '../../../activities/ingest/omdb/run-key';
import { SqlEncodingError } from '../../../activities/warehouse/sql';

describe('OMDb candidate query', () => {
  it('refresh cutoff: midnight UTC refreshAfterDays before the run day (across month and leap day)', () => {
    expect(refreshCutoff('2026-01-15', 7)).toBe('2026-01-08T00:00:00.000Z');
    expect(refreshCutoff('2024-03-02', 2)).toBe('2024-02-29T00:00:00.000Z');
    expect(refreshCutoff('2026-01-15', 0)).toBe('2026-01-15T00:00:00.000Z');
    expect(() => refreshCutoff('2026-02-30', 7)).toThrow(RangeError);
    expect(() => refreshCutoff("2026-01-15'; --", 7)).toThrow(RangeError);
    expect(() => refreshCutoff('2026-01-15', -1)).toThrow(RangeError);
  });

  it('builds the query from validated identifiers and encoded values only', () => {
    const q = candidatesSql({ catalog: 'iceberg', schema: 'movies', runDay: '2026-01-15', refreshAfterDays: 7 });
    expect(q).toContain('FROM iceberg.movies.movies');
    expect(q).toContain('LEFT JOIN iceberg.movies.omdb_details d ON d.imdb_id = m.imdb_id');
    expect(q).toContain('FROM iceberg.movies.quarantine');
    // Stale or missing details, and not-found answers quarantined since the same cutoff.
    const cutoff = "TIMESTAMP '2026-01-08 00:00:00.000 UTC'";
    expect(q).toContain(`d.fetched_at < ${cutoff}`);
    expect(q).toContain(`quarantined_at >= ${cutoff}`);
    expect(q).toContain("source = 'omdb' AND reason LIKE 'not\\_found:%' ESCAPE '\\'");
    expect(q).toContain("regexp_like(imdb_id, '^tt[0-9]+$')");
    // Never fetched first, then oldest, then tmdb id.
    expect(q).toMatch(/ORDER BY max\(d\.fetched_at\) ASC NULLS FIRST, min\(m\.tmdb_id\) ASC$/);
    expect(() => candidatesSql({ catalog: 'iceberg', schema: 'movies; DROP', runDay: '2026-01-15', refreshAfterDays: 7 })).toThrow(SqlEncodingError);
    expect(() => candidatesSql({ catalog: 'Iceberg"', schema: 'movies', runDay: '2026-01-15', refreshAfterDays: 7 })).toThrow(SqlEncodingError);
  });

  it('turns rows into one candidate per IMDb id with all its TMDB ids', () => {
    expect(fromRows([['tt0133093', [603, 9_000_001]], ['tt0000001', ['42']]])).toEqual([
      { imdbId: 'tt0133093', tmdbIds: [603, 9_000_001] },
      { imdbId: 'tt0000001', tmdbIds: [42] },
    ]);
    expect(() => fromRows([['nm0000001', [1]]])).toThrow();
    expect(() => fromRows([['tt1', []]])).toThrow();
  });
});

describe('run ids in state keys', () => {
  it('any run id gives a valid, distinct, stable key', () => {
    const ids = ['EnrichOmdb-2026-01-15', 'enrichomdb-2026-01-15', "x/../'; DROP TABLE--", '🎬', 'a'.repeat(500), '//'];
    const keys = ids.map(candidatesKey);
    expect(new Set(keys).size).toBe(ids.length);
    for (const k of keys) expect(k).toMatch(/^state\/runs\/[a-z0-9][a-z0-9-]*\/omdb-candidates\.json$/);
    expect(candidatesKey(ids[0])).toBe(candidatesKey(ids[0]));
    expect(safeRunId('EnrichOmdb-2026-01-15')).toMatch(/^enrichomdb-2026-01-15-[0-9a-f]{16}$/);
    expect(safeRunId('🎬')).toMatch(/^[0-9a-f]{16}$/);
    expect(() => safeRunId('')).toThrow();
  });
});
