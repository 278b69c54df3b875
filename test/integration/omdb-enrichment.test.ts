import { randomBytes } from 'node:crypto';
import { loadConfig, type LoadedConfig } from '../../config';
import { createIngestContext, type IngestContext } from '../../activities/ingest/context';
import { recordingRuntime } from '../../activities/ingest/activity-runtime';
import { commitRun, discardRun } from '../../activities/ingest/run-ledger';
import type { IngestRun } from '../../activities/ingest/types';
import { candidatesDocSchema, candidatesKey, createOmdbActivities, type OmdbActivitiesOptions, type OmdbCandidate } from '../../activities/ingest/omdb';
import { AuthError } from '../../activities/sources/errors';
import type { MovieRecord } from '../../activities/sources/records';
import { rawObjectKey } from '../../activities/storage/raw-store';
import { movieRow } from '../../activities/warehouse/silver';
import { qualified, sqlString } from '../../activities/warehouse/sql';
import { startSandbox, type SandboxHandle } from '../../infra/sandbox';
import { ensureLakehouseSetUp } from './helpers/full-setup';
import { movieRecordOf } from './helpers/sandbox-movie';
import { dropSchema, migratedContext, quietLog, testConfig } from './helpers/ingest-context';

/**
 * The EnrichOmdb activities against the real stack (Trino + Iceberg, S3 state and bronze) and
 * the sandbox's OMDb: exact rows vs the sandbox catalog, idempotent reruns, the daily budget
 * across calls, OMDb's own limit, not-found quarantine and resuming from a heartbeat.
 */

const DAY_MS = 86_400_000;
const today = new Date().toISOString().slice(0, 10);
// A run day 30 days on: every detail fetched today is stale then, so all ids are candidates again.
const plusDays = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const later = plusDays(30);
const SHARED_TMDB = 9_000_001;
const UNKNOWN_TMDB = 9_000_002;
const MALFORMED_TMDB = 9_000_003;

