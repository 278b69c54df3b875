import { spawnSync } from 'node:child_process';
import { loadConfig } from '../../config';
import type { IngestContext } from '../../activities/ingest/context';
import type { MovieRecord, RatingMetric, RatingObservation, RatingSource } from '../../activities/sources/records';
import { buildReport, formatReport, REPORT_TABLES } from '../../activities/warehouse/report';
import { ingestRunRow, movieRow, quarantineRow, ratingObservationRow } from '../../activities/warehouse/silver';
import { dropSchema, migratedContext, testConfig } from './helpers/ingest-context';
import { ensureLakehouseSetUp } from './helpers/full-setup';
import { qualified } from '../../activities/warehouse/sql';

/**
 * The report on the real Trino, in a schema of its own created by the real migrations: known
 * movies and observations in, exact counts and the top order out; then the CLI as a user runs it.
 */
describe('lakehouse report on the real Trino', () => {
  const base = loadConfig();
  const config = testConfig(base, null);
  const { catalog, schema } = config.pipeline.trino;
  let ctx: IngestContext;

  const HOSTILE_TITLE = 'L\'Été "quoted" 🎬\nsecond line\u202e evil';
  const TITLES: Record<number, string> = { 1: HOSTILE_TITLE, 2: 'Beta Film', 3: 'Gamma Film', 4: 'Delta Unrated', 5: 'Epsilon Film' };

  const movie = (id: number): MovieRecord => ({
    tmdbId: id,
    imdbId: `tt${String(id).padStart(7, '0')}`,
    title: TITLES[id],
    originalTitle: null,
    originalLanguage: 'en',
    releaseDate: `200${id}-01-15`,
    year: 2000 + id,
    runtime: 100,
    status: 'Released',
    overview: null,
    tagline: null,
    budget: null,
    revenue: null,
    genres: ['Drama'],
    productionCountries: [],
    productionCompanies: [],
    spokenLanguages: ['en'],
    directors: [],
    topCast: [],
    posterPath: null,
    popularity: 1,
  });
  const obs = (source: RatingSource, metric: RatingMetric, value: number | null, scaleMax: number, day: string, via: 'direct' | 'omdb' = 'direct'): RatingObservation => ({
    source,
    metric,
    via,
    value,
    scaleMax,
    value0to100: value === null ? null : (value / scaleMax) * 100,
    voteCount: null,
    voteCountText: null,
    observedAt: `${day}T12:00:00Z`,
    url: null,
  });

  // Consensus: 1 → (80+90+100)/3 = 90 with 3 scores; 2 and 5 → 90 with 1 (tie broken by tmdb_id);
  // 3 → its latest TMDB (70, not the older 50) with 70 and 60 → 66.67; 4 has none → last.
  const OBSERVATIONS: [number, RatingObservation][] = [
    [1, obs('tmdb', 'vote_average', 8, 10, '2026-11-02')],
    [1, obs('imdb', 'rating', 9, 10, '2026-11-02', 'omdb')],
    [1, obs('rotten_tomatoes', 'critic', 100, 100, '2026-11-02')],
    [2, obs('tmdb', 'vote_average', 9, 10, '2026-11-02')],
    [2, obs('metacritic', 'user', null, 10, '2026-11-02')], // "tbd": a row without a score
    [3, obs('tmdb', 'vote_average', 5, 10, '2026-11-01')],
    [3, obs('tmdb', 'vote_average', 7, 10, '2026-11-03')],
    [3, obs('metacritic', 'critic', 70, 100, '2026-11-03')],
    [3, obs('metacritic', 'user', 6, 10, '2026-11-03')],
    [5, obs('tmdb', 'vote_average', 9, 10, '2026-11-02')],
  ];

  beforeAll(async () => {
    await ensureLakehouseSetUp(base);
    ctx = await migratedContext(config);
    const w = ctx.writer('seed');
    const lineage = { runId: 'seed', rawObjectKey: 'raw/test/seed.json.gz' };
    await w.write('movies', [1, 2, 3, 4, 5].map((id) => movieRow(movie(id), { ...lineage, seenAt: '2026-11-03T00:00:00Z' })));
    await w.write('rating_observations', OBSERVATIONS.map(([id, o]) => ratingObservationRow(id, o, lineage)));
    await w.write('quarantine', [quarantineRow({ source: 'tmdb', recordKey: '999', reason: 'bad payload', rawObjectKey: null, runId: 'seed', at: '2026-11-03T00:00:00Z' })]);
    await w.write('ingest_runs', [
      ingestRunRow({
        runId: 'run-old',
        workflow: 'DailyIngest',
        windowStart: '2026-11-01',
        windowEnd: '2026-11-02',
        watermark: null,
        startedAt: '2026-11-02T06:00:00Z',
        finishedAt: '2026-11-02T06:10:00Z',
        status: 'succeeded',
        counts: { movies: 3 },
      }),
      ingestRunRow({
        runId: 'run-new',
        workflow: 'EnrichOmdb',
        windowStart: null,
        windowEnd: null,
        watermark: null,
        startedAt: '2026-11-03T06:00:00Z',
        finishedAt: '2026-11-03T06:01:30Z',
        status: 'failed',
        counts: null,
      }),
    ]);
  }, 600_000);

  // A half set-up schema: two tables copied from the seeded one, nothing else.
  const partial = `${schema}_partial`;
  const dropPartial = async () => {
    for (const t of ['movies', 'rating_observations']) await ctx.trino().query(`DROP TABLE IF EXISTS ${qualified(catalog, partial, t)}`);
    await ctx.trino().query(`DROP SCHEMA IF EXISTS ${qualified(catalog, partial)}`);
  };

  afterAll(async () => {
    if (ctx) await dropPartial();
    await dropSchema(config);
  }, 300_000);

  it('counts every table, breaks observations down and orders the top by consensus', async () => {
    const r = await buildReport(ctx.trino(), catalog, schema);
    expect(r.setUp).toBe(true);
    expect(r.missing).toEqual([]);
    expect(r.tables).toEqual([
      { table: 'movies', rows: 5 },
      { table: 'rating_observations', rows: 10 },
      { table: 'omdb_details', rows: 0 },
      { table: 'critic_pages', rows: 0 },
      { table: 'quarantine', rows: 1 },
      { table: 'ingest_runs', rows: 2 },
    ]);
    expect(r.observations).toEqual([
      { source: 'imdb', metric: 'rating', via: 'omdb', rows: 1, scored: 1, movies: 1, latestObservedOn: '2026-11-02' },
      { source: 'metacritic', metric: 'critic', via: 'direct', rows: 1, scored: 1, movies: 1, latestObservedOn: '2026-11-03' },
      { source: 'metacritic', metric: 'user', via: 'direct', rows: 2, scored: 1, movies: 2, latestObservedOn: '2026-11-03' },
      { source: 'rotten_tomatoes', metric: 'critic', via: 'direct', rows: 1, scored: 1, movies: 1, latestObservedOn: '2026-11-02' },
      { source: 'tmdb', metric: 'vote_average', via: 'direct', rows: 5, scored: 5, movies: 4, latestObservedOn: '2026-11-03' },
    ]);
    expect(r.recentRuns).toEqual([
      {
        runId: 'run-new',
        workflow: 'EnrichOmdb',
        status: 'failed',
        windowStart: null,
        windowEnd: null,
        startedAt: '2026-11-03T06:00:00.000000Z',
        finishedAt: '2026-11-03T06:01:30.000000Z',
        counts: null,
      },
      {
        runId: 'run-old',
        workflow: 'DailyIngest',
        status: 'succeeded',
        windowStart: '2026-11-01',
        windowEnd: '2026-11-02',
        startedAt: '2026-11-02T06:00:00.000000Z',
        finishedAt: '2026-11-02T06:10:00.000000Z',
        counts: { movies: 3 },
      },
    ]);

    expect(r.topN).toBe(10);
    expect(r.top!.map((m) => [m.tmdbId, m.consensus, m.scoresCount])).toEqual([
      [1, 90, 3],
      [2, 90, 1],
      [5, 90, 1],
      [3, 66.67, 3],
      [4, null, 0],
    ]);
    const [m1, , , m3, m4] = r.top!;
    expect(m1).toEqual({
      tmdbId: 1,
      imdbId: 'tt0000001',
      title: HOSTILE_TITLE,
      year: 2001,
      tmdb: 80,
      imdb: 90,
      rtCritic: 100,
      rtAudience: null,
      metacriticCritic: null,
      metacriticUser: null,
      consensus: 90,
      scoresCount: 3,
      latestObservedOn: '2026-11-02',
    });
    expect([m3.tmdb, m3.metacriticCritic, m3.metacriticUser, m3.latestObservedOn]).toEqual([70, 70, 60, '2026-11-03']);
    expect([m4.title, m4.tmdb, m4.latestObservedOn]).toEqual(['Delta Unrated', null, null]);

    expect((await buildReport(ctx.trino(), catalog, schema, { top: 2 })).top!.map((m) => m.tmdbId)).toEqual([1, 2]);

    // The hostile title stays on its row.
    const text = formatReport(r);
    expect(text).toMatch(/^ +1 +90\.0 +80 +90 +100 +- +- +- +2001 +L'Été "quoted" 🎬 second line {2}evil$/m);
  });

  it('reports a schema that does not exist as all missing, without creating it', async () => {
    const absent = `${schema}_absent`;
    const r = await buildReport(ctx.trino(), catalog, absent);
    expect(r.setUp).toBe(false);
    expect(r.tables).toEqual(REPORT_TABLES.map((table) => ({ table, rows: null })));
    expect(r.missing).toEqual([...REPORT_TABLES, 'movie_ratings_latest']);
    expect(r.observations).toEqual([]);
    expect(r.recentRuns).toEqual([]);
    expect(r.top).toBeNull();
    const schemas = await ctx.trino().query(`SHOW SCHEMAS FROM ${catalog}`);
    expect(schemas.rows.map((x) => String(x[0]))).not.toContain(absent);
  });

  it('reports the tables that are missing and counts the ones that exist', async () => {
    await ctx.trino().query(`CREATE SCHEMA IF NOT EXISTS ${qualified(catalog, partial)}`);
    for (const t of ['movies', 'rating_observations']) {
      await ctx.trino().query(`CREATE TABLE IF NOT EXISTS ${qualified(catalog, partial, t)} AS SELECT * FROM ${qualified(catalog, schema, t)}`);
    }
    const r = await buildReport(ctx.trino(), catalog, partial);
    expect(r.setUp).toBe(false);
    expect(r.missing).toEqual(['omdb_details', 'critic_pages', 'quarantine', 'ingest_runs', 'movie_ratings_latest']);
    expect(r.tables.map((t) => t.rows)).toEqual([5, 10, null, null, null, null]);
    expect(r.observations.map((g) => g.rows)).toEqual([1, 1, 2, 1, 5]);
    expect(r.recentRuns).toEqual([]);
    expect(r.top).toBeNull();
  });

  describe('npm run cli -- report', () => {
    function cli(args: string[], env: Record<string, string>): { code: number; stdout: string; stderr: string } {
      const r = spawnSync(process.execPath, [require.resolve('ts-node/dist/bin'), 'scripts/cli.ts', 'report', ...args], {
        cwd: config.paths.root,
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...process.env, ...env },
      });
      return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
    }

    it('prints the report and exits 0', () => {
      const r = cli([], { TRINO_SCHEMA: schema });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Lakehouse report: ${catalog}.${schema}`);
      expect(r.stdout).toMatch(/^ {2}rating_observations +10$/m);
      for (const title of ['Beta Film', 'Epsilon Film', 'Gamma Film', 'Delta Unrated', "L'Été \"quoted\" 🎬 second line"]) expect(r.stdout).toContain(title);
      const order = ["L'Été", 'Beta Film', 'Epsilon Film', 'Gamma Film', 'Delta Unrated'].map((t) => r.stdout.indexOf(t));
      expect(order).toEqual([...order].sort((a, b) => a - b));
    });

    it('--top and --json give the same report as data', () => {
      const r = cli(['--top', '3', '--json'], { TRINO_SCHEMA: schema });
      expect(r.code).toBe(0);
      const json = JSON.parse(r.stdout) as { topN: number; top: { tmdbId: number }[]; tables: unknown[] };
      expect(json.topN).toBe(3);
      expect(json.top.map((m) => m.tmdbId)).toEqual([1, 2, 5]);
      expect(json.tables).toHaveLength(REPORT_TABLES.length);
    });

    it('exits 2 on bad arguments', () => {
      const r = cli(['--top', 'many'], { TRINO_SCHEMA: schema });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--top needs a whole number/);
    });

    it('exits 1 with one line saying what to run when Trino is unreachable', () => {
      const r = cli([], { TRINO_URL: 'http://127.0.0.1:9', TRINO_SCHEMA: schema });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^report: Trino at http:\/\/127\.0\.0\.1:9 is unreachable \(.+\)\. Start the stack: `npm run stack -- up` \(or `npm start`\)\.\n$/);
    });

    it('prints what there is but exits 1 when setup is incomplete', () => {
      const r = cli([], { TRINO_SCHEMA: partial });
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^ {2}quarantine +missing$/m);
      expect(r.stderr).toMatch(/^report: setup is incomplete \(missing in [a-z_.0-9]+: omdb_details, critic_pages, quarantine, ingest_runs, movie_ratings_latest\)\. Run `npm start`[^\n]*\n$/);
    });

    it('exits 1 with one line saying what to run when the lakehouse is not set up', () => {
      const r = cli([], { TRINO_SCHEMA: `${schema}_absent` });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^report: the lakehouse is not set up \(no tables in [a-z_.0-9]+\)\. Run `npm start`[^\n]*\n$/);
    });
  });
});
