/**
 * The ScrapeCritics activities on the real stack (Trino + Iceberg + S3) against the offline
 * sandbox's Rotten Tomatoes and Metacritic: candidates selected from movies × critic_pages,
 * batches until the list is done, one commit, then the exact silver rows the catalog implies.
 */
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { loadConfig, type LoadedConfig } from '../../config';
import { recordingRuntime } from '../../activities/ingest/activity-runtime';
import { createIngestContext, type IngestContext } from '../../activities/ingest/context';
import { createCriticActivities, type ScrapeCriticsBatchResult } from '../../activities/ingest/critics';
import { candidateListSchema, type CriticCandidate } from '../../activities/ingest/critics/candidate-list';
import { commitRun } from '../../activities/ingest/run-ledger';
import type { IngestRun } from '../../activities/ingest/types';
import { parseCount } from '../../activities/sources/critic-pages/values';
import { to0to100, type CriticSite } from '../../activities/sources/records';
import { movieRow } from '../../activities/warehouse/silver';
import { qualified, sql, sqlValue } from '../../activities/warehouse/sql';
import { startSandbox, type SandboxHandle, type SandboxMovie } from '../../infra/sandbox';
import { slugBlockedByRobots } from '../../infra/sandbox/sites/critic-site';
import { ensureLakehouseSetUp } from './helpers/full-setup';
import { movieRecordOf } from './helpers/sandbox-movie';
import { dropSchema, migratedContext, quietLog, testConfig } from './helpers/ingest-context';

const DAY = '2030-01-10';
const at = (day: string, time = '06:00:00') => () => new Date(`${day}T${time}Z`);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const MC_BUDGET = 6;
/** Per movie at most two searches (title, original title) and six pages; plus robots.txt once. */
const ONE_MOVIE = 8;

let sb: SandboxHandle;
let cfg: LoadedConfig;
let ctx: IngestContext;
const sites: CriticSite[] = ['rotten_tomatoes', 'metacritic'];
const runOf = (runId: string, day = DAY): IngestRun => ({ runId, workflow: 'ScrapeCritics', day });

/** The sandbox's page of a movie on a site, and whether robots.txt disallows it. */
function pageOf(m: SandboxMovie, site: CriticSite): { url: string; blocked: boolean } | null {
  if (site === 'rotten_tomatoes') return m.rt ? { url: `${sb.baseUrls.rottenTomatoes}/m/${m.rt.slug}`, blocked: slugBlockedByRobots('rt', m.rt.slug) } : null;
  return m.metacritic ? { url: `${sb.baseUrls.metacritic}/movie/${m.metacritic.slug}/`, blocked: slugBlockedByRobots('mc', m.metacritic.slug) } : null;
}

async function candidates(key: string): Promise<CriticCandidate[]> {
  const doc = await ctx.state().get(key, candidateListSchema);
  if (!doc) throw new Error(`no state document ${key}`);
  return doc.candidates;
}

async function runBatches(c: IngestContext, run: IngestRun, site: CriticSite, key: string, now: () => Date) {
  const acts = createCriticActivities(c, { now });
  const results: (ScrapeCriticsBatchResult & { offset: number })[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const r = await acts.scrapeCriticsBatch({ run, site, candidatesKey: key, offset });
    results.push({ ...r, offset });
    if (r.nextOffset !== null && r.nextOffset <= offset) throw new Error(`no progress at offset ${offset}`);
    offset = r.nextOffset;
  }
  return results;
}

const t = (name: string) => qualified(cfg.pipeline.trino.catalog, cfg.pipeline.trino.schema, name);
const sandboxSite = (site: CriticSite) => (site === 'rotten_tomatoes' ? 'rottenTomatoes' : 'metacritic');
const requestsTo = (site: CriticSite) => sb.stats().sites[sandboxSite(site)]?.requests ?? 0;

