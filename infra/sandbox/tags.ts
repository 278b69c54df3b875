/**
 * Tags that name a movie's hard cases, derived from its data so they stay true after every
 * mutation. Tests select movies by tag (`moviesWithTag`) instead of by hard-coded ids.
 */
import { addDays } from './dates';
import { RECENT_DAYS } from './catalog-constants';
import type { SandboxMovie } from './types';

export const LONG_TEXT_BYTES = 10_240;

export function deriveTags(m: SandboxMovie, today: string, specialTags: string[], sharedTitle: boolean): string[] {
  const tags = new Set<string>(specialTags);
  const add = (tag: string, when: unknown) => when && tags.add(tag);
  const t = m.title;

  add('single-quote', /['’]/.test(t));
  add('double-quote', t.includes('"'));
  add('quotes', /['’"]/.test(t));
  add('backslash', t.includes('\\'));
  add('accents', /[À-ÖØ-öø-ɏ]/.test(t));
  add('emoji', /\p{Extended_Pictographic}/u.test(t));
  add('sql', /';|--|' OR '|\b(SELECT|DROP|DELETE)\b/i.test(t));
  add('html-chars', /[<>&]/.test(t));
  add('whitespace', t !== t.trim() || /\s{2}/.test(t));
  add('non-latin-title', !/[A-Za-z]/.test(t));
  add('long-title', t.length > 200);
  add('long-text', Buffer.byteLength(m.overview, 'utf8') > LONG_TEXT_BYTES || Buffer.byteLength(m.tagline, 'utf8') > 1000);
  add('empty-overview', m.overview === '');
  add('shared-title', sharedTitle);
  add('non-english', m.originalLanguage !== 'en');

  add('no-imdb', m.imdbId === null);
  add('no-omdb', m.omdb === null);
  add('no-rt', m.rt === null);
  add('no-metacritic', m.metacritic === null);
  add('no-scores', m.rt === null && m.metacritic === null);
  add('no-poster', m.posterPath === null);
  add('no-runtime', m.runtime === null);
  add('vote-edge', m.voteCount <= 1);
  add('adult', m.adult);
  add('future', m.releaseDate > today);
  add('recent', m.releaseDate <= today && m.releaseDate > addDays(today, -RECENT_DAYS));

  if (m.rt) {
    tags.add(`rt-${m.rt.layout}`);
    add('rt-no-score', m.rt.tomatometer === null);
    add('rt-no-audience', m.rt.audienceScore === null);
    add('rt-certified-fresh', m.rt.certifiedFresh);
    add('rt-numeric-slug', /^\d+$/.test(m.rt.slug));
    add('rt-year-slug', /_\d{4}$/.test(m.rt.slug));
  }
  if (m.metacritic) {
    tags.add(`mc-${m.metacritic.layout}`);
    add('tbd', m.metacritic.userScore === null);
    add('mc-no-metascore', m.metacritic.metascore === null);
    add('mc-json-ld', m.metacritic.jsonLd);
    add('mc-year-slug', /-\d{4}$/.test(m.metacritic.slug));
  }
  if (m.omdb) {
    const r = m.omdb.ratings;
    add('omdb-partial-ratings', !(r.imdb && r.rottenTomatoes && r.metacritic));
    add('omdb-ratings-omitted', (!r.rottenTomatoes && m.rt?.tomatometer != null) || (!r.metacritic && m.metacritic?.metascore != null));
  }
  return [...tags].sort();
}
