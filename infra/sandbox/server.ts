/**
 * The sandbox server: one node:http server on 127.0.0.1 serving TMDB, OMDb, Rotten Tomatoes and
 * Metacritic stand-ins under their SANDBOX_PATHS prefixes, with fault knobs per site that tests set
 * in-process (setFaults) or over HTTP (/__admin/*) from another process such as a Temporal worker.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { SANDBOX_KEYS } from '../../config/load';
import { handleAdmin } from './admin';
import { buildCatalog, CatalogOptions } from './catalog';
import { utcDate } from './dates';
import { baselineFaults, SITE_NAMES, SiteFaults, SiteName } from './faults';
import { matchMount, Mount, resolveMounts } from './mounts';
import { RateLimiter } from './rate-limit';
import { headerValue, htmlErrorPage, malformBody, text } from './responses';
import { FaultKind, SandboxStats, StatsRecorder } from './stats';
import type { FaultKnobs, SandboxCatalog, SandboxContext, SandboxRequest, SandboxResponse, SandboxSite } from './types';

export interface SandboxOptions {
  /** 0 (default) = a free port. */
  port?: number;
  host?: string;
  /** Options for buildCatalog, or a ready catalog. Default `today` here is the current UTC day. */
  catalog?: CatalogOptions | SandboxCatalog;
  /** Initial knobs per site; resetFaults() returns to these. */
  faults?: Partial<Record<SiteName, Partial<FaultKnobs>>>;
  /** Replace a site module, or null to leave it unmounted. */
  sites?: Partial<Record<SiteName, SandboxSite | null>>;
  /** Clock for quotas, rate limits and stats (tests inject one). */
  now?: () => Date;
}

export interface SandboxHandle {
  /** Base URL of the server, e.g. http://127.0.0.1:8787 (no trailing slash). */
  url: string;
  port: number;
  catalog: SandboxCatalog;
  /** Base URL of each mounted site (what the clients are configured with); absent = not mounted. */
  baseUrls: Partial<Record<SiteName, string>>;
  keys: typeof SANDBOX_KEYS;
  /** Merges knobs over one site's current ones ('all' = every site). */
  setFaults(site: SiteName | 'all', knobs: Partial<FaultKnobs>): void;
  /** Back to the startup knobs (one site or all), restarting the deterministic counters. */
  resetFaults(site?: SiteName | 'all'): void;
  faults(site: SiteName): Readonly<FaultKnobs>;
  /** Resets knobs, rate limits, quotas and stats: a fresh sandbox, same catalog. */
  reset(): void;
  stats(): SandboxStats;
  close(): Promise<void>;
}

/** Everything the request pipeline needs; shared with the admin endpoints. */
export interface SandboxState {
  catalog: SandboxCatalog;
  mounts: Mount[];
  faults: Record<SiteName, SiteFaults>;
  siteState: Record<SiteName, Map<string, unknown>>;
  limiter: RateLimiter;
  stats: StatsRecorder;
  now: () => Date;
  baseUrl: () => string;
  reset(): void;
}

const isCatalog = (c: SandboxOptions['catalog']): c is SandboxCatalog => !!c && Array.isArray((c as SandboxCatalog).movies);

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const now = options.now ?? (() => new Date());
  const catalog = isCatalog(options.catalog) ? options.catalog : buildCatalog({ today: utcDate(now()), ...options.catalog });
  const mounts = resolveMounts(options.sites);
  const faults = Object.fromEntries(SITE_NAMES.map((s) => [s, new SiteFaults(baselineFaults(s, options.faults?.[s]))])) as Record<SiteName, SiteFaults>;
  const siteState = Object.fromEntries(SITE_NAMES.map((s) => [s, new Map<string, unknown>()])) as Record<SiteName, Map<string, unknown>>;
  const limiter = new RateLimiter(() => now().getTime());
  const stats = new StatsRecorder(now);
  let url = '';

  const state: SandboxState = {
    catalog,
    mounts,
    faults,
    siteState,
    limiter,
    stats,
    now,
    baseUrl: () => url,
    reset() {
      for (const s of SITE_NAMES) {
        faults[s].reset();
        siteState[s].clear();
      }
      limiter.reset();
      stats.reset();
    },
  };

  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  const server = createServer((req, res) => {
    serve(state, req, res, sleep).catch((err: unknown) => {
      // A bug in a site must show up as a 500 the test can see, not kill the server.
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(`sandbox error: ${err instanceof Error ? err.stack : String(err)}\n`);
      } else res.destroy();
    });
  });
  server.keepAliveTimeout = 30_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  url = `http://${options.host ?? '127.0.0.1'}:${port}`;

  const targets = (site?: SiteName | 'all'): SiteName[] => (site === undefined || site === 'all' ? [...SITE_NAMES] : [site]);
  return {
    url,
    port,
    catalog,
    baseUrls: Object.fromEntries(mounts.map((m) => [m.name, `${url}${m.name === 'omdb' ? `${m.prefix}/` : m.prefix}`])),
    keys: SANDBOX_KEYS,
    setFaults: (site, knobs) => targets(site).forEach((s) => faults[s].set(knobs)),
    resetFaults: (site) => targets(site).forEach((s) => faults[s].reset()),
    faults: (site) => faults[site].knobs,
    reset: () => state.reset(),
    stats: () => stats.snapshot(),
    close: () => closeServer(server, sockets, timers),
  };
}

