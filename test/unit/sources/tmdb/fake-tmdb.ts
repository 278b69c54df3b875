import { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../helpers/test-server';

/** A minimal TMDB stand-in for client tests (not a test file): auth, lists, discover, changes, details. */
export interface FakeTmdbOptions {
  apiKey?: string;
  token?: string;
  /** discover pages per release day (default 3) */
  pagesPerDay?: (day: string) => number;
  listTotalPages?: number;
}

const DAY = 86_400_000;

function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += DAY) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

function listBody(page: number, totalPages: number, idBase: number) {
  const results = page <= totalPages && page <= 500 ? [{ id: idBase + page, title: `Movie ${idBase + page}`, softcore: false, vote_average: 7, vote_count: 3 }] : [];
  return { page, results, total_pages: totalPages, total_results: totalPages * 20 };
}

export function fakeTmdb(o: FakeTmdbOptions = {}) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://x');
    const q = url.searchParams;
    const okKey = o.apiKey !== undefined && q.get('api_key') === o.apiKey;
    const okToken = o.token !== undefined && req.headers.authorization === `Bearer ${o.token}`;
    if (!okKey && !okToken) {
      return sendJson(res, 401, { status_code: 7, status_message: 'Invalid API key: You must be granted a valid key.', success: false });
    }
    const page = Number(q.get('page') ?? '1');
    if (q.has('page') && (!Number.isInteger(page) || page < 1 || page > 500)) {
      return sendJson(res, 400, { success: false, status_code: 22, status_message: 'Invalid page: Pages start at 1 and max at 500. They are expected to be an integer.' });
    }
    const path = url.pathname.replace(/^\/3/, '');
    if (path === '/discover/movie') {
      const from = q.get('primary_release_date.gte') ?? '';
      const to = q.get('primary_release_date.lte') ?? '';
      const total = days(from, to).reduce((n, d) => n + (o.pagesPerDay ?? (() => 3))(d), 0);
      return sendJson(res, 200, listBody(page, total, Date.parse(from) / DAY));
    }
    if (/^\/movie\/(popular|top_rated|now_playing)$/.test(path)) {
      return sendJson(res, 200, listBody(page, o.listTotalPages ?? 3, 0));
    }
    if (path === '/movie/changes') {
      const from = q.get('start_date') ?? '';
      const to = q.get('end_date') ?? '';
      if ((Date.parse(to) - Date.parse(from)) / DAY > 14) {
        return sendJson(res, 422, { success: false, status_code: 20, status_message: 'Invalid date range: Should be a range no longer than 14 days.' });
      }
      const base = Date.parse(from) / DAY;
      const results = [{ id: base * 10 + page, adult: page === 2 ? null : false }];
      return sendJson(res, 200, { results, page, total_pages: 2, total_results: 1 });
    }
    const m = /^\/movie\/(\d+)$/.exec(path);
    if (m) {
      if (m[1] === '404') return sendJson(res, 404, { success: false, status_code: 34, status_message: 'The resource you requested could not be found.' });
      if (m[1] === '666') return sendJson(res, 200, '{"id":666,"title":"cut off');
      return sendJson(res, 200, {
        id: Number(m[1]),
        title: 'Détails',
        imdb_id: 'tt0000001',
        vote_average: 7.5,
        vote_count: 10,
        append: q.get('append_to_response'),
        credits: { cast: [{ name: 'A', order: 0 }], crew: [{ name: 'D', job: 'Director' }] },
      });
    }
    if (path === '/genre/movie/list') return sendJson(res, 200, { genres: [{ id: 28, name: 'Action' }] });
    const f = /^\/find\/(tt\d+)$/.exec(path);
    if (f && q.get('external_source') === 'imdb_id') {
      return sendJson(res, 200, { movie_results: [{ id: 1, title: 'Found', media_type: 'movie' }], person_results: [], tv_results: [] });
    }
    sendJson(res, 404, { success: false, status_code: 34, status_message: 'The resource you requested could not be found.' });
  };
}
