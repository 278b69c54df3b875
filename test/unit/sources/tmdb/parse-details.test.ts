import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AuthError, NotFoundError, ParseError, SourceError } from '../../../../activities/sources/errors';
import { parseTmdbMovieDetails } from '../../../../activities/sources/tmdb/parse';
import { movieRecordSchema, ratingObservationSchema } from '../../../../activities/sources/records';
import { tmdbFixture } from './fixtures';

const ctx = { observedAt: '2026-01-02T03:04:05.000Z' };

describe('parseTmdbMovieDetails', () => {
  it('reads 2019-style details without append_to_response', () => {
    const { movie, observations } = parseTmdbMovieDetails(tmdbFixture('movie-details-2019.json'), ctx);
    expect(movie).toEqual({
      tmdbId: 47964,
      imdbId: 'tt1606378',
      title: 'A Good Day to Die Hard',
      originalTitle: 'A Good Day to Die Hard',
      originalLanguage: 'en',
      releaseDate: '2013-02-06',
      year: 2013,
      runtime: 98,
      status: 'Released',
      overview: expect.stringContaining('John McClane'),
      tagline: 'Yippee Ki-Yay Mother Russia',
      budget: 92000000,
      revenue: 304654182,
      genres: ['Action', 'Thriller'],
      productionCountries: ['US'],
      productionCompanies: ['Mid Atlantic Films', 'Ingenious Media', '20th Century Fox'],
      spokenLanguages: ['en', 'ru'],
      directors: [],
      topCast: [],
      posterPath: '/c2SQMd00CCGTiDxGXVqA2J9lmzF.jpg',
      popularity: 15.524,
    });
    expect(observations).toEqual([
      {
        source: 'tmdb',
        metric: 'vote_average',
        via: 'direct',
        value: 5.2,
        scaleMax: 10,
        value0to100: 52,
        voteCount: 4274,
        voteCountText: null,
        observedAt: ctx.observedAt,
        url: 'https://www.themoviedb.org/movie/47964',
      },
    ]);
  });

  it('reads 2019 appended external_ids (no id key), credits in billing order and directors', () => {
    const { movie } = parseTmdbMovieDetails(tmdbFixture('movie-details-2019-appended.json'), ctx);
    expect(movie.imdbId).toBe('tt1606378');
    expect(movie.directors).toEqual(['John Moore']);
    expect(movie.topCast).toEqual(['Bruce Willis', 'Jai Courtney', 'Sebastian Koch']);
  });

  it('reads current details with origin_country, english_name, wikidata_id and descriptors', () => {
    const { movie, observations } = parseTmdbMovieDetails(tmdbFixture('movie-details-current-appended.json'), {
      ...ctx,
      url: 'https://www.themoviedb.org/movie/550-fight-club',
    });
    expect(movie).toMatchObject({
      tmdbId: 550,
      imdbId: 'tt0137523',
      title: 'Fight Club',
      year: 1999,
      runtime: 139,
      genres: ['Drama', 'Thriller', 'Comedy'],
      productionCountries: ['DE', 'US'],
      spokenLanguages: ['en'],
      directors: ['David Fincher'],
      topCast: ['Edward Norton', 'Brad Pitt', 'Helena Bonham Carter'],
    });
    expect(observations[0]).toMatchObject({ value: 8.433, value0to100: 84.33, voteCount: 26280, url: 'https://www.themoviedb.org/movie/550-fight-club' });
    expect(() => movieRecordSchema.parse(movie)).not.toThrow();
    expect(() => ratingObservationSchema.parse(observations[0])).not.toThrow();
  });

  it('turns empty strings, zeros meaning "unknown" and missing IMDb ids into nulls', () => {
    const { movie, observations } = parseTmdbMovieDetails(tmdbFixture('movie-details-unreleased-no-imdb.json'), ctx);
    expect(movie).toMatchObject({
      tmdbId: 1299999,
      imdbId: null,
      title: "L'Été « sans titre » 🎬",
      releaseDate: null,
      year: null,
      runtime: null,
      budget: null,
      revenue: null,
      overview: null,
      tagline: null,
      posterPath: null,
      genres: [],
      directors: [],
    });
    // 0.0 with 0 votes is "not rated", not a zero score
    expect(observations[0]).toMatchObject({ value: null, value0to100: null, voteCount: 0 });
  });

  it('keeps a 10.0 average from a single vote as it is', () => {
    const body = JSON.stringify({ id: 7, title: 'One Vote', vote_average: 10, vote_count: 1 });
    const { observations } = parseTmdbMovieDetails(body, ctx);
    expect(observations[0]).toMatchObject({ value: 10, value0to100: 100, voteCount: 1 });
  });

  it('falls back to the appended external_ids when imdb_id is missing at the top', () => {
    const body = JSON.stringify({ id: 8, title: 'X', external_ids: { imdb_id: 'tt0000008' } });
    expect(parseTmdbMovieDetails(body, ctx).movie.imdbId).toBe('tt0000008');
  });

  it('survives wrong types in non-essential fields (null instead of a crash)', () => {
    const body = JSON.stringify({
      id: 9,
      title: 'Weird',
      runtime: '120',
      genres: [{ id: 1, name: 'Ok' }, { id: 'x' }, null],
      credits: { cast: 'none', crew: [{ name: 'A', job: 'Director' }, { job: 'Director' }] },
      vote_average: 'high',
      popularity: null,
      release_date: '2020-13-45',
      unknown_new_field: { nested: true },
    });
    const { movie, observations } = parseTmdbMovieDetails(body, ctx);
    expect(movie).toMatchObject({ runtime: null, genres: ['Ok'], directors: ['A'], topCast: [], releaseDate: null, popularity: null });
    expect(observations[0].value).toBeNull();
  });

  it.each([
    ['401-invalid-api-key.json', AuthError],
    ['401-authentication-failed.json', AuthError],
    ['401-suspended-key.json', AuthError],
    ['404-not-found-2019.json', NotFoundError],
    ['404-not-found-current.json', NotFoundError],
    ['404-invalid-id.json', NotFoundError],
  ])('throws the typed error for the error body %s', (file, Type) => {
    expect(() => parseTmdbMovieDetails(tmdbFixture(`errors/${file}`), ctx)).toThrow(Type);
  });

  it('names the variables to fix in the auth error', () => {
    const err = (() => {
      try {
        parseTmdbMovieDetails(tmdbFixture('errors/401-invalid-api-key.json'), ctx);
      } catch (e) {
        return e as SourceError;
      }
    })();
    expect(err?.message).toMatch(/TMDB_API_KEY/);
    expect(err?.message).toMatch(/TMDB_READ_ACCESS_TOKEN/);
    expect(err?.retryable).toBe(false);
  });

  it.each([
    ['truncated JSON', tmdbFixture('truncated-details.json')],
    ['an HTML error page', tmdbFixture('errors/502-cloudfront.html')],
    ['empty', ''],
    ['null', 'null'],
    ['an array', '[1,2]'],
    ['a list page', tmdbFixture('popular-2019.json')],
    ['no id', '{"title":"x"}'],
    ['no title', '{"id":5}'],
    ['a negative id', '{"id":-5,"title":"x"}'],
  ])('throws ParseError (never a TypeError) for %s', (_name, body) => {
    expect(() => parseTmdbMovieDetails(body, ctx)).toThrow(ParseError);
  });

  it('never throws anything but a SourceError on any fixture', () => {
    const dir = join(__dirname, '../../../fixtures/tmdb');
    const files = [...readdirSync(dir).map((f) => f), ...readdirSync(join(dir, 'errors')).map((f) => `errors/${f}`)];
    for (const f of files.filter((x) => /\.(json|html)$/.test(x))) {
      try {
        parseTmdbMovieDetails(tmdbFixture(f), ctx);
      } catch (e) {
        expect(e).toBeInstanceOf(SourceError);
      }
    }
  });
});

describe('saved-response wrappings', () => {
  it('parses a body saved with a BOM or with curl -i headers', () => {
    const body = tmdbFixture('movie-details-current-appended.json');
    expect(parseTmdbMovieDetails(`\uFEFF${body}`, ctx).movie.tmdbId).toBe(550);
    const withHeaders = `HTTP/2 200\r\ncontent-type: application/json;charset=utf-8\r\nx-cache: Hit from cloudfront\r\n\r\n${body}`;
    expect(parseTmdbMovieDetails(withHeaders, ctx).movie.tmdbId).toBe(550);
  });

  it('uses the saved status for a non-JSON error page', () => {
    const page = `HTTP/1.1 502 Bad Gateway\nServer: CloudFront\n\n${tmdbFixture('errors/502-cloudfront.html')}`;
    expect(() => parseTmdbMovieDetails(page, ctx)).toThrow(SourceError);
    expect(() => parseTmdbMovieDetails(page, ctx)).not.toThrow(ParseError);
  });
});
