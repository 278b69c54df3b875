import { AuthError, BadRequestError, ParseError } from '../errors';
import { Fetched } from '../http/fetched';
import { HttpClient, HttpLogEvent } from '../http/http-client';
import { redact } from '../http/redact';
import { chunkWindow, DateWindow, daysBetween, isIsoDate } from './date-windows';
import { detectTmdbError, TmdbCredentialVar } from './errors';
import {
  parseTmdbChanges,
  parseTmdbFind,
  parseTmdbGenres,
  parseTmdbList,
  parseTmdbMovieDetails,
  TmdbChangesPage,
  TmdbGenre,
  TmdbListItem,
  TmdbListPage,
  TmdbMovieParsed,
  Rejected,
} from './parse';
import { walkWindow, WindowCursor, WindowPage } from './window-walk';

/** TMDB answers page > 500 with error 22, whatever total_pages says. */
export const TMDB_MAX_PAGE = 500;
/** /movie/changes accepts at most 14 days per request. */
export const TMDB_CHANGES_MAX_DAYS = 14;
export const TMDB_MAX_APPEND = 20;
export const DEFAULT_APPEND = ['external_ids', 'credits', 'release_dates'] as const;

export type TmdbList = 'popular' | 'top_rated' | 'now_playing';

export interface TmdbClientOptions {
  http: HttpClient;
  /** e.g. https://api.themoviedb.org/3, or the sandbox's http://127.0.0.1:8787/tmdb/3 */
  baseUrl: string;
  apiKey?: string;
  /** Sent as `Authorization: Bearer`; preferred over apiKey when both are set (keeps the key out of URLs). */
  readAccessToken?: string;
  /** Default en-US (TMDB's own default). */
  language?: string;
  /** Rate-limiter key in the HttpClient (default "tmdb"). */
  site?: string;
  clock?: () => Date;
  log?: (event: HttpLogEvent) => void;
  /** Highest page TMDB serves (500). Lower it only against the sandbox's maxPage knob, to test window splitting. */
  maxPage?: number;
}

export interface DiscoverQuery {
  /** primary_release_date.gte, YYYY-MM-DD */
  from: string;
  /** primary_release_date.lte, YYYY-MM-DD */
  to: string;
  /** Default primary_release_date.asc: stable order inside a window while paging. */
  sortBy?: string;
  includeAdult?: boolean;
  /** Extra discover parameters (region, with_genres, vote_count.gte...). */
  params?: Record<string, string | number | boolean>;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface ListPageEvent {
  page: number;
  /** min(total_pages, 500) */
  lastPage: number;
  /** total_pages was above 500: pages beyond 500 are unreachable for this list. */
  truncated: boolean;
  fetched: Fetched<TmdbListPage>;
}

export type { WindowCursor, WindowPage } from './window-walk';
export type { Fetched, TmdbChangesPage, TmdbListPage, TmdbMovieParsed, TmdbGenre, TmdbListItem, Rejected };

/**
 * TMDB v3 client: discover by release-date window, the popular/top_rated/now_playing lists,
 * /movie/changes, movie details with appended external ids/credits/release dates, genres, and
 * find by IMDb id. Page iterators yield one page at a time with a cursor to checkpoint.
 */
export class TmdbClient {
  private readonly base: string;
  private readonly site: string;
  private readonly language: string;
  private readonly clock: () => Date;
  private readonly credentialVar: TmdbCredentialVar | undefined;
  private readonly maxPage: number;

  constructor(private readonly o: TmdbClientOptions) {
    this.base = o.baseUrl.replace(/\/+$/, '');
    this.site = o.site ?? 'tmdb';
    this.language = o.language ?? 'en-US';
    this.clock = o.clock ?? (() => new Date());
    this.credentialVar = o.readAccessToken ? 'TMDB_READ_ACCESS_TOKEN' : o.apiKey ? 'TMDB_API_KEY' : undefined;
    this.maxPage = Math.min(o.maxPage ?? TMDB_MAX_PAGE, TMDB_MAX_PAGE);
    o.http.addSecrets([o.apiKey, o.readAccessToken]);
  }

