import { slugCandidates, slugify } from '../critic-pages/slug';

/** Metacritic movie slugs: words joined by "-", with "-<year>" when needed ("mortal-kombat-2021"). */

export function metacriticSlug(title: string): string {
  return slugify(title, '-');
}

/** Candidate slugs: plain then "-<year>", for the title and then the original title. */
export function metacriticSlugCandidates(titles: (string | null | undefined)[], year: number | null): string[] {
  return slugCandidates(titles, year, '-');
}