beforeAll(async () => {
  const base = loadConfig();
  await ensureLakehouseSetUp(base);
  sb = await startSandbox({ port: 0, catalog: { movies: 40, seed: 7 } });
  const tc = testConfig(base, sb);
  const s = tc.pipeline.sources;
  // The sandbox's short critic interval applies when the sources are the sandbox on the configured port.
  cfg = {
    ...tc,
    pipeline: {
      ...tc.pipeline,
      sources: {
        ...s,
        sandbox: { ...s.sandbox, port: sb.port },
        rottenTomatoes: { ...s.rottenTomatoes, requestsPerActivity: 1_000 },
        metacritic: { ...s.metacritic, requestsPerActivity: MC_BUDGET },
      },
    },
  };
  ctx = await migratedContext(cfg);
  await ctx.writer('seed').write(
    'movies',
    sb.catalog.movies.map((m) => movieRow(movieRecordOf(m), { runId: 'seed', rawObjectKey: `raw/tmdb/seed/${m.tmdbId}.json.gz`, seenAt: `${DAY}T00:00:00Z` })),
  );
}, 300_000);

afterAll(async () => {
  if (cfg) await dropSchema(cfg);
  await sb?.close();
  await ctx?.http().close();
}, 120_000);

describe('ScrapeCritics activities on the real stack', () => {
  const run1 = runOf("critics/run#1 'héllo'; --");
  const keys: Partial<Record<CriticSite, string>> = {};
  const batches: Partial<Record<CriticSite, (ScrapeCriticsBatchResult & { offset: number })[]>> = {};

  it('selects every movie once, by tmdb_id, with byte-exact titles and no known page', async () => {
    const acts = createCriticActivities(ctx, { now: at(DAY) });
    const byId = [...sb.catalog.movies].sort((a, b) => a.tmdbId - b.tmdbId);
    for (const site of sites) {
      const r = await acts.selectCriticCandidates({ run: run1, site });
      expect(r.total).toBe(40);
      expect(r.candidatesKey).toMatch(new RegExp(`^state/runs/critics-run-1-h-llo-[0-9a-f]{16}/critics-${site}\\.json$`));
      keys[site] = r.candidatesKey;
      expect(await candidates(r.candidatesKey)).toEqual(
        byId.map((m) => ({ tmdbId: m.tmdbId, title: m.title, originalTitle: m.originalTitle, year: Number(m.releaseDate.slice(0, 4)), knownUrl: null })),
      );
    }
    // The hard cases are there, byte for byte.
    const titles = (await candidates(keys.rotten_tomatoes!)).map((c) => c.title);
    expect(titles).toEqual(expect.arrayContaining(["'; DELETE FROM rating_observations; --", 'Ends With Backslash\\', '  Leading and Trailing  ', '🚀🌕', 'Тени Москвы']));
  });

  it('scrapes Rotten Tomatoes in one batch; a robots-disallowed page is never requested', async () => {
    sb.reset();
    const res = await runBatches(ctx, run1, 'rotten_tomatoes', keys.rotten_tomatoes!, at(DAY));
    batches.rotten_tomatoes = res;
    expect(res).toHaveLength(1);
    const [r] = res;
    expect(r).toMatchObject({ processed: 40, nextOffset: null, quarantined: 0, skipped: 0 });
    expect(r.requests).toBe(requestsTo('rotten_tomatoes'));
    const blocked = sb.catalog.movies.filter((m) => pageOf(m, 'rotten_tomatoes')?.blocked);
    expect(blocked.length).toBeGreaterThan(0);
    expect(r.blocked).toBe(blocked.length);
    const recent = sb.stats().recent.filter((x) => x.site === 'rottenTomatoes');
    expect(recent.length).toBe(r.requests); // all of them are in the recent list, so "never requested" is checked on all
    expect(recent.map((x) => x.url)).toContain('/rt/robots.txt');
    for (const m of blocked) expect(recent.map((x) => x.url)).not.toContain(`/rt/m/${m.rt!.slug}`);
  });

  it('scrapes Metacritic within its request budget, batch after batch', async () => {
    sb.reset();
    const res = await runBatches(ctx, run1, 'metacritic', keys.metacritic!, at(DAY));
    batches.metacritic = res;
    expect(res.length).toBeGreaterThan(2);
    for (const r of res.slice(0, -1)) {
      expect(r.nextOffset).not.toBeNull();
      expect(r.requests).toBeGreaterThanOrEqual(MC_BUDGET);
      expect(r.requests).toBeLessThanOrEqual(MC_BUDGET + ONE_MOVIE);
      expect(r.nextOffset).toBe(r.offset + r.processed);
    }
    expect(res.at(-1)!.nextOffset).toBeNull();
    expect(res.reduce((n, r) => n + r.processed, 0)).toBe(40);
    // The fetcher is shared across batches: robots.txt once, and every request counted.
    expect(res.reduce((n, r) => n + r.requests, 0)).toBe(requestsTo('metacritic'));
    expect(sb.stats().recent.filter((x) => x.url === '/metacritic/robots.txt')).toHaveLength(1);
  });

  it('commits the exact critic_pages and rating_observations the catalog implies', async () => {
    const summary = await commitRun(ctx, run1);
    expect(summary.merges).toEqual({ critic_pages: 1, rating_observations: 1 });

    const expectedPages: string[] = [];
    const expectedObs: string[] = [];
    for (const m of sb.catalog.movies) {
      for (const site of sites) {
        const p = pageOf(m, site);
        const status = !p ? 'not_found' : p.blocked ? 'blocked_by_robots' : 'found';
        expectedPages.push(JSON.stringify([m.tmdbId, site, status, p ? p.url : null, status === 'found' ? 1 : null]));
        if (status !== 'found') continue;
        const obs = (metric: string, value: number | null, scale: number, votes: number | null, text: string | null) =>
          expectedObs.push(JSON.stringify([m.tmdbId, site, metric, 'direct', DAY, value, scale, to0to100(value, scale), votes, text, p!.url]));
        if (site === 'rotten_tomatoes') {
          const rt = m.rt!;
          const audience = parseCount(rt.audienceCountText);
          obs('critic', rt.tomatometer, 100, rt.criticReviews, null);
          obs('audience', rt.audienceScore, 100, audience.value, audience.bandText);
        } else {
          const mc = m.metacritic!;
          obs('critic', mc.metascore, 100, mc.criticReviews, null);
          obs('user', mc.userScore, 10, mc.userRatings, null);
        }
      }
    }
    const pages = await ctx.trino().query(`SELECT tmdb_id, site, status, url, match_confidence FROM ${t('critic_pages')}`);
    expect(pages.rows.map((r) => JSON.stringify(r)).sort()).toEqual(expectedPages.sort());

    const obs = await ctx
      .trino()
      .query(
        `SELECT tmdb_id, source, metric, via, CAST(observed_on AS varchar), value, scale_max, value_0_100, vote_count, vote_count_text, url FROM ${t('rating_observations')}`,
      );
    expect(obs.rows.map((r) => JSON.stringify(r)).sort()).toEqual(expectedObs.sort());

    // Every found page is kept as a raw object under the run's day; checked_at is the clock's.
    const found = await ctx
      .trino()
      .query(`SELECT site, raw_object_key, CAST(checked_at AS varchar) FROM ${t('critic_pages')} WHERE tmdb_id = 2837 ORDER BY site`);
    const raw = cfg.pipeline.s3.rawPrefix;
    expect(found.rows).toEqual([
      ['metacritic', `${raw}/metacritic/dt=${DAY}/movie-2837.html.gz`, `${DAY} 06:00:00.000000 UTC`],
      ['rotten_tomatoes', `${raw}/rotten_tomatoes/dt=${DAY}/movie-2837.html.gz`, `${DAY} 06:00:00.000000 UTC`],
    ]);
    expect(await ctx.raw().get(`${raw}/metacritic/dt=${DAY}/movie-2837.html.gz`)).toContain('alert(1)');
  });

  it('a second run the same day selects nothing again (found today, not_found/blocked not yet due)', async () => {
    const acts = createCriticActivities(ctx, { now: at(DAY, '18:00:00') });
    for (const site of sites) expect((await acts.selectCriticCandidates({ run: runOf('critics-run-2'), site })).total).toBe(0);
  });

  it('not_found and blocked pages come back only after recheckAfterDays; found pages every new day, with their known URL', async () => {
    const recheck = cfg.pipeline.sources.rottenTomatoes.recheckAfterDays;
    const before = addDays(DAY, recheck - 1);
    const due = addDays(DAY, recheck);
    const acts = createCriticActivities(ctx, { now: at(before) });
    const foundRt = sb.catalog.movies.filter((m) => pageOf(m, 'rotten_tomatoes') && !pageOf(m, 'rotten_tomatoes')!.blocked).sort((a, b) => a.tmdbId - b.tmdbId);

    const early = await acts.selectCriticCandidates({ run: runOf('critics-run-3', before), site: 'rotten_tomatoes' });
    expect(await candidates(early.candidatesKey)).toEqual(foundRt.map((m) => expect.objectContaining({ tmdbId: m.tmdbId, knownUrl: pageOf(m, 'rotten_tomatoes')!.url })));

    const late = await acts.selectCriticCandidates({ run: runOf('critics-run-4', due), site: 'rotten_tomatoes' });
    expect(late.total).toBe(40);
  });

  it('re-scrapes found pages directly (no search), resuming after the heartbeat offset of an earlier attempt', async () => {
    const day = addDays(DAY, 1);
    const run = runOf('critics-run-5', day);
    const select = await createCriticActivities(ctx, { now: at(day) }).selectCriticCandidates({ run, site: 'rotten_tomatoes' });
    const list = await candidates(select.candidatesKey);
    expect(list.length).toBeGreaterThan(5);

    const runtime = recordingRuntime({ offset: 2 });
    const ctx2 = createIngestContext(cfg, quietLog, { runtime: () => runtime });
    sb.reset();
    try {
      const r = await createCriticActivities(ctx2, { now: at(day) }).scrapeCriticsBatch({ run, site: 'rotten_tomatoes', candidatesKey: select.candidatesKey, offset: 0 });
      expect(r).toMatchObject({ processed: list.length - 2, found: list.length - 2, nextOffset: null });
      // One page request per movie plus robots.txt (a new worker context has a new fetcher): no searches.
      expect(r.requests).toBe(list.length - 2 + 1);
      const urls = sb.stats().recent.map((x) => x.url);
      expect(urls.filter((u) => u.includes('/search'))).toEqual([]);
      expect(runtime.beats.at(-1)).toEqual({ offset: list.length });
    } finally {
      await ctx2.http().close();
    }
    await commitRun(ctx, run);
    const obs = await ctx
      .trino()
      .query(`SELECT DISTINCT tmdb_id FROM ${t('rating_observations')} WHERE observed_on = ${sqlValue(sql.date(day))} AND source = 'rotten_tomatoes'`);
    expect(obs.rows.map((r) => Number(r[0])).sort((a, b) => a - b)).toEqual(list.slice(2).map((c) => c.tmdbId));
    // The first day's history is still there.
    const history = await ctx.trino().query(`SELECT count(DISTINCT observed_on) FROM ${t('rating_observations')} WHERE tmdb_id = ${sqlValue(sql.bigint(list[2].tmdbId))}`);
    expect(Number(history.rows[0][0])).toBe(2);
  });

  it('a page that no longer parses becomes an error row and a quarantine row with its raw page', async () => {
    const day = addDays(DAY, 2);
    const run = runOf('critics-run-6', day);
    const small = { ...cfg, pipeline: { ...cfg.pipeline, sources: { ...cfg.pipeline.sources, rottenTomatoes: { ...cfg.pipeline.sources.rottenTomatoes, maxMoviesPerRun: 2 } } } };
    const ctx3 = createIngestContext(small, quietLog);
    sb.setFaults('rottenTomatoes', { malformedRate: 1 });
    try {
      const acts = createCriticActivities(ctx3, { now: at(day) });
      const select = await acts.selectCriticCandidates({ run, site: 'rotten_tomatoes' });
      const list = await candidates(select.candidatesKey);
      expect(list).toHaveLength(2);
      expect(list.every((c) => c.knownUrl)).toBe(true);
      const [r] = await runBatches(ctx3, run, 'rotten_tomatoes', select.candidatesKey, at(day));
      // The known pages are fetched directly (plus robots.txt for this new context), not searched again.
      expect(r).toMatchObject({ processed: 2, quarantined: 2, found: 0, requests: 3, staged: { critic_pages: 2, quarantine: 2 } });
      await commitRun(ctx3, run);
      const ids = list.map((c) => sqlValue(sql.bigint(c.tmdbId))).join(', ');
      const pages = await ctx.trino().query(`SELECT tmdb_id, status, url FROM ${t('critic_pages')} WHERE site = 'rotten_tomatoes' AND tmdb_id IN (${ids}) ORDER BY tmdb_id`);
      expect(pages.rows).toEqual(list.map((c) => [c.tmdbId, 'error', c.knownUrl]));
      const q = await ctx.trino().query(`SELECT source, record_key, raw_object_key, reason FROM ${t('quarantine')} WHERE run_id = ${sqlValue(sql.varchar(run.runId))} ORDER BY record_key`);
      expect(q.rows.map((row) => row.slice(0, 3))).toEqual(
        list.map((c) => ['rotten_tomatoes', String(c.tmdbId), `${cfg.pipeline.s3.rawPrefix}/rotten_tomatoes/dt=${day}/movie-${c.tmdbId}.html.gz`]).sort((a, b) => a[1].localeCompare(b[1])),
      );
      expect(String(q.rows[0][3])).toMatch(/Rotten Tomatoes page/);
      const head = await ctx.s3().send(new HeadObjectCommand({ Bucket: cfg.pipeline.s3.bucket, Key: String(q.rows[0][2]) }));
      expect(head.ContentLength).toBeGreaterThan(0);
    } finally {
      sb.resetFaults();
      await ctx3.http().close();
    }
  });

  it('robots.txt unavailable: movies are skipped (nothing recorded), not stored as blocked', async () => {
    const day = addDays(DAY, 3);
    const run = runOf('critics-run-7', day);
    const small = {
      ...cfg,
      pipeline: {
        ...cfg.pipeline,
        sources: { ...cfg.pipeline.sources, http: { ...cfg.pipeline.sources.http, maxRetries: 0 }, rottenTomatoes: { ...cfg.pipeline.sources.rottenTomatoes, maxMoviesPerRun: 3 } },
      },
    };
    const ctx4 = createIngestContext(small, quietLog);
    sb.setFaults('rottenTomatoes', { errorRate: 1, faultRobots: true });
    try {
      const acts = createCriticActivities(ctx4, { now: at(day) });
      const select = await acts.selectCriticCandidates({ run, site: 'rotten_tomatoes' });
      expect(select.total).toBe(3);
      const [r] = await runBatches(ctx4, run, 'rotten_tomatoes', select.candidatesKey, at(day));
      expect(r).toMatchObject({ processed: 3, skipped: 3, found: 0, blocked: 0, requests: 1, staged: {} });
      const summary = await commitRun(ctx4, run);
      expect(summary.merges).toEqual({});
      // Still due for the next run.
      const again = await acts.selectCriticCandidates({ run: runOf('critics-run-8', day), site: 'rotten_tomatoes' });
      expect(again.total).toBe(3);
    } finally {
      sb.resetFaults();
      await ctx4.http().close();
    }
  });
});
