import type { WantedMovie } from '../../sources/critic-match';
import type { ParsedPageLike, ResolveResult } from '../../sources/critic-pages/candidate-pages';
import type { CriticResolveOptions } from '../../sources/critic-pages/resolve';
import { parseMetacriticPage } from '../../sources/metacritic/parse';
import { resolveMetacritic } from '../../sources/metacritic/resolve';
import type { CriticSite, RatingObservation } from '../../sources/records';
import { parseRottenTomatoesPage } from '../../sources/rotten-tomatoes/parse';
import { resolveRottenTomatoes } from '../../sources/rotten-tomatoes/resolve';

/** A parsed critic page as the activities use it, whichever the site. */
export type CriticPage = ParsedPageLike & { observations: RatingObservation[] };

/** The two things the activities need per site: search-and-verify, and parsing a page fetched directly. */
export interface SitePages {
  resolve(wanted: WantedMovie, o: CriticResolveOptions): Promise<ResolveResult<CriticPage>>;
  parse(html: string, url: string, observedAt: string): CriticPage;
}

export const SITE_PAGES: Record<CriticSite, SitePages> = {
  rotten_tomatoes: {
    resolve: resolveRottenTomatoes,
    parse: (html, url, observedAt) => parseRottenTomatoesPage(html, { url, observedAt }),
  },
  metacritic: {
    resolve: resolveMetacritic,
    parse: (html, url, observedAt) => parseMetacriticPage(html, { url, observedAt }),
  },
};
