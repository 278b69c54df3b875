import { slugCandidates, slugify } from '../critic-pages/slug';

/**
 * Rotten Tomatoes movie slugs: words joined by "_" ("parasite_2019" when the plain slug was
 * taken). Legacy numeric ids exist too, which is why these stay guesses.
 */

export function rtSlug(title: string): string {
  return slugify(title, '_');
}

/** Candidate slugs in the order worth trying: plain, with year, then without a leading "the". */
export function rtSlugCandidates(titles: (string | null | undefined)[], year: number | null): string[] {
  // RT drops the article for some classics ("shawshank_redemption") and keeps it for others.
  return slugCandidates(titles, year, '_', (slug) => [slug, slug.replace(/^(the|a|an)_/, '')]);
}
