import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AuthError, BadRequestError, NotFoundError, ParseError, QuotaExhaustedError, SourceError, UpstreamError } from '../../../../activities/sources/errors';
import { detectOmdbError, parseOmdbTitle } from '../../../../activities/sources/omdb/parse';
import { omdbDetailsRecordSchema, ratingObservationSchema } from '../../../../activities/sources/records';
import { omdbFixture } from './fixtures';

const ctx = { observedAt: '2026-01-02T03:04:05.000Z', url: 'https://www.omdbapi.com/?apikey=***&i=tt3896198' };

describe('parseOmdbTitle', () => {
  it('reads the current style with all three ratings', () => {
    const { details, observations, extras } = parseOmdbTitle(omdbFixture('title-current.json'), ctx);
    expect(details).toEqual({
      imdbId: 'tt3896198',
      title: 'Guardians of the Galaxy Vol. 2',
      year: 2017,
      rated: 'PG-13',
      released: '2017-05-05',
      runtimeMinutes: 136,
      genres: ['Action', 'Adventure', 'Comedy'],
      director: 'James Gunn',
      awards: 'Nominated for 1 Oscar. 15 wins & 60 nominations total',
      boxOffice: 389813101,
      metascore: 67,
      imdbRating: 7.6,
      imdbVotes: 802014,
      plot: expect.stringContaining('Guardians'),
      type: 'movie',
    });
    expect(observations).toEqual([
      { source: 'imdb', metric: 'rating', via: 'omdb', value: 7.6, scaleMax: 10, value0to100: 76, voteCount: 802014, voteCountText: null, observedAt: ctx.observedAt, url: 'https://www.imdb.com/title/tt3896198/' },
      { source: 'rotten_tomatoes', metric: 'critic', via: 'omdb', value: 85, scaleMax: 100, value0to100: 85, voteCount: null, voteCountText: null, observedAt: ctx.observedAt, url: ctx.url },
      { source: 'metacritic', metric: 'critic', via: 'omdb', value: 67, scaleMax: 100, value0to100: 67, voteCount: null, voteCountText: null, observedAt: ctx.observedAt, url: ctx.url },
    ]);
    expect(extras).toMatchObject({ yearEnd: null, countries: ['United States'], production: null, website: null, dvd: null });
    expect(() => omdbDetailsRecordSchema.parse(details)).not.toThrow();
    observations.forEach((o) => expect(() => ratingObservationSchema.parse(o)).not.toThrow());
  });

  it('reads the older style (USA, DVD, Production, Website)', () => {
    const { details, observations, extras } = parseOmdbTitle(omdbFixture('title-older.json'), ctx);
    expect(details).toMatchObject({ imdbId: 'tt1285016', year: 2010, released: '2010-10-01', boxOffice: 96400000, metascore: 95, imdbVotes: 590040 });
    expect(details.awards).toBe('Won 3 Oscars. Another 165 wins & 168 nominations.');
    expect(extras).toMatchObject({ countries: ['USA'], dvd: '2011-01-11', production: 'Columbia Pictures', website: 'http://www.thesocialnetwork-movie.com/', languages: ['English', 'French'] });
    expect(observations.map((o) => [o.source, o.value])).toEqual([
      ['imdb', 7.7],
      ['rotten_tomatoes', 96],
      ['metacritic', 95],
    ]);
  });

  it('reads an ended series: en-dash year range, totalSeasons, missing movie-only keys', () => {
    const { details, extras, observations } = parseOmdbTitle(omdbFixture('title-series-ended.json'), ctx);
    expect(details).toMatchObject({ year: 1992, type: 'series', boxOffice: null, director: null, metascore: null });
    expect(extras).toMatchObject({ yearEnd: 2012, totalSeasons: 6, poster: null, dvd: null });
    expect(observations.map((o) => o.source)).toEqual(['imdb']);
  });

  it('reads a running series ("2005–")', () => {
    const { details, extras } = parseOmdbTitle(omdbFixture('title-series-running.json'), ctx);
    expect(details.year).toBe(2005);
    expect(extras.yearEnd).toBeNull();
    expect(extras.totalSeasons).toBeNull();
    expect(details.plot).toBeNull();
  });

  it('omits sources missing from Ratings (IMDb only)', () => {
    const { details, observations } = parseOmdbTitle(omdbFixture('title-imdb-only.json'), ctx);
    expect(details).toMatchObject({ released: null, rated: null, metascore: null, boxOffice: null, imdbVotes: 87 });
    expect(observations).toHaveLength(1);
    expect(observations[0]).toMatchObject({ source: 'imdb', value: 5.9, voteCount: 87 });
  });

  it('keeps an imdb observation with null value when everything is N/A', () => {
    const { details, observations } = parseOmdbTitle(omdbFixture('title-all-na.json'), ctx);
    expect(details).toMatchObject({ imdbRating: null, imdbVotes: null, runtimeMinutes: null, genres: [], title: 'Unrated Short' });
    expect(observations).toEqual([expect.objectContaining({ source: 'imdb', value: null, value0to100: null, voteCount: null })]);
  });

  it('uses Metascore when Ratings lacks Metacritic, ignores unknown sources, reads "1,013 min"', () => {
    const { details, observations } = parseOmdbTitle(omdbFixture('title-metascore-no-ratings-entry.json'), ctx);
    expect(details).toMatchObject({ title: 'Quote "Marks" & Ünïcödé 🎬', runtimeMinutes: 1013, imdbVotes: 1234567, director: 'A, B' });
    expect(observations.map((o) => [o.source, o.value])).toEqual([
      ['imdb', 8.5],
      ['metacritic', 96],
    ]);
  });

  it('falls back to the Ratings entry when imdbRating is missing', () => {
    const body = JSON.stringify({ imdbID: 'tt1', Response: 'True', Ratings: [{ Source: 'Internet Movie Database', Value: '6.1/10' }] });
    expect(parseOmdbTitle(body, ctx).details.imdbRating).toBe(6.1);
  });

  it.each([
    ['401-invalid-api-key.json', AuthError],
    ['401-no-api-key.json', AuthError],
    ['401-request-limit-reached.json', QuotaExhaustedError],
    ['200-movie-not-found.json', NotFoundError],
    ['200-incorrect-imdb-id.json', NotFoundError],
    ['200-error-getting-data.json', UpstreamError],
    ['200-something-went-wrong.json', BadRequestError],
    ['200-unescaped-quotes.txt', NotFoundError],
  ])('throws the typed error for %s', (file, Type) => {
    expect(() => parseOmdbTitle(omdbFixture(`errors/${file}`), ctx)).toThrow(Type);
  });

  it('tells the daily limit apart from a bad key, and names OMDB_API_KEY', () => {
    const quota = detectOmdbError(omdbFixture('errors/401-request-limit-reached.json'), 401);
    const auth = detectOmdbError(omdbFixture('errors/401-invalid-api-key.json'), 401);
    expect(quota).toBeInstanceOf(QuotaExhaustedError);
    expect(quota).not.toBeInstanceOf(AuthError);
    expect(auth).toBeInstanceOf(AuthError);
    expect(auth?.message).toContain('OMDB_API_KEY');
    expect(auth?.retryable).toBe(false);
    expect(quota?.retryable).toBe(false);
  });

  it.each([
    ['truncated JSON', omdbFixture('truncated-title.json')],
    ['HTML', omdbFixture('not-json.html')],
    ['empty', ''],
    ['an array', '[]'],
    ['no imdbID', '{"Title":"x","Response":"True"}'],
    ['a bad imdbID', '{"imdbID":"12","Response":"True"}'],
    ['Response False without Error', '{"imdbID":"tt1","Response":"False"}'],
    ['a TMDB body', '{"id":550,"title":"Fight Club"}'],
  ])('throws ParseError for %s', (_n, body) => {
    expect(() => parseOmdbTitle(body, ctx)).toThrow(ParseError);
  });

  it('throws only SourceErrors on every fixture', () => {
    const dir = join(__dirname, '../../../fixtures/omdb');
    const files = [...readdirSync(dir), ...readdirSync(join(dir, 'errors')).map((f) => `errors/${f}`)].filter((f) => !f.endsWith('.md') && f !== 'errors');
    for (const f of files) {
      try {
        parseOmdbTitle(omdbFixture(f), ctx);
      } catch (e) {
        expect(e).toBeInstanceOf(SourceError);
      }
    }
  });
});

