/**
 * Movie slugs as both critic sites build them: lowercase, accents folded, apostrophes dropped,
 * "&" spelled "and", words joined by the site's separator ("_" on Rotten Tomatoes, "-" on
 * Metacritic), with "<separator><year>" when the plain slug was already taken. Slugs are only
 * guesses: the resolvers try search first.
 */

export type SlugSeparator = '_' | '-';

export function slugify(title: string, separator: SlugSeparator): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’‘`´ʼ]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/ /g, separator);
}

/**
 * Candidate slugs in the order worth trying, for each title in turn: each variant of its slug
 * (`variants`, default just the slug), plain and then with the year. Empty slugs are skipped.
 */
export function slugCandidates(
  titles: (string | null | undefined)[],
  year: number | null,
  separator: SlugSeparator,
  variants: (slug: string) => string[] = (slug) => [slug],
): string[] {
  const out: string[] = [];
  const add = (s: string) => {
    if (s && !out.includes(s)) out.push(s);
  };
  for (const title of titles) {
    if (!title) continue;
    const slug = slugify(title, separator);
    if (!slug) continue;
    for (const s of variants(slug)) {
      add(s);
      if (year !== null) add(`${s}${separator}${year}`);
    }
  }
  return out;
}
