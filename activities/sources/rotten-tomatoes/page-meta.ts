import type { CheerioAPI } from 'cheerio';
import { hasType, isObject, readJsonLd } from '../critic-pages/page-json';
import { cleanText, parseCount, parsePercent } from '../critic-pages/values';

/**
 * Page-wide facts every layout shares: the JSON-LD Movie (its aggregateRating is the
 * Tomatometer only — never the audience score), the canonical URL, and title/year fallbacks
 * from `<title>` / og:title ("The Shawshank Redemption (1994) - Rotten Tomatoes").
 */

export interface RtJsonLdRating {
  tomatometer: number | null;
  criticReviews: number | null;
  /** Whether the rating calls itself "Tomatometer" (unnamed ones could be another site's). */
  named: boolean;
}

export interface RtPageMeta {
  jsonLd: RtJsonLdRating | null;
  title: string | null;
  year: number | null;
  canonicalUrl: string | null;
  /** From `window.mpscall` ("cag[certified_fresh]":"1"), a page-level ad-targeting blob. */
  certifiedFreshHint: boolean;
}

const YEAR = /\((18[89]\d|19\d\d|20\d\d)\)/;

function stripSiteName(t: string): string {
  return cleanText(t.replace(/\s*[|–-]\s*Rotten Tomatoes\s*$/i, ''));
}

export function readPageMeta($: CheerioAPI): RtPageMeta {
  const movie = readJsonLd($).find((n) => hasType(n, ['Movie']));
  let jsonLd: RtJsonLdRating | null = null;
  const rating = movie && isObject(movie.aggregateRating) ? movie.aggregateRating : null;
  // Only a Tomatometer-shaped rating (0..100); anything else is not ours to read.
  if (rating && (rating.name === undefined || /tomatometer/i.test(String(rating.name))) && String(rating.bestRating ?? '100') === '100') {
    jsonLd = {
      tomatometer: parsePercent(rating.ratingValue),
      criticReviews: parseCount(rating.reviewCount ?? rating.ratingCount).value,
      named: rating.name !== undefined,
    };
  }

  const ogTitle = $('meta[property="og:title"]').attr('content') ?? '';
  const docTitle = $('head > title').first().text() || $('title').first().text();
  const titleSource = [ogTitle, docTitle].map(stripSiteName).find((t) => t !== '') ?? '';
  const yearMatch = YEAR.exec(ogTitle) ?? YEAR.exec(docTitle);
  const ldName = movie && typeof movie.name === 'string' ? cleanText(movie.name) : '';
  const title = ldName || cleanText(titleSource.replace(YEAR, '')) || null;

  let year = yearMatch ? Number(yearMatch[1]) : null;
  if (year === null && movie && typeof movie.datePublished === 'string') {
    const m = /^(18[89]\d|19\d\d|20\d\d)-/.exec(movie.datePublished);
    if (m) year = Number(m[1]);
  }

  const canonicalUrl = $('link[rel="canonical"]').attr('href') || $('meta[property="og:url"]').attr('content') || null;
  const mps = $('script#mps-page-integration').text();
  const certifiedFreshHint = /"cag\[certified_fresh\]"\s*:\s*"1"/.test(mps);

  return { jsonLd, title, year, canonicalUrl: canonicalUrl ? cleanText(canonicalUrl) : null, certifiedFreshHint };
}
