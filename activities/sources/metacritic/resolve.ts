import type { WantedMovie } from '../critic-match';
import type { ResolveResult } from '../critic-pages/candidate-pages';
import { CriticResolveOptions, resolveCriticPage } from '../critic-pages/resolve';
import { MetacriticPage, parseMetacriticPage } from './parse';
import { parseMetacriticSearch } from './search';
import { metacriticSlugCandidates } from './slug';

export type { ResolveResult } from '../critic-pages/candidate-pages';

export const METACRITIC_SITE = 'metacritic';

/** `baseUrl`: `resolveSources(...).metacriticBaseUrl`, https://www.metacritic.com or the sandbox's /metacritic. */
export type McResolveOptions = CriticResolveOptions;

/**
 * Finds a movie's Metacritic page: search (`/search/<title>/?category=2`) then slug guesses
 * (`title`, `title-<year>`), each page verified by its own title and year (±1).
 */
export function resolveMetacritic(wanted: WantedMovie, o: McResolveOptions): Promise<ResolveResult<MetacriticPage>> {
  return resolveCriticPage(wanted, o, {
    site: METACRITIC_SITE,
    searchUrl: (base, q) => `${base}/search/${encodeURIComponent(q)}/?category=2`,
    parseSearch: parseMetacriticSearch,
    slugCandidates: metacriticSlugCandidates,
    pageUrl: (base, slug) => `${base}/movie/${slug}/`,
    parse: (html, url, observedAt) => parseMetacriticPage(html, { observedAt, url }),
  });
}
