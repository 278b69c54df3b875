/**
 * URL slugs as Rotten Tomatoes and Metacritic build them (SOURCES.md §3, §4): lowercase, accents
 * folded, apostrophes dropped, words joined by "_" (RT) or "-" (Metacritic).
 */

function foldWords(title: string): string[] {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/&/g, ' and ')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** "Schindler's List" → "schindlers_list"; empty when nothing Latin is left (emoji-only, CJK). */
export function rtSlug(title: string): string {
  return foldWords(title).join('_');
}

/** "Schindler's List" → "schindlers-list". */
export function metacriticSlug(title: string): string {
  return foldWords(title).join('-');
}
