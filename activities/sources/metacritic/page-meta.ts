import type { CheerioAPI } from 'cheerio';
import { hasType, isObject, readJsonLd } from '../critic-pages/page-json';
import { cleanText } from '../critic-pages/values';
import { parseBasedOn, parseMetascore } from './values';

/**
 * Page-wide facts: the JSON-LD Movie (its aggregateRating is the Metascore with the critic
 * count as reviewCount or, on older pages, ratingCount), canonical URL, title/year fallbacks.
 */

export interface McPageMeta {
  jsonLd: { metascore: number | null; criticReviews: number | null } | null;
  title: string | null;
  year: number | null;
  canonicalUrl: string | null;
}

const YEAR = /\((18[89]\d|19\d\d|20\d\d)\)/;

export function readPageMeta($: CheerioAPI): McPageMeta {
  const movie = readJsonLd($).find((n) => hasType(n, ['Movie']));
  const rating = movie && isObject(movie.aggregateRating) ? movie.aggregateRating : null;
  let jsonLd: McPageMeta['jsonLd'] = null;
  // An unnamed or "Metascore" rating only: Rotten Tomatoes' JSON-LD calls its rating "Tomatometer".
  const name = rating?.name === undefined ? '' : String(rating.name);
  if (rating && String(rating.bestRating ?? '100') === '100' && (name === '' || /metascore/i.test(name))) {
    const value = rating.ratingValue;
    jsonLd = {
      metascore: parseMetascore(typeof value === 'number' ? Math.round(value) : value),
      criticReviews: parseBasedOn(`${String(rating.reviewCount ?? rating.ratingCount ?? '')} reviews`),
    };
  }

  const ogTitle = $('meta[property="og:title"]').attr('content') ?? '';
  const docTitle = $('title').first().text();
  const strip = (t: string) => cleanText(t.replace(/\s*(reviews)?\s*[|–-]\s*Metacritic\s*$/i, '').replace(YEAR, ''));
  const ldName = movie && typeof movie.name === 'string' ? cleanText(movie.name) : '';
  const title = ldName || strip(ogTitle) || strip(docTitle) || null;

  let year: number | null = null;
  const date = movie && typeof movie.datePublished === 'string' ? movie.datePublished : '';
  const dm = /^(18[89]\d|19\d\d|20\d\d)\b/.exec(date);
  if (dm) year = Number(dm[1]);
  else {
    const tm = YEAR.exec(ogTitle) ?? YEAR.exec(docTitle);
    if (tm) year = Number(tm[1]);
  }

  const canonicalUrl = $('link[rel="canonical"]').attr('href') || $('meta[property="og:url"]').attr('content') || null;
  return { jsonLd, title, year, canonicalUrl: canonicalUrl ? cleanText(canonicalUrl) : null };
}