describe('detectOmdbError', () => {
  it('is null for titles, and uses the status for non-JSON bodies', () => {
    expect(detectOmdbError(omdbFixture('title-current.json'), 200)).toBeNull();
    expect(detectOmdbError('<html>', 200)).toBeNull();
    expect(detectOmdbError('<html>', 503)).toBeInstanceOf(UpstreamError);
    expect(detectOmdbError('', 401)).toBeInstanceOf(AuthError);
    expect(detectOmdbError('{"Response":"False","Error":"Brand new error"}', 200)).toBeInstanceOf(BadRequestError);
    expect(detectOmdbError('{"Response":"False","Error":"Brand new error"}', 401)).toBeInstanceOf(AuthError);
  });
});

describe('OMDb saved-response wrappings and XML errors', () => {
  it('parses a title saved with curl -i headers and a BOM', () => {
    const text = `HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\n\r\n\uFEFF${omdbFixture('title-current.json')}`;
    expect(parseOmdbTitle(text, ctx).details.imdbId).toBe('tt3896198');
  });

  it('reads errors of r=xml responses', () => {
    expect(detectOmdbError('<?xml version="1.0" encoding="UTF-8"?><root response="False"><error>Movie not found!</error></root>')).toBeInstanceOf(NotFoundError);
    expect(() => parseOmdbTitle('<root response="False"><error>Request limit reached!</error></root>', ctx)).toThrow(QuotaExhaustedError);
  });
});
