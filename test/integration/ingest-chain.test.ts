import { loadConfig, SANDBOX_KEYS, type LoadedConfig } from '../../config';
import { trinoClient } from '../../activities/clients';
import { qualified } from '../../activities/warehouse/sql';
import { buildCatalog, startSandbox, type SandboxHandle, type SandboxMovie } from '../../infra/sandbox';
import { slugBlockedByRobots } from '../../infra/sandbox/sites/critic-site';
import { expectedDailyIds } from './helpers/expected-ingest';
import { ensureLakehouseSetUp } from './helpers/full-setup';
import { dropSchema, migratedContext, testConfig } from './helpers/ingest-context';
import { startIngestHarness, type IngestHarness } from './helpers/ingest-worker';

/**
 * The main job on the real stack: DailyIngest → EnrichOmdb → ScrapeCritics through Temporal,
 * with the source keys CONFIGURED (as with the real APIs; the sandbox checks them). Every table
 * gets exactly the rows the sandbox catalog implies, and no configured secret appears in any
 * workflow history, in the worker's log lines, or in the stored rows.
 */
describe('the ingestion chain on the real stack', () => {
  const base = loadConfig();
  const today = new Date().toISOString().slice(0, 10);
  const catalog = buildCatalog({ movies: 300, seed: 21, today });
  const logLines: string[] = [];
  const capture = (level: string) => (msg: string, fields?: Record<string, unknown>) => void logLines.push(`${level} ${msg} ${JSON.stringify(fields ?? {})}`);
  const log = { info: capture('info'), warn: capture('warn'), error: capture('error') };
  let sb: SandboxHandle;
  let cfg: LoadedConfig;
  let h: IngestHarness;
  const workflowIds: string[] = [];
  const trino = trinoClient(base);
  const t = (name: string) => qualified(cfg.pipeline.trino.catalog, cfg.pipeline.trino.schema, name);
  const count = async (q: string) => Number((await trino.query(q)).rows[0][0]);

  beforeAll(async () => {
    await ensureLakehouseSetUp(base);
    sb = await startSandbox({ port: 0, catalog });
    const c = testConfig(base, sb);
    const s = c.pipeline.sources;
    cfg = {
      ...c,
      // Keys configured, so the clients send them as they would to the real APIs.
      secrets: { ...c.secrets, tmdbApiKey: SANDBOX_KEYS.tmdbApiKey, omdbApiKey: SANDBOX_KEYS.omdbApiKey },
      sources: { ...c.sources, sandbox: false },
      pipeline: {
        ...c.pipeline,
        ingest: { ...c.pipeline.ingest, detailBatchSize: 50, initialLookbackDays: 1, listPages: 1 },
        sources: {
          ...s,
          omdb: { ...s.omdb, batchSize: 40 },
          rottenTomatoes: { ...s.rottenTomatoes, minIntervalMs: 10 },
          metacritic: { ...s.metacritic, minIntervalMs: 10 },
        },
      },
    };
    await migratedContext(cfg);
    h = await startIngestHarness(cfg, { log });
    // FullSetup too, so every workflow's history is searched (schedules left alone: this
    // worker's task queue is the test's own).
    workflowIds.push((await h.execute('FullSetup', [{ applySchedules: false }])).workflowId);
    for (const wf of ['DailyIngest', 'EnrichOmdb', 'ScrapeCritics']) {
      const { workflowId } = await h.execute(wf, [{ day: today }]);
      workflowIds.push(workflowId);
    }
  }, 900_000);

  afterAll(async () => {
    await h?.close();
    await sb?.close();
    if (cfg) await dropSchema(cfg);
  }, 120_000);

  const movies = (): SandboxMovie[] =>
    [...expectedDailyIds(catalog, today, { lookbackDays: 1, listPages: 1 })].map((id) => catalog.byTmdbId.get(id)!);
  const page = (m: SandboxMovie, site: 'rt' | 'mc') => {
    const slug = site === 'rt' ? m.rt?.slug : m.metacritic?.slug;
    return slug ? (slugBlockedByRobots(site, slug) ? 'blocked_by_robots' : 'found') : 'not_found';
  };

  it('fills every table with exactly the rows the catalog implies', async () => {
    const ms = movies();
    const omdb = ms.filter((m) => m.imdbId && m.omdb);
    const expected: Record<string, number> = {
      'tmdb/vote_average/direct': ms.length,
      'imdb/rating/omdb': omdb.length,
      'rotten_tomatoes/critic/omdb': omdb.filter((m) => m.omdb!.ratings.rottenTomatoes && m.rt?.tomatometer != null).length,
      'metacritic/critic/omdb': omdb.filter((m) => m.omdb!.metascore !== null).length,
      'rotten_tomatoes/critic/direct': ms.filter((m) => page(m, 'rt') === 'found').length,
      'rotten_tomatoes/audience/direct': ms.filter((m) => page(m, 'rt') === 'found').length,
      'metacritic/critic/direct': ms.filter((m) => page(m, 'mc') === 'found').length,
      'metacritic/user/direct': ms.filter((m) => page(m, 'mc') === 'found').length,
    };
    for (const k of Object.keys(expected)) if (expected[k] === 0) delete expected[k];
    const obs = (await trino.query(`SELECT source || '/' || metric || '/' || via, count(*) FROM ${t('rating_observations')} GROUP BY 1`)).rows;
    expect(Object.fromEntries(obs.map(([k, n]) => [String(k), Number(n)]))).toEqual(expected);

    expect(await count(`SELECT count(*) FROM ${t('movies')}`)).toBe(ms.length);
    expect(await count(`SELECT count(*) FROM ${t('omdb_details')}`)).toBe(new Set(omdb.map((m) => m.imdbId)).size);
    const pages = (await trino.query(`SELECT site, status, count(*) FROM ${t('critic_pages')} GROUP BY 1, 2`)).rows;
    const want: Record<string, number> = {};
    for (const m of ms) {
      for (const [site, key] of [['rotten_tomatoes', 'rt'], ['metacritic', 'mc']] as const) {
        const k = `${site}/${page(m, key)}`;
        want[k] = (want[k] ?? 0) + 1;
      }
    }
    expect(Object.fromEntries(pages.map(([s, st, n]) => [`${s}/${st}`, Number(n)]))).toEqual(want);
    // Movies with an IMDb id OMDb does not know: quarantined with the reason, not dropped.
    const unknown = ms.filter((m) => m.imdbId && !m.omdb).length;
    expect(await count(`SELECT count(*) FROM ${t('quarantine')} WHERE source = 'omdb' AND reason LIKE 'not_found:%'`)).toBe(unknown);
    expect(await count(`SELECT count(*) FROM ${t('ingest_runs')} WHERE status = 'succeeded'`)).toBe(3); // FullSetup keeps no ledger row
  });

  it('the gold view gives one row per movie with its latest scores and a consensus', async () => {
    const rows = (await trino.query(`SELECT tmdb_id, tmdb_score, consensus_score, scores_count FROM ${t('movie_ratings_latest')}`)).rows;
    expect(rows).toHaveLength(movies().length);
    for (const [, tmdb, consensus, n] of rows) {
      if (Number(n) > 0) expect(consensus).not.toBeNull();
      if (tmdb !== null) expect(Number(tmdb)).toBeGreaterThanOrEqual(0);
    }
  });

  it('no configured secret is in any workflow history, in the worker log, or in the stored rows', async () => {
    const secrets = Object.entries(cfg.secrets).filter(([, v]) => typeof v === 'string' && v.length >= 6) as [string, string][];
    expect(secrets.map(([k]) => k)).toEqual(
      expect.arrayContaining(['tmdbApiKey', 'omdbApiKey', 's3AccessKeyId', 's3SecretAccessKey', 'polarisRootClientId', 'polarisRootClientSecret']),
    );
    expect(workflowIds).toHaveLength(4);
    // Every run of every workflow (continue-as-new included).
    let events = 0;
    for (const id of workflowIds) {
      for await (const ex of h.client.workflow.list({ query: `WorkflowId = '${id}'` })) {
        const history = await h.client.workflow.getHandle(id, ex.runId).fetchHistory();
        events += history.events?.length ?? 0;
        const text = JSON.stringify(history);
        for (const [name, value] of secrets) expect({ name, found: text.includes(value) }).toEqual({ name, found: false });
      }
    }
    expect(events).toBeGreaterThan(30);
    expect(logLines.length).toBeGreaterThan(0);
    const logs = logLines.join('\n');
    for (const [name, value] of secrets) expect({ name, inLogs: logs.includes(value) }).toEqual({ name, inLogs: false });
    for (const table of ['rating_observations', 'critic_pages', 'quarantine', 'ingest_runs']) {
      const dump = JSON.stringify((await trino.query(`SELECT * FROM ${t(table)}`)).rows);
      for (const [name, value] of secrets) expect({ table, name, found: dump.includes(value) }).toEqual({ table, name, found: false });
    }
  });
});
