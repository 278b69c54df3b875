import type { WantedMovie } from '../critic-match';
import type { ResolveResult } from '../critic-pages/candidate-pages';
import { CriticResolveOptions, resolveCriticPage } from '../critic-pages/resolve';
import { parseRottenTomatoesPage, RottenTomatoesPage } from './parse';
import { parseRtSearch } from './search';
import { rtSlugCandidates } from './slug';

export type { ResolveResult } from '../critic-pages/candidate-pages';

export const RT_SITE = 'rotten_tomatoes';

/** `baseUrl`: `resolveSources(...).rottenTomatoesBaseUrl`, https://www.rottentomatoes.com or the sandbox's /rt. */
export type RtResolveOptions = CriticResolveOptions;

/**
 * Finds a movie's Rotten Tomatoes page: site search first (`/search?search=<title>`), then slug
 * guesses (`title`, `title_<year>`, without a leading article), each page verified by its own
 * title and year (±1). Robots-disallowed pages are never fetched; when nothing was found and
 * something was disallowed, the answer is `blocked_by_robots`.
 */
export function resolveRottenTomatoes(wanted: WantedMovie, o: RtResolveOptions): Promise<ResolveResult<RottenTomatoesPage>> {
  return resolveCriticPage(wanted, o, {
    site: RT_SITE,
    searchUrl: (base, q) => `${base}/search?search=${encodeURIComponent(q)}`,
    parseSearch: parseRtSearch,
    slugCandidates: rtSlugCandidates,
    pageUrl: (base, slug) => `${base}/m/${slug}`,
    parse: (html, url, observedAt) => parseRottenTomatoesPage(html, { observedAt, url }),
  });
}