describe('EnrichOmdb activities on the real stack', () => {
  const hex = randomBytes(4).toString('hex');
  const runOf = (name: string, day = today): IngestRun => ({ runId: `it-omdb-${hex}-${name}`, workflow: 'EnrichOmdb', day });
  let sb: SandboxHandle;
  let cfg: LoadedConfig;
  let ctx: IngestContext;
  /** imdb id → the TMDB ids seeded with it (what one OMDb answer fills). */
  const seeded = new Map<string, number[]>();
  let found: string[] = [];
  let notFound: string[] = [];
  const t = (name: string) => qualified(cfg.pipeline.trino.catalog, cfg.pipeline.trino.schema, name);
  const rows = async (q: string) => (await ctx.trino().query(q)).rows;
  const omdbRequests = () => sb.stats().sites.omdb?.requests ?? 0;
  // Budget documents of this test only (state/omdb-budget/<scope>/<day>.json).
  const acts = (c: IngestContext, scope = 'main', o: OmdbActivitiesOptions = {}) => createOmdbActivities(c, { budgetScope: `it-${hex}-${scope}`, ...o });
  const withOmdb = (patch: Partial<LoadedConfig['pipeline']['sources']['omdb']>): LoadedConfig => ({
    ...cfg,
    pipeline: { ...cfg.pipeline, sources: { ...cfg.pipeline.sources, omdb: { ...cfg.pipeline.sources.omdb, ...patch } } },
  });
  const candidates = async (c: IngestContext, key: string): Promise<OmdbCandidate[]> => (await c.state().get(key, candidatesDocSchema))!.candidates;

  beforeAll(async () => {
    const base = loadConfig();
    await ensureLakehouseSetUp(base);
    sb = await startSandbox({ port: 0, catalog: { movies: 60, seed: 7 } });
    const c = testConfig(base, sb);
    // A raw prefix of its own: the test's payloads never mix with the pipeline's bronze.
    cfg = { ...c, pipeline: { ...c.pipeline, s3: { ...c.pipeline.s3, rawPrefix: `it-raw-${hex}` } } };
    ctx = await migratedContext(cfg);

    const records = sb.catalog.movies.map(movieRecordOf);
    const withOmdbRecord = sb.catalog.movies.find((m) => m.imdbId && m.omdb)!;
    let unknown = 'tt0999999';
    while (sb.catalog.byImdbId.has(unknown)) unknown = `tt0${Number(unknown.slice(2)) - 1}`;
    const extra = (tmdbId: number, imdbId: string): MovieRecord => ({ ...movieRecordOf(withOmdbRecord), tmdbId, imdbId, title: `Extra ${tmdbId}` });
    // Two TMDB entries of one IMDb title, an id OMDb does not know, and a malformed id (never requested).
    records.push(extra(SHARED_TMDB, withOmdbRecord.imdbId!), extra(UNKNOWN_TMDB, unknown), extra(MALFORMED_TMDB, 'nm0000001'));
    await ctx.writer(`seed-${hex}`).write(
      'movies',
      records.map((m) => movieRow(m, { runId: `seed-${hex}`, rawObjectKey: `seed/${m.tmdbId}`, seenAt: new Date() })),
    );
    for (const m of records) {
      if (!m.imdbId || !/^tt\d+$/.test(m.imdbId)) continue;
      seeded.set(m.imdbId, [...(seeded.get(m.imdbId) ?? []), m.tmdbId].sort((a, b) => a - b));
    }
    found = [...seeded.keys()].filter((id) => sb.catalog.byImdbId.get(id)?.omdb);
    notFound = [...seeded.keys()].filter((id) => !sb.catalog.byImdbId.get(id)?.omdb);
    expect(seeded.get(withOmdbRecord.imdbId!)).toEqual([withOmdbRecord.tmdbId, SHARED_TMDB].sort((a, b) => a - b));
    expect(notFound).toContain(unknown);
  }, 300_000);

  afterAll(async () => {
    await sb?.close();
    if (cfg) await dropSchema(cfg);
  }, 300_000);

  /** Runs the batch activity slice by slice, as the workflow does, until the list is done. */
  async function enrichAll(a: ReturnType<typeof acts>, run: IngestRun, candidatesKey: string, limit: number) {
    let offset: number | null = 0;
    let requests = 0;
    let quarantined = 0;
    let calls = 0;
    while (offset !== null) {
      const r = await a.enrichOmdbBatch({ run, candidatesKey, offset, limit });
      expect(r.stoppedBy).toBeNull();
      requests += r.requests;
      quarantined += r.quarantined;
      calls += 1;
      offset = r.nextOffset;
    }
    return { requests, quarantined, calls };
  }

  it('enriches every candidate once: omdb_details, observations per TMDB id (via omdb), not-found quarantined', async () => {
    const a = acts(ctx);
    const run = runOf('first');
    const sel = await a.selectOmdbCandidates(run);
    expect(sel.total).toBe(seeded.size);
    const list = await candidates(ctx, sel.candidatesKey);
    // All never fetched: ordered by their smallest TMDB id; the malformed id is not selected.
    const expectedOrder = [...seeded.entries()].sort((x, y) => x[1][0] - y[1][0]).map(([imdbId, tmdbIds]) => ({ imdbId, tmdbIds }));
    expect(list).toEqual(expectedOrder);

    const before = omdbRequests();
    const done = await enrichAll(a, run, sel.candidatesKey, 25);
    expect(done).toEqual({ requests: seeded.size, quarantined: notFound.length, calls: Math.ceil(seeded.size / 25) });
    expect(omdbRequests() - before).toBe(seeded.size);
    const committed = await commitRun(ctx, run);
    expect(committed.merges).toEqual({ omdb_details: 1, rating_observations: 1, quarantine: 1 });

    const details = await rows(`SELECT imdb_id, imdb_rating, imdb_votes, box_office, metascore, rated, raw_object_key, run_id FROM ${t('omdb_details')}`);
    expect(details.map((r) => r[0]).sort()).toEqual([...found].sort());
    for (const [imdbId, rating, votes, boxOffice, metascore, rated, rawKey, runId] of details) {
      const o = sb.catalog.byImdbId.get(String(imdbId))!.omdb!;
      expect({ rating, votes, boxOffice, metascore, rated }).toEqual({
        rating: o.imdbRating,
        votes: o.imdbVotes,
        boxOffice: o.boxOffice,
        metascore: o.metascore,
        rated: o.rated,
      });
      expect(rawKey).toBe(rawObjectKey(cfg.pipeline.s3.rawPrefix, { source: 'omdb', day: today, key: String(imdbId).toLowerCase(), kind: 'json' }));
      expect(runId).toBe(run.runId);
    }
    // Bronze holds what OMDb answered.
    const sample = String(details[0][6]);
    expect(JSON.parse(await ctx.raw().get(sample))).toMatchObject({ imdbID: details[0][0], Response: 'True' });

    // Observations: one per TMDB id of each found title and per source OMDb relays.
    const expected = new Map<string, number>();
    const add = (k: string, n: number) => expected.set(k, (expected.get(k) ?? 0) + n);
    for (const id of found) {
      const m = sb.catalog.byImdbId.get(id)!;
      const n = seeded.get(id)!.length;
      add('imdb/rating/omdb', n);
      if (m.omdb!.ratings.rottenTomatoes && m.rt?.tomatometer != null) add('rotten_tomatoes/critic/omdb', n);
      if (m.omdb!.metascore !== null) add('metacritic/critic/omdb', n);
    }
    const obs = await rows(
      `SELECT source || '/' || metric || '/' || via, count(*) FROM ${t('rating_observations')} ` +
        `WHERE observed_on = DATE ${sqlString(today)} AND run_id = ${sqlString(run.runId)} GROUP BY 1`,
    );
    expect(new Map(obs.map(([k, n]) => [String(k), Number(n)]))).toEqual(expected);
    // The second TMDB id of a shared IMDb title gets the same scores as the first.
    const shared = await rows(
      `SELECT tmdb_id, source, value, vote_count FROM ${t('rating_observations')} ` +
        `WHERE tmdb_id IN (SELECT tmdb_id FROM ${t('movies')} WHERE imdb_id = (SELECT imdb_id FROM ${t('movies')} WHERE tmdb_id = ${SHARED_TMDB})) ` +
        `ORDER BY source, tmdb_id`,
    );
    expect(shared.length).toBeGreaterThanOrEqual(2);
    const bySource = new Map<string, unknown[][]>();
    for (const r of shared) bySource.set(String(r[1]), [...(bySource.get(String(r[1])) ?? []), r]);
    for (const group of bySource.values()) {
      expect(group).toHaveLength(2);
      expect(group[0].slice(1)).toEqual(group[1].slice(1));
    }

    const q = await rows(`SELECT record_key, reason, raw_object_key FROM ${t('quarantine')} WHERE source = 'omdb' AND run_id = ${sqlString(run.runId)}`);
    expect(q.map((r) => r[0]).sort()).toEqual([...notFound].sort());
    for (const [, reason, rawKey] of q) {
      expect(String(reason)).toMatch(/^not_found: OMDb error \(HTTP 200\): (Incorrect IMDb ID\.|Movie not found!)$/);
      expect(JSON.parse(await ctx.raw().get(String(rawKey)))).toMatchObject({ Response: 'False' });
    }
  });

  it('a second run the same day selects nothing new, and re-enriching leaves no duplicate key', async () => {
    const a = acts(ctx);
    const second = await a.selectOmdbCandidates(runOf('second'));
    // Fetched today and not-found today: nothing is due (refreshAfterDays) for the same day.
    expect(second.total).toBe(0);
    const empty = await a.enrichOmdbBatch({ run: runOf('second'), candidatesKey: second.candidatesKey, offset: 0, limit: 10 });
    expect(empty).toEqual({ processed: 0, requests: 0, nextOffset: null, staged: {}, quarantined: 0, stoppedBy: null });

    const counts = async () =>
      (await rows(`SELECT (SELECT count(*) FROM ${t('omdb_details')}), (SELECT count(*) FROM ${t('rating_observations')})`))[0].map(Number);
    const before = await counts();
    // The first run's whole list again under another run id (a rerun after a lost commit, say).
    const rerun = runOf('rerun');
    const rerunKey = candidatesKey(rerun.runId);
    const full = [...seeded.entries()].map(([imdbId, tmdbIds]) => ({ imdbId, tmdbIds }));
    await ctx.state().put(rerunKey, { version: 1, day: today, createdAt: new Date().toISOString(), candidates: full });
    const done = await enrichAll(a, rerun, rerunKey, 100);
    expect(done.requests).toBe(seeded.size);
    await commitRun(ctx, rerun);

    expect(await counts()).toEqual(before);
    const dupes = await rows(
      `SELECT tmdb_id, source, metric, via, observed_on FROM ${t('rating_observations')} GROUP BY 1, 2, 3, 4, 5 HAVING count(*) > 1 ` +
        `UNION ALL SELECT 0, imdb_id, '', '', DATE '2000-01-01' FROM ${t('omdb_details')} GROUP BY imdb_id HAVING count(*) > 1`,
    );
    expect(dupes).toEqual([]);
    // The rerun's rows replaced the first run's (same keys, its lineage now).
    const lineage = await rows(`SELECT DISTINCT run_id FROM ${t('omdb_details')}`);
    expect(lineage).toEqual([[rerun.runId]]);
    const q = await rows(`SELECT run_id, count(*) FROM ${t('quarantine')} GROUP BY run_id ORDER BY run_id`);
    expect(q).toEqual([
      [runOf('first').runId, notFound.length],
      [rerun.runId, notFound.length],
    ]);
  });

  it('candidates of a later day: never-fetched (not-found) ids first, then the oldest fetched_at', async () => {
    const sel = await acts(ctx).selectOmdbCandidates(runOf('order', later));
    // 30 days on, every detail is stale and every not-found answer too old to exclude.
    expect(sel.total).toBe(seeded.size);
    const list = await candidates(ctx, sel.candidatesKey);
    const byMinTmdb = (ids: string[]) => [...ids].sort((x, y) => seeded.get(x)![0] - seeded.get(y)![0]);
    expect(list.slice(0, notFound.length).map((c) => c.imdbId)).toEqual(byMinTmdb(notFound));
    const fetchedAt = new Map(
      (await rows(`SELECT imdb_id, to_unixtime(fetched_at) FROM ${t('omdb_details')}`)).map(([id, at]) => [String(id), Number(at)]),
    );
    const rest = list.slice(notFound.length);
    expect(rest.map((c) => c.imdbId).sort()).toEqual([...found].sort());
    for (let i = 1; i < rest.length; i++) {
      const [p, c] = [rest[i - 1], rest[i]];
      const [pa, ca] = [fetchedAt.get(p.imdbId)!, fetchedAt.get(c.imdbId)!];
      expect(pa < ca || (pa === ca && p.tmdbIds[0] < c.tmdbIds[0])).toBe(true);
    }
  });

  it('the daily budget holds across calls: 5 requests, then stoppedBy budget and remaining 0 for the day', async () => {
    const now = () => new Date();
    const a = acts(createIngestContext(withOmdb({ dailyBudget: 5, onQuota: 'stop' }), quietLog), 'budget', { now });
    const start = await a.omdbBudget();
    const midnight = new Date(Date.parse(`${today}T00:00:00Z`) + DAY_MS).toISOString();
    expect(start).toEqual({ budgetDay: today, limit: 5, used: 0, remaining: 5, resetsAt: midnight, onQuota: 'stop', batchSize: cfg.pipeline.sources.omdb.batchSize });

    const run = runOf('budget', later);
    const sel = await a.selectOmdbCandidates(run);
    const before = omdbRequests();
    const r = await a.enrichOmdbBatch({ run, candidatesKey: sel.candidatesKey, offset: 0, limit: 20 });
    expect(r).toMatchObject({ processed: 5, requests: 5, nextOffset: 5, stoppedBy: 'budget' });
    expect(omdbRequests() - before).toBe(5);
    expect(await a.omdbBudget()).toMatchObject({ used: 5, remaining: 0 });

    // A later call the same day (another run too) gets nothing.
    const again = await a.enrichOmdbBatch({ run: runOf('budget-2', later), candidatesKey: sel.candidatesKey, offset: 5, limit: 20 });
    expect(again).toEqual({ processed: 0, requests: 0, nextOffset: 5, staged: {}, quarantined: 0, stoppedBy: 'budget' });
    expect(omdbRequests() - before).toBe(5);
    // The next UTC day has a fresh budget.
    const tomorrow = acts(createIngestContext(withOmdb({ dailyBudget: 5 }), quietLog), 'budget', { now: () => new Date(Date.parse(midnight) + 1000) });
    expect(await tomorrow.omdbBudget()).toMatchObject({ budgetDay: midnight.slice(0, 10), used: 0, remaining: 5 });
    await discardRun(ctx, run);
  });

  it("OMDb's 'Request limit reached!' stops the batch at the title that hit it, which gets no row and no raw object", async () => {
    const a = acts(ctx, 'quota');
    sb.reset(); // the sandbox's daily counters start over
    sb.setFaults('omdb', { dailyLimit: 3 });
    try {
      // A day of its own, so no other test's raw objects are under its dt= folder.
      const run = runOf('quota', plusDays(31));
      const sel = await a.selectOmdbCandidates(run);
      const list = await candidates(ctx, sel.candidatesKey);
      const r = await a.enrichOmdbBatch({ run, candidatesKey: sel.candidatesKey, offset: 0, limit: 10 });
      expect(r).toMatchObject({ processed: 3, requests: 4, nextOffset: 3, stoppedBy: 'quota' });
      expect(await a.omdbBudget()).toMatchObject({ used: 4, remaining: 0 });
      await commitRun(ctx, run);
      const keyed = await rows(
        `SELECT imdb_id FROM ${t('omdb_details')} WHERE run_id = ${sqlString(run.runId)} ` +
          `UNION ALL SELECT record_key FROM ${t('quarantine')} WHERE run_id = ${sqlString(run.runId)}`,
      );
      expect(keyed.map((x) => String(x[0])).sort()).toEqual(list.slice(0, 3).map((c) => c.imdbId).sort());
      const hit = list[3].imdbId;
      await expect(ctx.raw().get(rawObjectKey(cfg.pipeline.s3.rawPrefix, { source: 'omdb', day: run.day, key: hit, kind: 'json' }))).rejects.toThrow();

      // The quotaExhausted knob: the first request is refused, nothing is staged.
      sb.setFaults('omdb', { dailyLimit: null, quotaExhausted: true });
      const b = acts(ctx, 'quota-2');
      const run2 = runOf('quota-2', later);
      const r2 = await b.enrichOmdbBatch({ run: run2, candidatesKey: sel.candidatesKey, offset: 3, limit: 10 });
      expect(r2).toEqual({ processed: 0, requests: 1, nextOffset: 3, staged: {}, quarantined: 0, stoppedBy: 'quota' });
      expect(await b.omdbBudget()).toMatchObject({ used: 1, remaining: 0 });
      expect((await commitRun(ctx, run2)).merges).toEqual({});
    } finally {
      sb.resetFaults('omdb');
    }
  });

  it('resumes after the offset an earlier attempt heartbeated, and heartbeats its own progress', async () => {
    const rt = recordingRuntime({ offset: 4 });
    const a = acts(createIngestContext(cfg, quietLog, { runtime: () => rt }), 'resume', { checkpointEvery: 1 });
    const run = runOf('resume', later);
    const sel = await a.selectOmdbCandidates(run);
    const list = await candidates(ctx, sel.candidatesKey);
    const before = sb.stats().requests;
    const r = await a.enrichOmdbBatch({ run, candidatesKey: sel.candidatesKey, offset: 0, limit: 6 });
    expect(r).toMatchObject({ processed: 2, requests: 2, nextOffset: 6, stoppedBy: null });
    const asked = sb
      .stats()
      .recent.slice(-(sb.stats().requests - before))
      .filter((x) => x.site === 'omdb')
      .map((x) => new URL(x.url, 'http://x').searchParams.get('i'));
    expect(asked).toEqual([list[4].imdbId, list[5].imdbId]);
    expect(rt.beats).toEqual([{ offset: 5 }, { offset: 6 }, { offset: 6 }]);
    await discardRun(ctx, run);
  });

  it('an unreadable answer is quarantined as parse_error with its raw body; a bad key fails the activity', async () => {
    const a = acts(ctx, 'faults');
    const run = runOf('faults', later);
    const sel = await a.selectOmdbCandidates(run);
    const list = await candidates(ctx, sel.candidatesKey);
    const target = notFound.length; // the first found title
    sb.setFaults('omdb', { malformedRate: 1 });
    try {
      const r = await a.enrichOmdbBatch({ run, candidatesKey: sel.candidatesKey, offset: target, limit: 1 });
      expect(r).toMatchObject({ processed: 1, requests: 1, quarantined: 1, staged: { quarantine: 1 }, stoppedBy: null });
      await commitRun(ctx, run);
      const q = await rows(`SELECT record_key, reason, raw_object_key FROM ${t('quarantine')} WHERE run_id = ${sqlString(run.runId)}`);
      expect(q).toHaveLength(1);
      expect(q[0][0]).toBe(list[target].imdbId);
      expect(String(q[0][1])).toMatch(/^parse_error: OMDb: not valid JSON/);
      const body = await ctx.raw().get(String(q[0][2]));
      expect(() => JSON.parse(body)).toThrow();

      sb.setFaults('omdb', { malformedRate: 0, invalidKey: true });
      await expect(a.enrichOmdbBatch({ run: runOf('bad-key', later), candidatesKey: sel.candidatesKey, offset: 0, limit: 3 })).rejects.toBeInstanceOf(AuthError);
      // The refused request still counts against the day's budget.
      expect(await a.omdbBudget()).toMatchObject({ used: 2 });
    } finally {
      sb.resetFaults('omdb');
    }
  });
});
