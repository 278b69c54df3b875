import type { CriticParseContext } from '../critic-pages/parse-page';
import type { RatingObservation } from '../records';

/** Markup generations of Metacritic movie pages; 'json-ld' = only the JSON-LD Metascore. */
export type MetacriticPageLayout = 'current' | 'legacy' | 'json-ld';

export interface McLayoutScores {
  layout: MetacriticPageLayout;
  metascore: number | null;
  criticReviews: number | null;
  userScore: number | null;
  userRatings: number | null;
  title: string | null;
  year: number | null;
}

export type McParseContext = CriticParseContext;

export interface MetacriticPage {
  title: string | null;
  year: number | null;
  url: string | null;
  layout: MetacriticPageLayout;
  /** Metascore 0..100. */
  metascore: number | null;
  criticReviews: number | null;
  /** User score 0..10 (one decimal); null when the site shows "tbd". */
  userScore: number | null;
  userRatings: number | null;
  /** metacritic/critic then metacritic/user. */
  observations: RatingObservation[];
}
