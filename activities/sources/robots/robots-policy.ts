import robotsParser from 'robots-parser';

/**
 * One site's robots.txt rules. Rules are matched against the path *below the site's base URL*:
 * for the real sites the base is the host root, so this is the usual matching; for the sandbox
 * (robots.txt at http://127.0.0.1:8787/rt/robots.txt) "/m/x" means http://127.0.0.1:8787/rt/m/x.
 */

/** Where the rules came from: the file, no file (4xx: allow all), or no answer (5xx/network: disallow all). */
export type RobotsSource = 'fetched' | 'missing' | 'unreachable';

/** RFC 9309 §2.5: crawlers must parse at least 500 KiB; more is ignored. */
export const MAX_ROBOTS_CHARS = 500 * 1024;

type Parsed = ReturnType<typeof robotsParser>;

export class RobotsPolicy {
  private constructor(
    readonly baseUrl: string,
    readonly source: RobotsSource,
    private readonly rules: Parsed | 'allow-all' | 'disallow-all',
    /** Why the policy is what it is, for logs and error messages. */
    readonly note: string,
  ) {}

  static fromText(baseUrl: string, text: string): RobotsPolicy {
    // Relative mode of robots-parser: both the robots URL and the checked URLs are paths.
    return new RobotsPolicy(baseUrl, 'fetched', robotsParser('/robots.txt', text.slice(0, MAX_ROBOTS_CHARS)), 'robots.txt');
  }

  static allowAll(baseUrl: string, note: string): RobotsPolicy {
    return new RobotsPolicy(baseUrl, 'missing', 'allow-all', note);
  }

  static disallowAll(baseUrl: string, note: string): RobotsPolicy {
    return new RobotsPolicy(baseUrl, 'unreachable', 'disallow-all', note);
  }

  /** False for URLs outside the base URL and for everything when robots.txt could not be read. */
  isAllowed(url: string, productToken: string): boolean {
    const path = sitePath(url, this.baseUrl);
    if (path === null) return false;
    if (this.rules === 'allow-all') return true;
    if (this.rules === 'disallow-all') return false;
    return this.rules.isAllowed(path, productToken) !== false;
  }

  /** Crawl-delay for our token (or "*") in milliseconds, null when none is set. */
  crawlDelayMs(productToken: string): number | null {
    if (typeof this.rules === 'string') return null;
    const seconds = this.rules.getCrawlDelay(productToken);
    return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : null;
  }
}

/** "/m/x?y" for a URL under the base URL (base path stripped), null when the URL is elsewhere. */
export function sitePath(url: string, baseUrl: string): string | null {
  let u: URL;
  let b: URL;
  try {
    u = new URL(url);
    b = new URL(baseUrl);
  } catch {
    return null;
  }
  if (u.origin !== b.origin) return null;
  const basePath = b.pathname.replace(/\/+$/, '');
  if (basePath && u.pathname !== basePath && !u.pathname.startsWith(`${basePath}/`)) return null;
  return (u.pathname.slice(basePath.length) || '/') + u.search;
}
