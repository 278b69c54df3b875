import type { WantedMovie } from '../critic-match';
import type { PageFetcher } from '../robots/page-fetcher';
import { Candidate, rankSearchRows, ResolveResult, tryCandidates } from './candidate-pages';
import { parseRottenTomatoesPage, RottenTomatoesPage } from './parse';
import { parseRtSearch } from './search';
import { rtSlugCandidates } from './slug';

export type { ResolveResult } from './candidate-pages';

export const RT_SITE = 'rotten_tomatoes';

export interface RtResolveOptions {
  fetcher: PageFetcher;
  /** `resolveSources(...).rottenTomatoesBaseUrl`: https://www.rottentomatoes.com or the sandbox's /rt. */
  baseUrl: string;
  /** Stamped on the parsed page's observations. */
  observedAt: string;
  signal?: AbortSignal;
}

/**
 * Finds a movie's Rotten Tomatoes page: site search first (rows whose title and year already fit),
 * then slug guesses (`title`, `title_<year>`, without a leading article), each page verified by
 * its own title and year (±1). Robots-disallowed pages are never fetched; when nothing was found
 * and something was disallowed, the answer is `blocked_by_robots`.
 */
export async function resolveRottenTomatoes(
  wanted: WantedMovie,
  o: RtResolveOptions,
): Promise<ResolveResult<RottenTomatoesPage>> {
  const base = o.baseUrl.replace(/\/+$/, '');
  const loop = {
    fetcher: o.fetcher,
    site: RT_SITE,
    baseUrl: base,
    signal: o.signal,
    parse: (html: string, url: string) => parseRottenTomatoesPage(html, { observedAt: o.observedAt, url }),
  };

  const queries = [wanted.title, wanted.originalTitle].filter((q, i, a): q is string => !!q && a.indexOf(q) === i);
  let fromSearch: Candidate[] = [];
  for (const q of queries) {
    const res = await o.fetcher.fetch({ site: RT_SITE, baseUrl: base, url: `${base}/search?search=${encodeURIComponent(q)}`, signal: o.signal, passStatuses: [404] });
    if (res.status === 'fetched' && res.response.status === 200) fromSearch = rankSearchRows(wanted, parseRtSearch(res.response.body, base));
    if (fromSearch.length) break;
  }
  const fromSlugs = rtSlugCandidates(queries, wanted.year).map((slug) => ({ url: `${base}/m/${slug}` }));
  return tryCandidates(wanted, [...fromSearch, ...fromSlugs], loop);
}
