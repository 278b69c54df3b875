/**
 * The sandbox's synthetic movie catalog. `buildCatalog` is a pure function of (seed, movies, today):
 * the same options give the same catalog byte for byte, so tests compute their expected rows from it
 * (see catalog-queries.ts) instead of hard-coding them.
 */
import {
  AWARDS,
  CERTIFICATIONS_US,
  COMPANY_SUFFIXES,
  COMPANY_WORDS,
  COUNTRY_BY_LANGUAGE,
  EXTRA_COUNTRIES,
  FIRST_NAMES,
  GENRE_WEIGHTS,
  LANGUAGES,
  LAST_NAMES,
  NATIVE_TITLES,
  OVERVIEW_SENTENCES,
  ROLES,
  TAGLINES,
  TITLE_ADJECTIVES,
  TITLE_NOUNS,
  TITLE_PLACES,
  TMDB_GENRES,
} from './catalog-data';
import { BULK_CHANGE_DAYS_AGO, DEFAULT_MOVIES, DEFAULT_SEED, DEFAULT_TODAY, RECENT_DAYS } from './catalog-constants';
import { addDays, toDayNumber } from './dates';
import { formatThousands } from './numbers';
import { createRng, deriveSeed, Rng } from './prng';
import { metacriticSlug, rtSlug } from './slugs';
import { HARD_CASES, REMAKE_TITLES } from './hard-cases';
import { deriveTags } from './tags';
import type { RtLayout, SandboxCatalog, SandboxMetacritic, SandboxMovie, SandboxOmdb, SandboxRt } from './types';

export interface CatalogOptions {
  seed?: number;
  /** Number of movies (default 2,000). */
  movies?: number;
  /** Reference day YYYY-MM-DD: release dates and change dates lead up to it (default DEFAULT_TODAY). */
  today?: string;
}

export * from './catalog-constants';

const OLDEST_RELEASE = '1920-01-01';

/** Fields decided while generating, resolved in `finalize` once every mutation has been applied. */
interface Draft {
  movie: SandboxMovie;
  omdbIncludesRt: boolean;
  omdbIncludesMc: boolean;
  rtNumericSlug: boolean;
  specialTags: string[];
}

export function buildCatalog(options: CatalogOptions = {}): SandboxCatalog {
  const seed = options.seed ?? DEFAULT_SEED;
  const count = options.movies ?? DEFAULT_MOVIES;
  const today = options.today ?? DEFAULT_TODAY;
  if (!Number.isInteger(count) || count < 1) throw new Error(`movies must be a positive integer, got ${count}`);
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  toDayNumber(today); // validates the format

  const idRng = createRng(deriveSeed(seed, 'ids'));
  const usedImdb = new Set<string>();
  const drafts: Draft[] = [];
  let tmdbId = 10;
  for (let i = 0; i < count; i++) {
    tmdbId += idRng.int(1, 700);
    drafts.push(generateMovie(createRng(deriveSeed(seed, 'movie', i)), tmdbId, today, usedImdb));
  }

  applyHardCases(drafts, createRng(deriveSeed(seed, 'hard-cases')), today);
  applyBulkChange(drafts, createRng(deriveSeed(seed, 'bulk-change')), today);
  finalize(drafts, today);

  const movies = drafts.map((d) => d.movie);
  return indexCatalog(movies, today, seed);
}

/** Builds the lookup maps of a movie list (also used by tests that hand-craft a small catalog). */
export function indexCatalog(movies: SandboxMovie[], today: string = DEFAULT_TODAY, seed?: number): SandboxCatalog {
  const byTmdbId = new Map<number, SandboxMovie>();
  const byImdbId = new Map<string, SandboxMovie>();
  const byRtSlug = new Map<string, SandboxMovie>();
  const byMetacriticSlug = new Map<string, SandboxMovie>();
  for (const m of movies) {
    byTmdbId.set(m.tmdbId, m);
    if (m.imdbId) byImdbId.set(m.imdbId, m);
    if (m.rt) byRtSlug.set(m.rt.slug, m);
    if (m.metacritic) byMetacriticSlug.set(m.metacritic.slug, m);
  }
  return { movies, byTmdbId, byImdbId, byRtSlug, byMetacriticSlug, today, seed };
}

