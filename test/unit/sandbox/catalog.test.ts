import { createHash } from 'node:crypto';
import {
  buildCatalog,
  catalogSummary,
  changedIdsBetween,
  DEFAULT_MOVIES,
  DEFAULT_TODAY,
  moviesChangedBetween,
  moviesReleasedBetween,
  moviesWithTag,
} from '../../../infra/sandbox/catalog';
import { TMDB_GENRES } from '../../../infra/sandbox/catalog-data';
import { addDays } from '../../../infra/sandbox/dates';
import { createRng } from '../../../infra/sandbox/prng';

const catalog = buildCatalog();

describe('buildCatalog determinism', () => {
  it('gives the same catalog byte for byte for the same seed and size', () => {
    expect(JSON.stringify(buildCatalog({ seed: 42, movies: DEFAULT_MOVIES }).movies)).toBe(JSON.stringify(catalog.movies));
  });

  it('gives a different catalog for another seed, and honours the size', () => {
    const other = buildCatalog({ seed: 43, movies: 150 });
    expect(other.movies).toHaveLength(150);
    expect(JSON.stringify(other.movies)).not.toBe(JSON.stringify(buildCatalog({ seed: 42, movies: 150 }).movies));
  });

  it('is stable across machines and Node versions (fingerprint of a small catalog)', () => {
    // If this changes on purpose (generator edited), update the constant: tests elsewhere derive
    // their expectations from the catalog, so only this fingerprint needs to move.
    const json = JSON.stringify(buildCatalog({ seed: 1, movies: 60, today: '2025-01-01' }).movies);
    expect(createHash('sha256').update(json).digest('hex').slice(0, 16)).toBe(FINGERPRINT);
  });

  it('never uses Math.random', () => {
    const spy = jest.spyOn(Math, 'random');
    buildCatalog({ seed: 5, movies: 200 });
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('seeded PRNG is repeatable and roughly uniform', () => {
    const a = createRng(99);
    const b = createRng(99);
    const xs = Array.from({ length: 10_000 }, () => a.next());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b.next()));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });
});

describe('catalog contents', () => {
  it('has the default size, unique ids and index maps', () => {
    expect(catalog.movies).toHaveLength(2000);
    expect(catalog.today).toBe(DEFAULT_TODAY);
    expect(new Set(catalog.movies.map((m) => m.tmdbId)).size).toBe(2000);
    const imdb = catalog.movies.map((m) => m.imdbId).filter((x): x is string => x !== null);
    expect(new Set(imdb).size).toBe(imdb.length);
    expect(catalog.byImdbId.size).toBe(imdb.length);
    for (const id of imdb) expect(id).toMatch(/^tt\d{7,8}$/);
    expect([...catalog.movies].sort((a, b) => a.tmdbId - b.tmdbId)).toEqual(catalog.movies);
  });

  it('uses TMDB genre ids and names only', () => {
    const real = new Map(TMDB_GENRES.map((g) => [g.id, g.name]));
    for (const m of catalog.movies) {
      expect(m.genres.length).toBeGreaterThan(0);
      for (const g of m.genres) expect(real.get(g.id)).toBe(g.name);
    }
    expect(real.get(878)).toBe('Science Fiction');
    expect(real.get(10751)).toBe('Family');
  });

  it('spreads release dates across decades up to today, with a few upcoming films', () => {
    const decades = new Set(catalog.movies.map((m) => m.releaseDate.slice(0, 3)));
    expect(decades.size).toBeGreaterThanOrEqual(10);
    const future = catalog.movies.filter((m) => m.releaseDate > DEFAULT_TODAY);
    expect(future.length).toBeGreaterThan(0);
    for (const m of future) expect(m.status).not.toBe('Released');
    expect(moviesReleasedBetween(catalog, addDays(DEFAULT_TODAY, -7), DEFAULT_TODAY).length).toBeGreaterThan(3);
  });

  it('has changes on every one of the last 30 days, never after today, and a bulk-edit day over 100', () => {
    for (let d = 0; d < 30; d++) {
      const day = addDays(DEFAULT_TODAY, -d);
      expect(moviesChangedBetween(catalog, day, day).length).toBeGreaterThan(0);
    }
    for (const m of catalog.movies) for (const d of m.changedOn) expect(d <= DEFAULT_TODAY).toBe(true);
    const bulk = addDays(DEFAULT_TODAY, -10);
    expect(moviesChangedBetween(catalog, bulk, bulk).length).toBeGreaterThan(200);
  });

  it('derives slugs that are unique per site, with year suffixes for remakes', () => {
    const rt = catalog.movies.flatMap((m) => (m.rt ? [m.rt.slug] : []));
    const mc = catalog.movies.flatMap((m) => (m.metacritic ? [m.metacritic.slug] : []));
    expect(new Set(rt).size).toBe(rt.length);
    expect(new Set(mc).size).toBe(mc.length);
    for (const s of rt) expect(s).toMatch(/^([a-z0-9]+(_[a-z0-9]+)*|\d+)$/);
    for (const s of mc) expect(s).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(catalog.movies.some((m) => m.tags.includes('remake') && /_\d{4}$/.test(m.rt?.slug ?? ''))).toBe(true);
    expect(catalog.byRtSlug?.size).toBe(rt.length);
    expect(catalog.byMetacriticSlug?.size).toBe(mc.length);
  });

  it('keeps OMDb consistent with the other sites', () => {
    for (const m of catalog.movies) {
      if (!m.omdb) continue;
      expect(m.imdbId).not.toBeNull();
      if (m.omdb.metascore !== null) expect(m.omdb.metascore).toBe(m.metacritic?.metascore);
      if (m.omdb.ratings.rottenTomatoes) expect(m.rt?.tomatometer).not.toBeNull();
      expect(m.omdb.ratings.imdb).toBe(m.omdb.imdbRating !== null);
    }
  });
});

