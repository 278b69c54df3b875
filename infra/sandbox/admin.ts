/**
 * /__admin endpoints: steer the sandbox from another process (a Temporal worker's test, a shell).
 *   GET  /__admin/faults            current knobs of every site
 *   POST /__admin/faults            {"site": "tmdb"|"all", "faults": {...}} or {"tmdb": {...}, "omdb": {...}}
 *   POST /__admin/reset             knobs, rate limits, quotas and stats back to the start ({"site"} = knobs of one site)
 *   GET  /__admin/stats             request counts per site, status and fault; the last requests
 *   GET  /__admin/catalog           reference day, seed, size and hard-case counts
 *   GET  /__admin/catalog/movies    ?tag=…&changedFrom=…&changedTo=…&releasedFrom=…&releasedTo=…&limit=…
 */
import { z } from 'zod';
import { SANDBOX_KEYS, SANDBOX_PATHS } from '../../config/load';
import { catalogSummary, moviesChangedBetween, moviesReleasedBetween } from './catalog-queries';
import { isIsoDate } from './dates';
import { faultKnobsSchema, SITE_NAMES, siteNameOf, SiteName } from './faults';
import { json } from './responses';
import type { SandboxState } from './server';
import type { SandboxMovie, SandboxResponse } from './types';

const siteSchema = z.string().refine((s) => s === 'all' || siteNameOf(s) !== undefined, {
  message: `site must be "all" or one of ${SITE_NAMES.join(', ')}`,
});

const oneSiteSchema = z.object({ site: siteSchema, faults: faultKnobsSchema }).strict();
const perSiteSchema = z.record(siteSchema, faultKnobsSchema);
type Knobs = z.infer<typeof faultKnobsSchema>;

/** Accepts {"site", "faults"} or {"<site>": knobs, ...}; returns [site, knobs] pairs or an error text. */
function parseSetFaults(raw: unknown): [string, Knobs][] | string {
  const issues = (e: z.ZodError) => e.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
  if (typeof raw === 'object' && raw !== null && 'site' in raw) {
    const one = oneSiteSchema.safeParse(raw);
    return one.success ? [[one.data.site, one.data.faults]] : issues(one.error);
  }
  const many = perSiteSchema.safeParse(raw);
  return many.success ? Object.entries(many.data) : issues(many.error);
}

function badRequest(message: string): SandboxResponse {
  return json(400, { error: message });
}

function currentFaults(state: SandboxState): Record<string, unknown> {
  return Object.fromEntries(SITE_NAMES.map((s) => [s, state.faults[s].knobs]));
}

function targets(site: string): SiteName[] {
  return site === 'all' ? [...SITE_NAMES] : [siteNameOf(site) as SiteName];
}

function parseJson(body: string): unknown {
  if (!body.trim()) return {};
  return JSON.parse(body);
}

export function handleAdmin(
  state: SandboxState,
  method: string,
  pathname: string,
  body: string,
  query: URLSearchParams = new URLSearchParams(),
): SandboxResponse {
  const path = pathname.replace(/\/+$/, '');
  try {
    if (path === '/__admin/index' || path === '/__admin') return json(200, index(state));
    if (path === '/__admin/faults' && method === 'GET') return json(200, currentFaults(state));
    if (path === '/__admin/faults' && method === 'POST') {
      const entries = parseSetFaults(parseJson(body));
      if (typeof entries === 'string') return badRequest(entries);
      for (const [site, knobs] of entries) for (const s of targets(site)) state.faults[s].set(knobs);
      return json(200, currentFaults(state));
    }
    if (path === '/__admin/reset' && method === 'POST') {
      const input = z.object({ site: siteSchema.optional() }).strict().safeParse(parseJson(body));
      if (!input.success) return badRequest(input.error.issues.map((i) => i.message).join('; '));
      if (input.data.site) for (const s of targets(input.data.site)) state.faults[s].reset();
      else state.reset();
      return json(200, { reset: input.data.site ?? 'everything', faults: currentFaults(state) });
    }
    if (path === '/__admin/stats' && method === 'GET') return json(200, state.stats.snapshot());
    if (path === '/__admin/catalog' && method === 'GET') {
      return json(200, { today: state.catalog.today, seed: state.catalog.seed, ...catalogSummary(state.catalog) });
    }
    if (path === '/__admin/catalog/movies' && method === 'GET') return handleCatalogMovies(state, query);
  } catch (err) {
    if (err instanceof SyntaxError) return badRequest(`invalid JSON body: ${err.message}`);
    throw err;
  }
  return json(404, { error: `unknown admin endpoint ${method} ${pathname}` });
}

/** GET /__admin/catalog/movies: the catalog queries, for tests in another process. */
export function handleCatalogMovies(state: SandboxState, query: URLSearchParams): SandboxResponse {
  let movies: SandboxMovie[] = state.catalog.movies;
  const changedFrom = query.get('changedFrom');
  const changedTo = query.get('changedTo');
  const releasedFrom = query.get('releasedFrom');
  const releasedTo = query.get('releasedTo');
  for (const d of [changedFrom, changedTo, releasedFrom, releasedTo]) if (d !== null && !isIsoDate(d)) return badRequest(`bad date ${d}`);
  if (changedFrom || changedTo) movies = moviesChangedBetween({ ...state.catalog, movies }, changedFrom ?? '0000-01-01', changedTo ?? '9999-12-31');
  if (releasedFrom || releasedTo) {
    movies = moviesReleasedBetween({ ...state.catalog, movies }, releasedFrom ?? '0000-01-01', releasedTo ?? '9999-12-31', {
      includeAdult: query.get('includeAdult') === 'true',
    });
  }
  const tag = query.get('tag');
  if (tag) movies = movies.filter((m) => m.tags.includes(tag));
  const total = movies.length;
  const limit = Number(query.get('limit') ?? '100');
  return json(200, { total, movies: movies.slice(0, Number.isInteger(limit) && limit >= 0 ? limit : 100) });
}

function index(state: SandboxState): Record<string, unknown> {
  const base = state.baseUrl();
  return {
    name: 'movie-ratings-lakehouse sandbox',
    catalog: { today: state.catalog.today, seed: state.catalog.seed, movies: state.catalog.movies.length },
    sites: Object.fromEntries(state.mounts.map((m) => [m.name, `${base}${SANDBOX_PATHS[m.name]}`])),
    keys: SANDBOX_KEYS,
    admin: ['GET /__admin/faults', 'POST /__admin/faults', 'POST /__admin/reset', 'GET /__admin/stats', 'GET /__admin/catalog', 'GET /__admin/catalog/movies'],
  };
}