// ---------------------------------------------------------------------------------------------
// One movie

function generateMovie(rng: Rng, tmdbId: number, today: string, usedImdb: Set<string>): Draft {
  const language = rng.weighted(LANGUAGES.map((l) => [l, l.weight] as const));
  const releaseDate = drawReleaseDate(rng, today);
  const released = releaseDate <= today;
  const ageDays = toDayNumber(today) - toDayNumber(releaseDate);
  const year = Number(releaseDate.slice(0, 4));

  const englishTitle = drawTitle(rng);
  const originalTitle = language.iso === 'en' ? englishTitle : rng.pick(NATIVE_TITLES[language.iso]);

  const genreIds = new Set<number>();
  const genreCount = rng.weighted([[1, 40], [2, 40], [3, 20]] as const);
  while (genreIds.size < genreCount) genreIds.add(rng.weighted(GENRE_WEIGHTS));
  const genres = TMDB_GENRES.filter((g) => genreIds.has(g.id));

  const country = COUNTRY_BY_LANGUAGE[language.iso];
  const productionCountries = [country];
  if (rng.chance(0.2)) {
    const extra = rng.pick(EXTRA_COUNTRIES);
    if (extra.iso_3166_1 !== country.iso_3166_1) productionCountries.push(extra);
  }

  const companyCount = rng.int(1, 3);
  const productionCompanies: SandboxMovie['productionCompanies'] = [];
  for (let c = 0; c < companyCount; c++) {
    const name = `${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_SUFFIXES)}`;
    if (productionCompanies.some((p) => p.name === name)) continue;
    productionCompanies.push({
      id: rng.int(1, 250_000),
      name,
      // Real data has empty origin countries and missing logos.
      origin_country: rng.chance(0.1) ? '' : rng.pick(productionCountries).iso_3166_1,
      logo_path: rng.chance(0.3) ? null : `/${randomPath(rng, 27)}.png`,
    });
  }

  const spokenLanguages = [{ iso_639_1: language.iso, name: language.name, english_name: language.englishName }];
  if (language.iso !== 'en' && rng.chance(0.3)) spokenLanguages.push({ iso_639_1: 'en', name: 'English', english_name: 'English' });

  const person = () => `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
  const directors = rng.chance(0.1) ? [person(), person()] : [person()];
  const cast = Array.from({ length: rng.int(4, 12) }, person);

  // Popularity has a heavy tail and favours recent films, as on TMDB.
  const recency = released ? Math.max(0, 1 - ageDays / 3650) : 0.8;
  const popularity = round(0.6 + Math.exp(rng.next() * 5 + recency * 2) * (rng.chance(0.05) ? 4 : 1), 3);
  const voteCount = released ? Math.floor(Math.exp(rng.next() * 9) * (1 + Math.min(ageDays, 7300) / 3650)) - 1 : 0;
  const voteAverage = voteCount === 0 ? 0 : round(clamp(4 + rng.next() * 4.5 + (rng.next() - 0.5) * 2, 1, 9.6), 3);

  const runtime = rng.chance(0.02) ? null : genreIds.has(16) ? rng.int(70, 105) : rng.int(78, 175);
  const status = released ? 'Released' : rng.weighted([['Post Production', 5], ['In Production', 3], ['Planned', 1]] as const);
  const knownMoney = released && rng.chance(0.45);
  const budget = knownMoney ? rng.int(1, 250) * 1_000_000 : 0;
  const revenue = knownMoney && rng.chance(0.85) ? Math.floor(budget * (0.2 + rng.next() * 4)) + rng.int(0, 999_999) : 0;

  const hasImdb = released ? !rng.chance(0.025) : rng.chance(0.5);
  const imdbId = hasImdb ? drawImdbId(rng, year, usedImdb) : null;

  const movie: SandboxMovie = {
    tmdbId,
    imdbId,
    title: englishTitle,
    originalTitle,
    originalLanguage: language.iso,
    releaseDate,
    runtime,
    status,
    overview: rng.chance(0.01) ? '' : drawOverview(rng, rng.int(1, 4)),
    tagline: rng.pick(TAGLINES),
    budget,
    revenue,
    genres,
    productionCountries,
    productionCompanies,
    spokenLanguages,
    directors,
    cast,
    posterPath: rng.chance(0.05) ? null : `/${randomPath(rng, 27)}.jpg`,
    popularity,
    voteAverage,
    voteCount,
    adult: rng.chance(0.004),
    changedOn: drawChanges(rng, releaseDate, today),
    omdb: null,
    rt: null,
    metacritic: null,
    tags: [],
  };

  if (released) {
    if (imdbId && !rng.chance(0.03)) movie.omdb = drawOmdb(rng, movie);
    if (rng.chance(0.85)) movie.rt = drawRt(rng, popularity);
    if (rng.chance(language.iso === 'en' ? 0.8 : 0.5)) movie.metacritic = drawMetacritic(rng);
  }
  return {
    movie,
    omdbIncludesRt: rng.chance(0.9),
    omdbIncludesMc: rng.chance(0.9),
    rtNumericSlug: rng.chance(0.02),
    specialTags: [],
  };
}

function drawReleaseDate(rng: Rng, today: string): string {
  const kind = rng.weighted([['future', 2], ['recent', 7], ['past', 91]] as const);
  if (kind === 'future') return addDays(today, rng.int(1, 180));
  if (kind === 'recent') return addDays(today, -rng.int(0, RECENT_DAYS - 1));
  // More films every decade: skew the age towards the present.
  const span = toDayNumber(today) - RECENT_DAYS - toDayNumber(OLDEST_RELEASE);
  return addDays(today, -RECENT_DAYS - Math.floor(span * Math.pow(rng.next(), 2.2)));
}

function drawTitle(rng: Rng): string {
  const adj = rng.pick(TITLE_ADJECTIVES);
  const noun = rng.pick(TITLE_NOUNS);
  const noun2 = rng.pick(TITLE_NOUNS);
  const place = rng.pick(TITLE_PLACES);
  const name = rng.pick(FIRST_NAMES);
  // Mostly large combination spaces: a few shared titles are realistic, hundreds are not.
  return rng.weighted([
    [`The ${adj} ${noun}`, 3],
    [`${adj} ${noun}: The ${noun2}`, 4],
    [`The ${noun} and the ${noun2}`, 2],
    [`${name}'s ${adj} ${noun}`, 2],
    [`A ${adj} ${noun} in ${place}`, 2],
    [`${noun} of ${place}`, 0.5],
    [`${noun} ${rng.pick(['II', '2', 'III', 'Returns', 'Reloaded'])}`, 0.3],
    [noun, 0.2],
  ] as const);
}

