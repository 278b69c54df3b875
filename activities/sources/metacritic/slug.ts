/**
 * Metacritic movie slugs: lowercase, hyphen-separated, apostrophes dropped, accents folded,
 * with a "-<year>" suffix when needed ("mortal-kombat-2021").
 */

export function metacriticSlug(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’‘`´ʼ]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Candidate slugs: plain then "-<year>", for the title and then the original title. */
export function metacriticSlugCandidates(titles: (string | null | undefined)[], year: number | null): string[] {
  const out: string[] = [];
  for (const title of titles) {
    if (!title) continue;
    const slug = metacriticSlug(title);
    if (!slug) continue;
    for (const s of year !== null ? [slug, `${slug}-${year}`] : [slug]) if (!out.includes(s)) out.push(s);
  }
  return out;
}