function closeServer(server: Server, sockets: Set<Socket>, timers: Set<NodeJS.Timeout>): Promise<void> {
  for (const t of timers) clearTimeout(t);
  timers.clear();
  return new Promise((resolve) => {
    server.close(() => resolve());
    for (const s of sockets) s.destroy();
  });
}

// ---------------------------------------------------------------------------------------------

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

type Delivery = { res: SandboxResponse; fault?: FaultKind; truncate?: boolean };

async function serve(state: SandboxState, req: IncomingMessage, res: ServerResponse, sleep: (ms: number) => Promise<void>): Promise<void> {
  const parsed = new URL(req.url ?? '/', 'http://sandbox.invalid');
  const method = req.method ?? 'GET';
  const pathname = parsed.pathname;

  if (pathname === '/__admin' || pathname.startsWith('/__admin/')) {
    const body = method === 'POST' ? await readBody(req) : '';
    return send(req, res, handleAdmin(state, method, pathname, body, parsed.searchParams));
  }
  if (pathname === '/' || pathname === '/favicon.ico') {
    req.resume();
    return send(req, res, handleAdmin(state, 'GET', '/__admin/index', ''));
  }

  req.resume(); // the sites only read GET parameters
  const match = matchMount(state.mounts, pathname);
  if (!match) {
    state.stats.record('none', method, req.url ?? '', 404);
    return send(req, res, text(404, `No sandbox site at ${pathname}. Sites: ${state.mounts.map((m) => m.prefix).join(', ')}\n`));
  }
  const { mount, rest } = match;
  const request: SandboxRequest = { method, path: rest, query: parsed.searchParams, headers: req.headers };
  const delivery = await runSite(state, mount, request, sleep);
  // A delayed answer with no other fault still shows up in the stats.
  if (!delivery.fault && state.faults[mount.name].knobs.latencyMs > 0) delivery.fault = 'delayed';
  state.stats.record(mount.name, method, req.url ?? '', delivery.res.status, delivery.fault);
  return send(req, res, delivery.res, delivery.truncate);
}

/** One request through a site: latency, auth, 429s, injected errors, the handler, body faults. */
async function runSite(state: SandboxState, mount: Mount, req: SandboxRequest, sleep: (ms: number) => Promise<void>): Promise<Delivery> {
  const faults = state.faults[mount.name];
  const knobs = faults.knobs;
  const ctx: SandboxContext = {
    faults: knobs,
    now: state.now(),
    today: state.catalog.today ?? utcDate(state.now()),
    state: state.siteState[mount.name],
  };
  const site = mount.site;
  const errorResponse = (status: number, detail: Parameters<NonNullable<SandboxSite['errorResponse']>>[1] = {}) =>
    site.errorResponse?.(status, detail) ?? htmlErrorPage(status);

  const isRobots = req.path === '/robots.txt';
  const faulty = !isRobots || knobs.faultRobots;
  if (knobs.latencyMs > 0 && faulty) await sleep(knobs.latencyMs);

  if (isRobots && !faulty) {
    return { res: site.robotsTxt ? text(200, site.robotsTxt(state.catalog)) : errorResponse(404) };
  }
  if (knobs.forbidden) return { res: errorResponse(403), fault: 'forbidden' };

  if (!isRobots && site.authorize) {
    const denied = site.authorize(req, ctx);
    if (denied) return { res: denied, fault: 'unauthorized' };
  }

  if (faults.takeStorm()) {
    const retry = knobs.retryAfterSeconds;
    const res = errorResponse(429, { retryAfterSeconds: retry, limit: knobs.rateLimitPerSecond ?? 40 });
    return { res: withHeader(res, 'Retry-After', String(retry)), fault: 'storm' };
  }
  if (knobs.rateLimitPerSecond !== null) {
    const key = `${mount.name}:${site.rateLimitKey?.(req) ?? ''}`;
    const decision = state.limiter.take(key, knobs.rateLimitPerSecond);
    if (!decision.allowed) {
      const res = errorResponse(429, {
        retryAfterSeconds: decision.retryAfterSeconds,
        requestCount: decision.requestCount,
        limit: knobs.rateLimitPerSecond,
      });
      return { res: withHeader(res, 'Retry-After', String(decision.retryAfterSeconds)), fault: 'rateLimited' };
    }
  }
  if (faults.errors.hit(knobs.errorRate)) return { res: errorResponse(knobs.errorStatus), fault: 'error' };

  let res: SandboxResponse;
  if (isRobots) res = site.robotsTxt ? text(200, site.robotsTxt(state.catalog)) : errorResponse(404);
  else res = site.handle(req, state.catalog, ctx) ?? errorResponse(404);

  if (faults.malformations.hit(knobs.malformedRate)) return { res: malformBody(res), fault: 'malformed' };
  if (faults.truncations.hit(knobs.truncateRate)) return { res, fault: 'truncated', truncate: true };
  return { res };
}

function withHeader(res: SandboxResponse, name: string, value: string): SandboxResponse {
  return { ...res, headers: { ...res.headers, [name]: value } };
}

function send(req: IncomingMessage, res: ServerResponse, out: SandboxResponse, truncate = false): void {
  const body = Buffer.from(out.body, 'utf8');
  const headers: Record<string, string | number> = { ...out.headers, 'Content-Length': body.length };
  const etag = headerValue(out.headers, 'etag');
  if (!truncate && etag && out.status === 200 && req.headers['if-none-match'] === etag) {
    delete headers['Content-Length'];
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(out.status, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  if (truncate) {
    // Promise the whole body, send part of it, then drop the connection: the client sees a
    // premature close mid-body, as when a proxy dies.
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
    return;
  }
  res.end(body);
}
