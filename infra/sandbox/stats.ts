/**
 * Request counters per site and status, readable in-process (`stats()`) and over HTTP
 * (GET /__admin/stats) so a test in another process can assert what a worker sent.
 */
export type FaultKind = 'error' | 'truncated' | 'malformed' | 'rateLimited' | 'storm' | 'forbidden' | 'delayed' | 'unauthorized';

export interface SiteStats {
  requests: number;
  byStatus: Record<string, number>;
  faults: Record<FaultKind, number>;
}

export interface RecentRequest {
  site: string;
  method: string;
  /** Path and query with credentials masked. */
  url: string;
  status: number;
  /** Which fault (if any) shaped the answer. */
  fault?: FaultKind;
  at: string;
}

export interface SandboxStats {
  startedAt: string;
  requests: number;
  sites: Record<string, SiteStats>;
  /** The last RECENT_LIMIT requests, oldest first. */
  recent: RecentRequest[];
}

export const RECENT_LIMIT = 200;

const emptyFaults = (): Record<FaultKind, number> => ({
  error: 0,
  truncated: 0,
  malformed: 0,
  rateLimited: 0,
  storm: 0,
  forbidden: 0,
  delayed: 0,
  unauthorized: 0,
});

/** Masks api_key / apikey values and anything else that looks like a credential in a URL. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:api_key|apikey|access_token|token)=)[^&#]*/gi, '$1***');
}

export class StatsRecorder {
  private startedAt = new Date();
  private total = 0;
  private sites = new Map<string, SiteStats>();
  private recent: RecentRequest[] = [];

  constructor(private readonly clock: () => Date = () => new Date()) {
    this.startedAt = clock();
  }

  record(site: string, method: string, url: string, status: number, fault?: FaultKind): void {
    this.total++;
    let s = this.sites.get(site);
    if (!s) {
      s = { requests: 0, byStatus: {}, faults: emptyFaults() };
      this.sites.set(site, s);
    }
    s.requests++;
    s.byStatus[status] = (s.byStatus[status] ?? 0) + 1;
    if (fault) s.faults[fault]++;
    this.recent.push({ site, method, url: redactUrl(url), status, ...(fault ? { fault } : {}), at: this.clock().toISOString() });
    if (this.recent.length > RECENT_LIMIT) this.recent.splice(0, this.recent.length - RECENT_LIMIT);
  }

  snapshot(): SandboxStats {
    return JSON.parse(
      JSON.stringify({ startedAt: this.startedAt.toISOString(), requests: this.total, sites: Object.fromEntries(this.sites), recent: this.recent }),
    ) as SandboxStats;
  }

  reset(): void {
    this.startedAt = this.clock();
    this.total = 0;
    this.sites.clear();
    this.recent = [];
  }
}
