import { AuthError, BadRequestError } from '../errors';
import { Fetched } from '../http/fetched';
import { HttpClient } from '../http/http-client';
import { detectOmdbError, OMDB_KEY_VAR } from './errors';
import { OmdbTitleParsed, parseOmdbTitle } from './parse';

export interface OmdbClientOptions {
  http: HttpClient;
  /** e.g. https://www.omdbapi.com/, or the sandbox's http://127.0.0.1:8787/omdb/ */
  baseUrl: string;
  apiKey?: string;
  /** Rate-limiter key in the HttpClient (default "omdb"). */
  site?: string;
  clock?: () => Date;
}

export interface OmdbRequestOptions {
  signal?: AbortSignal;
  plot?: 'short' | 'full';
}

/**
 * OMDb client: one title by IMDb id. The daily limit and bad keys both arrive as HTTP 401 and are
 * told apart by the body (QuotaExhaustedError vs AuthError); not-found arrives as HTTP 200.
 */
export class OmdbClient {
  private readonly site: string;
  private readonly clock: () => Date;

  constructor(private readonly o: OmdbClientOptions) {
    this.site = o.site ?? 'omdb';
    this.clock = o.clock ?? (() => new Date());
    o.http.addSecrets([o.apiKey]);
  }

  /** `?apikey=…&i=tt…&plot=short&r=json` */
  async byImdbId(imdbId: string, opts: OmdbRequestOptions = {}): Promise<Fetched<OmdbTitleParsed>> {
    if (!/^tt\d+$/.test(imdbId)) throw new BadRequestError(`not an IMDb id: ${JSON.stringify(imdbId)}`);
    if (!this.o.apiKey) throw new AuthError(`No OMDb key configured: set ${OMDB_KEY_VAR} (environment or .env; see config/env.example)`);
    const url = new URL(this.o.baseUrl);
    url.searchParams.set('apikey', this.o.apiKey);
    url.searchParams.set('i', imdbId);
    url.searchParams.set('plot', opts.plot ?? 'short');
    url.searchParams.set('r', 'json');
    const res = await this.o.http.get({
      site: this.site,
      url: url.toString(),
      headers: { accept: 'application/json' },
      signal: opts.signal,
      // 401 means a bad key OR the daily limit: only the body tells which.
      passStatuses: [401, 403, 404],
    });
    const fetchedAt = this.clock().toISOString();
    const err = detectOmdbError(res.body, res.status, { url: res.url });
    if (err) throw err;
    const parsed = parseOmdbTitle(res.body, { observedAt: fetchedAt, url: res.url });
    return { raw: res.body, parsed, url: res.url, status: res.status, fetchedAt };
  }
}
