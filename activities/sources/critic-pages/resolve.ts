import type { WantedMovie } from '../critic-match';
import type { PageFetcher } from '../robots/page-fetcher';
import { Candidate, ParsedPageLike, rankSearchRows, ResolveResult, tryCandidates } from './candidate-pages';

/** What a caller gives either critic-site resolver. */
export interface CriticResolveOptions {
  fetcher: PageFetcher;
  /** The site's base URL from `resolveSources(...)`: the real site or the sandbox's mount. */
  baseUrl: string;
  /** Stamped on the parsed page's observations. */
  observedAt: string;
  signal?: AbortSignal;
}

/** How one critic site is searched, guessed at and parsed. */
export interface CriticSiteResolver<P extends ParsedPageLike> {
  /** The robots/politeness site key. */
  site: string;
  searchUrl: (base: string, query: string) => string;
  parseSearch: (html: string, base: string) => Candidate[];
  slugCandidates: (titles: string[], year: number | null) => string[];
  pageUrl: (base: string, slug: string) => string;
  parse: (html: string, url: string, observedAt: string) => P;
}

/**
 * Site search first (rows whose title and year already fit), for the title and then the original
 * title, then slug guesses; every page is verified by its own title and year (tryCandidates).
 */
export async function resolveCriticPage<P extends ParsedPageLike>(
  wanted: WantedMovie,
  o: CriticResolveOptions,
  s: CriticSiteResolver<P>,
): Promise<ResolveResult<P>> {
  const base = o.baseUrl.replace(/\/+$/, '');
  const queries = [wanted.title, wanted.originalTitle].filter((q, i, a): q is string => !!q && a.indexOf(q) === i);
  let fromSearch: Candidate[] = [];
  for (const q of queries) {
    const res = await o.fetcher.fetch({ site: s.site, baseUrl: base, url: s.searchUrl(base, q), signal: o.signal, passStatuses: [404] });
    if (res.status === 'fetched' && res.response.status === 200) fromSearch = rankSearchRows(wanted, s.parseSearch(res.response.body, base));
    if (fromSearch.length) break;
  }
  const fromSlugs = s.slugCandidates(queries, wanted.year).map((slug) => ({ url: s.pageUrl(base, slug) }));
  return tryCandidates(wanted, [...fromSearch, ...fromSlugs], {
    fetcher: o.fetcher,
    site: s.site,
    baseUrl: base,
    signal: o.signal,
    parse: (html, url) => s.parse(html, url, o.observedAt),
  });
}