describe('hard cases', () => {
  const tags = catalogSummary(catalog).tags;
  const required = [
    'single-quote', 'double-quote', 'backslash', 'accents', 'emoji', 'sql', 'html-chars', 'whitespace',
    'non-latin-title', 'long-text', 'long-title', 'remake', 'same-title-same-year', 'no-imdb', 'no-omdb',
    'no-scores', 'no-rt', 'no-metacritic', 'rt-no-score', 'rt-no-audience', 'tbd', 'mc-no-metascore',
    'rt-scorecard-2024', 'rt-scoreboard-2021', 'rt-mop-2020', 'rt-numeric-slug', 'mc-current', 'mc-legacy',
    'mc-json-ld', 'omdb-partial-ratings', 'omdb-ratings-omitted', 'vote-edge', 'adult', 'future', 'recent',
    'bulk-change', 'no-poster', 'no-runtime', 'empty-overview',
  ];

  it.each(required)('has movies tagged %s', (tag) => {
    expect(tags[tag]).toBeGreaterThan(0);
  });

  it('has them in a small catalog too', () => {
    const small = catalogSummary(buildCatalog({ seed: 3, movies: 400 })).tags;
    expect(required.filter((tag) => !small[tag])).toEqual([]);
  });

  it('tags tell the truth', () => {
    for (const m of moviesWithTag(catalog, 'emoji')) expect(m.title).toMatch(/\p{Extended_Pictographic}/u);
    for (const m of moviesWithTag(catalog, 'backslash')) expect(m.title).toContain('\\');
    for (const m of moviesWithTag(catalog, 'long-text')) expect(Buffer.byteLength(m.overview + m.tagline)).toBeGreaterThan(1000);
    expect(moviesWithTag(catalog, 'long-text').some((m) => Buffer.byteLength(m.overview) > 10_240)).toBe(true);
    for (const m of moviesWithTag(catalog, 'no-imdb')) expect([m.imdbId, m.omdb]).toEqual([null, null]);
    for (const m of moviesWithTag(catalog, 'tbd')) expect(m.metacritic?.userScore).toBeNull();
    for (const m of moviesWithTag(catalog, 'rt-no-score')) expect(m.rt?.tomatometer).toBeNull();
    for (const m of moviesWithTag(catalog, 'no-scores')) expect([m.rt, m.metacritic]).toEqual([null, null]);
    const remakes = moviesWithTag(catalog, 'remake');
    const byTitle = new Map<string, Set<string>>();
    for (const m of remakes) byTitle.set(m.title, (byTitle.get(m.title) ?? new Set()).add(m.releaseDate.slice(0, 4)));
    for (const years of byTitle.values()) expect(years.size).toBeGreaterThanOrEqual(2);
    expect(catalog.movies.some((m) => m.title.includes("'") && m.title.includes('"'))).toBe(true);
    expect(catalog.movies.some((m) => m.title.includes("';--") || m.title.includes(';--'))).toBe(true);
  });
});

describe('query helpers', () => {
  it('moviesChangedBetween is inclusive and sorted by id', () => {
    const from = addDays(DEFAULT_TODAY, -3);
    const got = moviesChangedBetween(catalog, from, DEFAULT_TODAY);
    const expected = catalog.movies.filter((m) => m.changedOn.some((d) => d >= from && d <= DEFAULT_TODAY));
    expect(got.map((m) => m.tmdbId)).toEqual(expected.map((m) => m.tmdbId));
    expect(changedIdsBetween(catalog, from, DEFAULT_TODAY).map((x) => x.id)).toEqual(got.map((m) => m.tmdbId));
    expect(changedIdsBetween(catalog, addDays(DEFAULT_TODAY, -14), DEFAULT_TODAY).some((x) => x.adult === null)).toBe(true);
  });

  it('moviesReleasedBetween hides adult films unless asked', () => {
    const all = moviesReleasedBetween(catalog, '1900-01-01', '2100-01-01', { includeAdult: true });
    expect(all).toHaveLength(2000);
    expect(moviesReleasedBetween(catalog, '1900-01-01', '2100-01-01')).toHaveLength(2000 - moviesWithTag(catalog, 'adult').length);
  });
});

const FINGERPRINT = '23eeb2defa71eb98';