function drawOverview(rng: Rng, sentences: number): string {
  const parts = [];
  for (let s = 0; s < sentences; s++) parts.push(rng.pick(OVERVIEW_SENTENCES).replace('{role}', rng.pick(ROLES)));
  return parts.join(' ');
}

/** Change dates lean to the last weeks (as TMDB edits do), never before the entry existed. */
function drawChanges(rng: Rng, releaseDate: string, today: string): string[] {
  const n = rng.weighted([[0, 25], [1, 35], [2, 22], [3, 12], [5, 6]] as const);
  const earliest = Math.max(toDayNumber(releaseDate) - 365, toDayNumber(today) - 3650);
  const days = new Set<string>();
  for (let k = 0; k < n; k++) {
    const back = Math.floor(400 * Math.pow(rng.next(), 1.6));
    const day = Math.max(earliest, toDayNumber(today) - back);
    if (day <= toDayNumber(today)) days.add(addDays(today, day - toDayNumber(today)));
  }
  return [...days].sort();
}

function drawImdbId(rng: Rng, year: number, used: Set<string>): string {
  for (;;) {
    // Newer titles have 8-digit ids (tt10872600), older ones 7 digits (tt0111161).
    const id = year >= 2018 ? `tt${rng.int(10_000_000, 39_999_999)}` : `tt${String(rng.int(10_000, 9_999_999)).padStart(7, '0')}`;
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}

function drawOmdb(rng: Rng, movie: SandboxMovie): SandboxOmdb {
  const imdbRating = movie.voteCount === 0 || rng.chance(0.02) ? null : round(clamp(movie.voteAverage + (rng.next() - 0.5), 1, 9.8), 1);
  return {
    rated: rng.chance(0.1) ? null : rng.pick(CERTIFICATIONS_US),
    awards: rng.chance(0.5) ? null : rng.pick(AWARDS),
    boxOffice: movie.revenue > 0 && rng.chance(0.7) ? Math.floor(movie.revenue * (0.2 + rng.next() * 0.5)) : null,
    metascore: null, // copied from the Metacritic page in finalize
    imdbRating,
    imdbVotes: imdbRating === null ? null : Math.max(5, Math.floor(movie.voteCount * (3 + rng.next() * 40))),
    plot: movie.overview ? movie.overview.split('. ')[0].replace(/\.?$/, '.') : null,
    ratings: { imdb: imdbRating !== null, rottenTomatoes: false, metacritic: false },
  };
}

const AUDIENCE_BANDS = [50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000];

function drawRt(rng: Rng, popularity: number): SandboxRt {
  const layout: RtLayout = rng.weighted([['scorecard-2024', 60], ['scoreboard-2021', 25], ['mop-2020', 15]] as const);
  const hasScore = !rng.chance(0.08);
  const tomatometer = hasScore ? rng.int(5, 100) : null;
  const criticReviews = hasScore ? Math.min(480, 5 + Math.floor(popularity * (0.5 + rng.next() * 2))) : rng.int(0, 4);
  const audienceScore = rng.chance(0.05) ? null : rng.int(15, 99);
  const ratings = Math.floor(Math.exp(rng.next() * 13));
  let audienceCountText: string | null = null;
  if (audienceScore !== null) {
    if (layout === 'mop-2020') audienceCountText = `User Ratings: ${formatThousands(ratings)}`;
    else {
      const band = [...AUDIENCE_BANDS].reverse().find((b) => ratings >= b) ?? 50;
      audienceCountText = ratings < 50 ? 'Fewer than 50 Ratings' : `${formatThousands(band)}+ Ratings`;
    }
  }
  return {
    slug: '', // assigned in finalize, once titles and years are final
    layout,
    tomatometer,
    criticReviews,
    audienceScore,
    audienceCountText,
    certifiedFresh: tomatometer !== null && tomatometer >= 75 && criticReviews >= 80,
    verifiedHot: layout === 'scorecard-2024' && audienceScore !== null && audienceScore >= 90,
  };
}

function drawMetacritic(rng: Rng): SandboxMetacritic {
  const hasMetascore = !rng.chance(0.05);
  const tbd = rng.chance(0.12);
  const layout = rng.chance(0.2) ? 'legacy' : 'current';
  return {
    slug: '',
    metascore: hasMetascore ? rng.int(12, 98) : null,
    criticReviews: hasMetascore ? rng.int(4, 60) : null,
    userScore: tbd ? null : rng.int(10, 95) / 10,
    userRatings: tbd ? null : rng.int(4, 4000),
    layout,
    jsonLd: layout === 'current' && rng.chance(0.5),
  };
}

// ---------------------------------------------------------------------------------------------
// Hard cases and bulk edits

function applyHardCases(drafts: Draft[], rng: Rng, today: string): void {
  // Hard cases go on released movies so they also have pages and scores to check.
  const cutoff = addDays(today, -RECENT_DAYS);
  const candidates = drafts.map((_, i) => i).filter((i) => drafts[i].movie.releaseDate <= cutoff);
  const order = rng.sample(candidates, candidates.length);
  let next = 0;
  const take = (): Draft | undefined => (next < order.length ? drafts[order[next++]] : undefined);

  for (const hardCase of HARD_CASES) {
    const draft = take();
    if (!draft) return;
    hardCase.apply(draft.movie, rng, today);
    draft.specialTags.push(...(hardCase.tags ?? []));
    if (hardCase.omdb) {
      draft.omdbIncludesRt = hardCase.omdb.includesRt;
      draft.omdbIncludesMc = hardCase.omdb.includesMc;
    }
    if (hardCase.rtNumericSlug !== undefined) draft.rtNumericSlug = hardCase.rtNumericSlug;
  }

  // Remakes: the same title in different decades (the later ones get year-suffixed slugs).
  for (const title of REMAKE_TITLES) {
    const size = rng.int(2, 3);
    const group: Draft[] = [];
    for (let k = 0; k < size; k++) {
      const draft = take();
      if (draft) group.push(draft);
    }
    if (group.length < 2) return;
    let year = rng.int(1935, 1975);
    for (const draft of group) {
      const m = draft.movie;
      m.title = title;
      if (m.originalLanguage === 'en') m.originalTitle = title;
      const date = `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
      m.releaseDate = date < addDays(today, -RECENT_DAYS) ? date : addDays(today, -RECENT_DAYS - 1);
      m.changedOn = m.changedOn.filter((d) => d >= addDays(m.releaseDate, -365));
      draft.specialTags.push('remake');
      year += rng.int(12, 30);
    }
  }

  // Two different films with the same title in the same year: slugs must still be unique.
  const a = take();
  const b = take();
  if (a && b) {
    const title = 'The Double';
    for (const [draft, date] of [[a, '2011-03-04'], [b, '2011-09-16']] as const) {
      draft.movie.title = title;
      draft.movie.originalTitle = title;
      draft.movie.originalLanguage = 'en';
      draft.movie.releaseDate = date;
      draft.movie.changedOn = draft.movie.changedOn.filter((d) => d >= '2010-01-01');
      draft.specialTags.push('same-title-same-year');
    }
  }
}

function applyBulkChange(drafts: Draft[], rng: Rng, today: string): void {
  const day = addDays(today, -BULK_CHANGE_DAYS_AGO);
  for (const draft of drafts) {
    const m = draft.movie;
    if (m.releaseDate > day || !rng.chance(0.12)) continue;
    if (!m.changedOn.includes(day)) m.changedOn = [...m.changedOn, day].sort();
    draft.specialTags.push('bulk-change');
  }
}

// ---------------------------------------------------------------------------------------------
// Derived fields

function finalize(drafts: Draft[], today: string): void {
  // Oldest film keeps the bare slug; later ones get a year suffix, then a numeric id (as on RT).
  const byRelease = drafts.slice().sort((x, y) => x.movie.releaseDate.localeCompare(y.movie.releaseDate) || x.movie.tmdbId - y.movie.tmdbId);
  const rtTaken = new Set<string>();
  const mcTaken = new Set<string>();
  for (const draft of byRelease) {
    const m = draft.movie;
    const year = m.releaseDate.slice(0, 4);
    if (m.rt) {
      const base = rtSlug(m.title);
      const numeric = String(770_000_000 + m.tmdbId);
      const choices = draft.rtNumericSlug || !base ? [numeric] : [base, `${base}_${year}`, numeric];
      m.rt.slug = choices.find((s) => !rtTaken.has(s)) ?? numeric;
      rtTaken.add(m.rt.slug);
    }
    if (m.metacritic) {
      const base = metacriticSlug(m.title) || `title-${m.tmdbId}`;
      const choices = [base, `${base}-${year}`, `${base}-${year}-${m.tmdbId}`];
      m.metacritic.slug = choices.find((s) => !mcTaken.has(s)) as string;
      mcTaken.add(m.metacritic.slug);
    }
  }

  const titleCounts = new Map<string, number>();
  for (const { movie } of drafts) titleCounts.set(movie.title, (titleCounts.get(movie.title) ?? 0) + 1);

  for (const draft of drafts) {
    const m = draft.movie;
    if (m.omdb) {
      const metascore = m.metacritic?.metascore ?? null;
      m.omdb.metascore = draft.omdbIncludesMc ? metascore : null;
      m.omdb.ratings = {
        imdb: m.omdb.imdbRating !== null,
        rottenTomatoes: draft.omdbIncludesRt && m.rt?.tomatometer != null,
        metacritic: m.omdb.metascore !== null,
      };
    }
    m.tags = deriveTags(m, today, draft.specialTags, (titleCounts.get(m.title) ?? 0) > 1);
  }
}

// ---------------------------------------------------------------------------------------------

const PATH_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomPath(rng: Rng, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += PATH_CHARS[rng.int(0, PATH_CHARS.length - 1)];
  return s;
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export * from './catalog-queries';
