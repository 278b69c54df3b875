/**
 * Rotten Tomatoes movie slugs: lowercase words joined by "_", punctuation dropped, accents
 * folded, with a "_<year>" suffix when the plain slug was already taken ("parasite_2019").
 * Slugs are only guesses (legacy numeric ids exist): the resolver tries search first.
 */

export function rtSlug(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’‘`´ʼ]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Candidate slugs in the order worth trying: plain, with year, then without a leading "the". */
export function rtSlugCandidates(titles: (string | null | undefined)[], year: number | null): string[] {
  const out: string[] = [];
  const add = (s: string) => {
    if (s && !out.includes(s)) out.push(s);
  };
  for (const title of titles) {
    if (!title) continue;
    const slug = rtSlug(title);
    if (!slug) continue;
    // RT drops the article for some classics ("shawshank_redemption") and keeps it for others.
    const bare = slug.replace(/^(the|a|an)_/, '');
    for (const s of [slug, bare]) {
      add(s);
      if (year !== null) add(`${s}_${year}`);
    }
  }
  return out;
}
