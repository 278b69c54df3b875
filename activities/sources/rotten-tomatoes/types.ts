import type { CriticParseContext } from '../critic-pages/parse-page';
import type { RatingObservation } from '../records';
import type { ParsedCount } from '../critic-pages/values';

/** The score layouts of Rotten Tomatoes movie pages, newest first; 'json-ld' = only the JSON-LD Tomatometer. */
export type RtPageLayout = 'scorecard-2024' | 'scoreboard-2021' | 'mop-2020' | 'json-ld';

/** What one layout reader found; null fields = the page shows nothing for them. */
export interface RtLayoutScores {
  layout: RtPageLayout;
  tomatometer: number | null;
  criticReviews: number | null;
  audienceScore: number | null;
  audienceCount: ParsedCount;
  certifiedFresh: boolean;
  verifiedHot: boolean;
  /** Title and year as the layout itself shows them (page-wide fallbacks come later). */
  title: string | null;
  year: number | null;
}

export type RtParseContext = CriticParseContext;

export interface RottenTomatoesPage {
  title: string | null;
  year: number | null;
  url: string | null;
  layout: RtPageLayout;
  /** Tomatometer 0..100. */
  tomatometer: number | null;
  criticReviews: number | null;
  /** Popcornmeter / audience score 0..100. */
  audienceScore: number | null;
  /** Exact audience count, or the lower bound of the band. */
  audienceCount: number | null;
  /** The band as shown ("250,000+ Ratings"); null when the count is exact or absent. */
  audienceCountText: string | null;
  certifiedFresh: boolean;
  verifiedHot: boolean;
  /** rotten_tomatoes/critic then rotten_tomatoes/audience; value null when the page shows none. */
  observations: RatingObservation[];
}
