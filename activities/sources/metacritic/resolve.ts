import type { WantedMovie } from '../critic-match';
import type { PageFetcher } from '../robots/page-fetcher';
import { Candidate, rankSearchRows, ResolveResult, tryCandidates } from '../rotten-tomatoes/candidate-pages';
import { MetacriticPage, parseMetacriticPage } from './parse';
import { parseMetacriticSearch } from './search';
import { metacriticSlugCandidates } from './slug';

export type { ResolveResult } from '../rotten-tomatoes/candidate-pages';

export const METACRITIC_SITE = 'metacritic';

export interface McResolveOptions {
  fetcher: PageFetcher;
  /** `resolveSources(...).metacriticBaseUrl`: https://www.metacritic.com or the sandbox's /metacritic. */
  baseUrl: string;
  observedAt: string;
  signal?: AbortSignal;
}

/**
 * Finds a movie's Metacritic page: search (`/search/<title>/?category=2`) then slug guesses
 * (`title`, `title-<year>`), each page verified by its own title and year (±1).
 */
export async function resolveMetacritic(wanted: WantedMovie, o: McResolveOptions): Promise<ResolveResult<MetacriticPage>> {
  const base = o.baseUrl.replace(/\/+$/, '');
  const loop = {
    fetcher: o.fetcher,
    site: METACRITIC_SITE,
    baseUrl: base,
    signal: o.signal,
    parse: (html: string, url: string) => parseMetacriticPage(html, { observedAt: o.observedAt, url }),
  };
  const queries = [wanted.title, wanted.originalTitle].filter((q, i, a): q is string => !!q && a.indexOf(q) === i);
  let fromSearch: Candidate[] = [];
  for (const q of queries) {
    const url = `${base}/search/${encodeURIComponent(q)}/?category=2`;
    const res = await o.fetcher.fetch({ site: METACRITIC_SITE, baseUrl: base, url, signal: o.signal, passStatuses: [404] });
    if (res.status === 'fetched' && res.response.status === 200) fromSearch = rankSearchRows(wanted, parseMetacriticSearch(res.response.body, base));
    if (fromSearch.length) break;
  }
  const fromSlugs = metacriticSlugCandidates(queries, wanted.year).map((slug) => ({ url: `${base}/movie/${slug}/` }));
  return tryCandidates(wanted, [...fromSearch, ...fromSlugs], loop);
}