  /** One /discover/movie page for a primary-release-date window. */
  discoverPage(q: DiscoverQuery, page: number, opts: RequestOptions = {}): Promise<Fetched<TmdbListPage>> {
    checkWindow({ from: q.from, to: q.to });
    this.checkPage(page);
    const params: Record<string, string | number | boolean> = {
      'primary_release_date.gte': q.from,
      'primary_release_date.lte': q.to,
      sort_by: q.sortBy ?? 'primary_release_date.asc',
      include_adult: q.includeAdult ?? false,
      include_video: false,
      language: this.language,
      ...q.params,
      page,
    };
    return this.fetch('/discover/movie', params, parseTmdbList, opts);
  }

  /** One page of /movie/popular, /movie/top_rated or /movie/now_playing. */
  listPage(list: TmdbList, page: number, opts: RequestOptions & { region?: string } = {}): Promise<Fetched<TmdbListPage>> {
    this.checkPage(page);
    const params: Record<string, string | number> = { language: this.language, page };
    if (opts.region) params.region = opts.region;
    return this.fetch(`/movie/${list}`, params, parseTmdbList, opts);
  }

  /** One /movie/changes page; the window must be at most 14 days. */
  changesPage(window: DateWindow, page: number, opts: RequestOptions = {}): Promise<Fetched<TmdbChangesPage>> {
    checkWindow(window);
    this.checkPage(page);
    if (daysBetween(window.from, window.to) >= TMDB_CHANGES_MAX_DAYS) {
      throw new BadRequestError(`TMDB changes window ${window.from}..${window.to} is longer than ${TMDB_CHANGES_MAX_DAYS} days`);
    }
    const params = { start_date: window.from, end_date: window.to, page };
    return this.fetch('/movie/changes', params, parseTmdbChanges, opts);
  }

  /** /movie/{id} with append_to_response (default external_ids,credits,release_dates). */
  movieDetails(
    tmdbId: number,
    opts: RequestOptions & { append?: readonly string[] } = {},
  ): Promise<Fetched<TmdbMovieParsed>> {
    if (!Number.isInteger(tmdbId) || tmdbId <= 0) throw new BadRequestError(`invalid TMDB id: ${tmdbId}`);
    const append = opts.append ?? DEFAULT_APPEND;
    if (append.length > TMDB_MAX_APPEND) {
      throw new BadRequestError(`TMDB allows at most ${TMDB_MAX_APPEND} append_to_response items, got ${append.length}`);
    }
    const params: Record<string, string> = { language: this.language };
    if (append.length) params.append_to_response = append.join(',');
    return this.fetch(`/movie/${tmdbId}`, params, (body, fetchedAt) => parseTmdbMovieDetails(body, { observedAt: fetchedAt }), opts);
  }

  /** /genre/movie/list */
  genres(opts: RequestOptions = {}): Promise<Fetched<TmdbGenre[]>> {
    return this.fetch('/genre/movie/list', { language: this.language }, parseTmdbGenres, opts);
  }

  /** /find/{imdb_id}?external_source=imdb_id → the matching movies (usually zero or one). */
  findByImdbId(imdbId: string, opts: RequestOptions = {}): Promise<Fetched<{ items: TmdbListItem[]; rejected: Rejected[] }>> {
    if (!/^tt\d+$/.test(imdbId)) throw new BadRequestError(`not an IMDb id: ${JSON.stringify(imdbId)}`);
    const params = { external_source: 'imdb_id', language: this.language };
    return this.fetch(`/find/${imdbId}`, params, parseTmdbFind, opts);
  }

  /** Pages 1..min(total_pages, 500) of a list; resume with `startPage` (the last checkpointed page + 1). */
  async *listPages(list: TmdbList, opts: RequestOptions & { startPage?: number; region?: string } = {}): AsyncGenerator<ListPageEvent> {
    let page = opts.startPage ?? 1;
    for (;;) {
      if (page > this.maxPage) return;
      const fetched = await this.listPage(list, page, opts);
      const total = fetched.parsed.totalPages;
      const lastPage = Math.min(total, this.maxPage);
      const truncated = total > this.maxPage;
      if (truncated && page === (opts.startPage ?? 1)) {
        this.emit({ level: 'warn', msg: `TMDB ${list}: total_pages ${total} > ${this.maxPage}; only the first ${this.maxPage} pages are reachable`, list, totalPages: total });
      }
      yield { page, lastPage, truncated, fetched };
      if (page >= lastPage || fetched.parsed.items.length === 0) return;
      page++;
    }
  }

