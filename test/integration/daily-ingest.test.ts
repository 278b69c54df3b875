import { GetObjectCommand } from '@aws-sdk/client-s3';
import { gunzipSync } from 'node:zlib';
import { loadConfig } from '../../config';
import { trinoClient } from '../../activities/clients';
import { addDays } from '../../activities/sources/tmdb/date-windows';
import { qualified } from '../../activities/warehouse/sql';
import { buildCatalog, moviesReleasedBetween, startSandbox, changedIdsBetween, type SandboxHandle } from '../../infra/sandbox';
import type { DailyIngestResult } from '../../workflows/daily-ingest';
import { expectedDailyIds } from './helpers/expected-ingest';
import { dropSchema, migratedContext, testConfig } from './helpers/ingest-context';
import { startIngestHarness, type IngestHarness } from './helpers/ingest-worker';
import { ensureLakehouseSetUp } from './helpers/full-setup';
import type { IngestContext } from '../../activities/ingest/context';
import type { LoadedConfig } from '../../config';

/**
 * DailyIngest end to end: a real worker (every queue) on the stack's Temporal, the real Trino,
 * catalog and S3, TMDB from the sandbox. The rows expected are computed from the sandbox's
 * catalog with the queries the sandbox itself answers with.
 */
describe('DailyIngest on the real stack', () => {
  const base = loadConfig();
  const today = new Date().toISOString().slice(0, 10);
  const catalog = buildCatalog({ movies: 400, seed: 11, today });
  const yesterday = addDays(today, -1);

  // Two movies TMDB lists as changed yesterday but cannot serve: one deleted (404), one whose
  // details have no title (unparseable). Both must land in quarantine, not crash or vanish.
  const changed = changedIdsBetween(catalog, yesterday, yesterday).filter((c) => c.adult !== true).map((c) => c.id);
  const released = new Set(moviesReleasedBetween(catalog, yesterday, yesterday).map((m) => m.tmdbId));
  const [deletedId, brokenId] = changed.filter((id) => !released.has(id)).slice(-2);
  catalog.byTmdbId.delete(deletedId);
  const broken = catalog.byTmdbId.get(brokenId)!;
  catalog.byTmdbId.set(brokenId, { ...broken, title: '', originalTitle: '' });

  let sb: SandboxHandle;
  let cfg: LoadedConfig;
  let ctx: IngestContext;
  let h: IngestHarness;
  let first: DailyIngestResult;
  const trino = trinoClient(base);
  const t = (name: string) => qualified(cfg.pipeline.trino.catalog, cfg.pipeline.trino.schema, name);
  const one = async (q: string) => (await trino.query(q)).rows[0];

  beforeAll(async () => {
    await ensureLakehouseSetUp(base);
    sb = await startSandbox({ port: 0, catalog });
    const c = testConfig(base, sb);
    cfg = { ...c, pipeline: { ...c.pipeline, ingest: { ...c.pipeline.ingest, detailBatchSize: 40, initialLookbackDays: 1, listPages: 1 } } };
    ctx = await migratedContext(cfg);
    h = await startIngestHarness(cfg);
    first = (await h.execute<DailyIngestResult>('DailyIngest', [{ day: today }])).result;
  }, 600_000);

  afterAll(async () => {
    await h?.close();
    await sb?.close();
    if (cfg) await dropSchema(cfg);
  }, 120_000);

  const expected = () => {
    const ids = expectedDailyIds(catalog, today, { lookbackDays: 1, listPages: 1 });
    ids.delete(deletedId);
    ids.delete(brokenId);
    return [...ids].sort((a, b) => a - b);
  };

  it('stores exactly the movies TMDB had for the window, each with its TMDB rating', async () => {
    const ids = expected();
    expect(ids.length).toBeGreaterThan(40); // several detail batches
    const rows = (await trino.query(`SELECT tmdb_id FROM ${t('movies')} ORDER BY tmdb_id`)).rows.map((r) => Number(r[0]));
    expect(rows).toEqual(ids);
    expect(await one(`SELECT count(*), count(DISTINCT tmdb_id) FROM ${t('rating_observations')} WHERE source = 'tmdb' AND metric = 'vote_average' AND via = 'direct' AND observed_on = DATE '${today}'`)).toEqual([ids.length, ids.length]);
    expect(first.movies).toBe(ids.length);
    expect(first.window).toEqual({ from: yesterday, to: yesterday });
  });

  it('keeps lineage: every row names its run and a raw object that holds its payload', async () => {
    expect(await one(`SELECT count(*) FROM ${t('movies')} WHERE run_id <> '${first.runId}' OR raw_object_key IS NULL`)).toEqual([0]);
    const [id, key] = (await one(`SELECT tmdb_id, raw_object_key FROM ${t('movies')} ORDER BY tmdb_id LIMIT 1`)) as [number, string];
    expect(key).toBe(`${cfg.pipeline.s3.rawPrefix}/tmdb/dt=${today}/movie-${id}.json.gz`);
    const obj = await ctx.s3().send(new GetObjectCommand({ Bucket: cfg.pipeline.s3.bucket, Key: key }));
    const body = JSON.parse(gunzipSync(Buffer.from(await obj.Body!.transformToByteArray())).toString('utf8'));
    expect(body.id).toBe(Number(id));
  });

  it('quarantines the deleted and the unreadable movie with their reasons', async () => {
    const rows = (await trino.query(`SELECT record_key, reason, raw_object_key FROM ${t('quarantine')} WHERE source = 'tmdb' ORDER BY record_key`)).rows;
    const byKey = new Map(rows.map((r) => [String(r[0]), r]));
    expect(String(byKey.get(`movie-${deletedId}`)?.[1])).toMatch(/^not_found: /);
    expect(String(byKey.get(`movie-${brokenId}`)?.[1])).toMatch(/^parse_error: .*no title/);
    expect(byKey.get(`movie-${brokenId}`)?.[2]).toBe(`${cfg.pipeline.s3.rawPrefix}/tmdb/dt=${today}/movie-${brokenId}-unreadable.json.gz`);
  });

  it('records the run with its window and watermark, and commits each table once', async () => {
    const run = await one(`SELECT workflow, status, CAST(window_start AS varchar), CAST(window_end AS varchar), CAST(watermark AS varchar), counts FROM ${t('ingest_runs')} WHERE run_id = '${first.runId}'`);
    expect(run?.slice(0, 4)).toEqual(['DailyIngest', 'succeeded', yesterday, yesterday]);
    expect(String(run?.[4])).toContain(today);
    expect(JSON.parse(String(run?.[5]))).toMatchObject({ movies: expected().length });
    expect(first.merged).toMatchObject({ movies: expected().length, rating_observations: expected().length, quarantine: 2 });
  });

  it('a second run the same day adds no duplicate key and moves no watermark backwards', async () => {
    const second = (await h.execute<DailyIngestResult>('DailyIngest', [{ day: today }])).result;
    expect(second.window).toBeNull(); // yesterday is already covered: lists only
    expect(await one(`SELECT count(*), count(DISTINCT tmdb_id) FROM ${t('movies')}`)).toEqual([expected().length, expected().length]);
    const [n, distinct] = (await one(
      `SELECT count(*), count(DISTINCT (tmdb_id, source, metric, via, observed_on)) FROM ${t('rating_observations')}`,
    )) as number[];
    expect(n).toBe(distinct);
    expect(n).toBe(expected().length);
  });

  it('a backfill stores hostile titles byte for byte', async () => {
    const hostile = catalog.movies.filter((m) => m.tags.some((x) => ['quotes', 'backslash', 'emoji', 'sql', 'accents'].includes(x)) && !m.adult);
    const target = hostile[0];
    const from = addDays(target.releaseDate, -3);
    const to = addDays(target.releaseDate, 3);
    await h.execute<DailyIngestResult>('DailyIngest', [{ day: today, mode: 'backfill', from, to }]);
    const inWindow = moviesReleasedBetween(catalog, from, to).filter((m) => catalog.byTmdbId.get(m.tmdbId)?.title);
    const rows = (await trino.query(`SELECT tmdb_id, title, overview FROM ${t('movies')} WHERE release_date BETWEEN DATE '${from}' AND DATE '${to}'`)).rows;
    const got = new Map(rows.map((r) => [Number(r[0]), [r[1], r[2]]]));
    for (const m of inWindow) expect(got.get(m.tmdbId)).toEqual([m.title, m.overview === '' ? null : m.overview]);
    expect(got.has(target.tmdbId)).toBe(true);
  });
});