  /**
   * Every discover page of a release-date window. A window reporting more than 500 pages is
   * halved until each part fits; a single day still over the cap yields its first 500 pages
   * flagged `truncated`. Resume with `resume` = the cursor of the last page processed.
   */
  discoverPages(q: DiscoverQuery, opts: RequestOptions & { resume?: WindowCursor } = {}): AsyncGenerator<WindowPage<TmdbListPage>> {
    checkWindow({ from: q.from, to: q.to });
    return walkWindow<TmdbListPage>({
      window: { from: q.from, to: q.to },
      resume: opts.resume,
      fetchPage: (w, page) => this.discoverPage({ ...q, from: w.from, to: w.to }, page, opts),
      emit: (e) => this.emit(e),
      what: 'TMDB discover',
      maxPage: this.maxPage,
    });
  }

  /**
   * Every /movie/changes page for [from, to], in windows of at most 14 days, looping until
   * page >= total_pages (total_results is ignored: it is wrong in real responses).
   */
  async *changesPages(window: DateWindow, opts: RequestOptions & { resume?: WindowCursor } = {}): AsyncGenerator<WindowPage<TmdbChangesPage>> {
    checkWindow(window);
    for (const chunk of chunkWindow(window, TMDB_CHANGES_MAX_DAYS)) {
      const r = opts.resume;
      // Chunks are deterministic: skip those wholly before the checkpoint, resume inside the one holding it.
      if (r && daysBetween(chunk.to, r.from) > 0) continue;
      const resume = r && daysBetween(chunk.from, r.from) >= 0 ? r : undefined;
      yield* walkWindow<TmdbChangesPage>({
        window: chunk,
        resume,
        fetchPage: (w, page) => this.changesPage(w, page, opts),
        emit: (e) => this.emit(e),
        what: 'TMDB changes',
        maxPage: this.maxPage,
      });
    }
  }

  private checkPage(page: number): void {
    if (!Number.isInteger(page) || page < 1 || page > this.maxPage) {
      throw new BadRequestError(`TMDB pages run from 1 to ${this.maxPage}, got ${page}`);
    }
  }

  private authorization(): { headers: Record<string, string>; params: Record<string, string> } {
    if (this.o.readAccessToken) return { headers: { authorization: `Bearer ${this.o.readAccessToken}` }, params: {} };
    if (this.o.apiKey) return { headers: {}, params: { api_key: this.o.apiKey } };
    throw new AuthError('No TMDB credentials configured: set TMDB_API_KEY or TMDB_READ_ACCESS_TOKEN (environment or .env; see config/env.example)');
  }

  private async fetch<T>(
    path: string,
    params: Record<string, string | number | boolean>,
    parse: (body: string, fetchedAt: string) => T,
    opts: RequestOptions,
  ): Promise<Fetched<T>> {
    const auth = this.authorization();
    const url = new URL(this.base + path);
    for (const [k, v] of Object.entries({ ...params, ...auth.params })) url.searchParams.set(k, String(v));
    const res = await this.o.http.get({
      site: this.site,
      url: url.toString(),
      headers: { accept: 'application/json', ...auth.headers },
      signal: opts.signal,
      // TMDB's error bodies say more than the status (which variable to fix, which code): read them here.
      passStatuses: [400, 401, 403, 404, 406, 422],
    });
    const fetchedAt = this.clock().toISOString();
    if (res.status >= 400) {
      const err = detectTmdbError(res.body, res.status, { credentialVar: this.credentialVar, url: res.url });
      if (err) throw err;
    }
    try {
      return { raw: res.body, parsed: parse(res.body, fetchedAt), url: res.url, status: res.status, fetchedAt };
    } catch (err) {
      // Keep the payload on the error so the caller can store it in bronze and quarantine it.
      if (err instanceof ParseError) throw new ParseError(err.message, { ...err.details, raw: res.body });
      throw err;
    }
  }

  private emit(event: HttpLogEvent): void {
    if (!this.o.log) return;
    try {
      this.o.log({ ...event, msg: redact(event.msg, [this.o.apiKey, this.o.readAccessToken]) });
    } catch {
      // logging never fails a fetch
    }
  }
}

function checkWindow(w: DateWindow): void {
  if (!isIsoDate(w.from) || !isIsoDate(w.to)) throw new BadRequestError(`TMDB window needs YYYY-MM-DD dates, got ${w.from}..${w.to}`);
  if (daysBetween(w.from, w.to) < 0) throw new BadRequestError(`TMDB window ends before it starts: ${w.from}..${w.to}`);
}

