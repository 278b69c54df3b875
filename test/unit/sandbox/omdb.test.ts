import { moviesWithTag } from '../../../infra/sandbox/catalog-queries';
import type { SandboxHandle } from '../../../infra/sandbox/server';
import type { SandboxMovie } from '../../../infra/sandbox/types';
import { get, OMDB_KEY, startSmallSandbox } from './helpers';

let sb: SandboxHandle;
let omdb: string;
const api = (query: string) => get(`${omdb}?${OMDB_KEY}&${query}`);

beforeAll(async () => {
  sb = await startSmallSandbox();
  omdb = sb.baseUrls.omdb as string;
});
afterAll(() => sb.close());

const FIELDS = [
  'Title', 'Year', 'Rated', 'Released', 'Runtime', 'Genre', 'Director', 'Writer', 'Actors', 'Plot', 'Language', 'Country',
  'Awards', 'Poster', 'Ratings', 'Metascore', 'imdbRating', 'imdbVotes', 'imdbID', 'Type', 'DVD', 'BoxOffice', 'Production',
  'Website', 'Response',
];

const withOmdb = (pred: (m: SandboxMovie) => boolean) => sb.catalog.movies.find((m) => m.omdb && pred(m)) as SandboxMovie;

describe('OMDb by IMDb id', () => {
  it('answers with every field, each a string except Ratings', async () => {
    const m = withOmdb((x) => x.omdb?.imdbVotes !== null && x.omdb!.imdbVotes! > 1000);
    const res = await api(`i=${m.imdbId}`);
    expect(res.status).toBe(200);
    const body = res.json() as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(FIELDS);
    for (const [k, v] of Object.entries(body)) if (k !== 'Ratings') expect([k, typeof v]).toEqual([k, 'string']);
    expect(body.imdbID).toBe(m.imdbId);
    expect(body.Response).toBe('True');
    expect(body.imdbVotes).toMatch(/^\d{1,3}(,\d{3})+$/);
    expect(body.Released).toMatch(/^\d{2} [A-Z][a-z]{2} \d{4}$/);
    expect(body.Year).toBe(m.releaseDate.slice(0, 4));
  });

  it('uses "N/A" for missing values and the OMDb value formats', async () => {
    const m = withOmdb((x) => x.omdb!.boxOffice !== null && x.omdb!.awards === null && x.runtime !== null);
    const body = (await api(`i=${m.imdbId}`)).json() as Record<string, string>;
    expect(body.Awards).toBe('N/A');
    expect(body.DVD).toBe('N/A');
    expect(body.BoxOffice).toMatch(/^\$\d{1,3}(,\d{3})*$/);
    expect(body.Runtime).toBe(`${m.runtime} min`);
  });

  it('omits missing sources from Ratings instead of writing N/A', async () => {
    const partial = moviesWithTag(sb.catalog, 'omdb-ratings-omitted').find((m) => m.omdb) as SandboxMovie;
    const body = (await api(`i=${partial.imdbId}`)).json() as { Ratings: { Source: string; Value: string }[]; Metascore: string };
    const sources = body.Ratings.map((r) => r.Source);
    expect(sources.length).toBeLessThan(3);
    for (const r of body.Ratings) expect(r.Value).not.toBe('N/A');
    const r = partial.omdb!.ratings;
    expect(sources.includes('Rotten Tomatoes')).toBe(r.rottenTomatoes);
    expect(sources.includes('Metacritic')).toBe(r.metacritic);

    const noScores = moviesWithTag(sb.catalog, 'no-scores').find((m) => m.omdb && m.omdb.imdbRating !== null) as SandboxMovie;
    const only = (await api(`i=${noScores.imdbId}`)).json() as { Ratings: { Source: string; Value: string }[]; Metascore: string };
    expect(only.Ratings).toEqual([{ Source: 'Internet Movie Database', Value: `${noScores.omdb!.imdbRating!.toFixed(1)}/10` }]);
    expect(only.Metascore).toBe('N/A');
  });

  it('formats the three Ratings values as OMDb does', async () => {
    const m = withOmdb((x) => x.omdb!.ratings.imdb && x.omdb!.ratings.rottenTomatoes && x.omdb!.ratings.metacritic);
    const body = (await api(`i=${m.imdbId}`)).json() as { Ratings: { Source: string; Value: string }[]; Metascore: string };
    expect(body.Ratings).toEqual([
      { Source: 'Internet Movie Database', Value: `${m.omdb!.imdbRating!.toFixed(1)}/10` },
      { Source: 'Rotten Tomatoes', Value: `${m.rt!.tomatometer}%` },
      { Source: 'Metacritic', Value: `${m.omdb!.metascore}/100` },
    ]);
    expect(body.Metascore).toBe(String(m.omdb!.metascore));
  });

  it('serves plot=full and r=xml', async () => {
    const m = withOmdb((x) => x.overview.length > 0);
    expect(((await api(`i=${m.imdbId}&plot=full`)).json() as { Plot: string }).Plot).toBe(m.overview);
    const xml = await api(`i=${m.imdbId}&r=xml`);
    expect(xml.headers.get('content-type')).toContain('xml');
    expect(xml.text).toContain(`imdbID="${m.imdbId}"`);
  });
});

describe('OMDb errors', () => {
  it.each([
    ['an unknown id', 'i=tt0000001', 'Incorrect IMDb ID.'],
    ['a malformed id', 'i=12345', 'Incorrect IMDb ID.'],
    ['an unknown title', 't=No%20Such%20Film%20Anywhere', 'Movie not found!'],
    ['no i, t or s', 'plot=full', 'Something went wrong.'],
  ])('answers %s with HTTP 200 and Response False', async (_name, query, error) => {
    const res = await api(query);
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ Response: 'False', Error: error });
  });

  it('answers a movie OMDb does not know (no OMDb record) with Incorrect IMDb ID.', async () => {
    const m = sb.catalog.movies.find((x) => x.imdbId && !x.omdb) as SandboxMovie;
    expect((await api(`i=${m.imdbId}`)).json()).toEqual({ Response: 'False', Error: 'Incorrect IMDb ID.' });
  });

  it('answers a missing key and a wrong key with 401', async () => {
    const missing = await get(`${omdb}?i=tt0000001`);
    expect([missing.status, missing.json()]).toEqual([401, { Response: 'False', Error: 'No API key provided.' }]);
    const wrong = await get(`${omdb}?apikey=nope&i=tt0000001`);
    expect([wrong.status, wrong.json()]).toEqual([401, { Response: 'False', Error: 'Invalid API key!' }]);
  });

  it('also answers without the trailing slash of the prefix', async () => {
    expect((await get(`${sb.url}/omdb?${OMDB_KEY}&i=tt0000001`)).status).toBe(200);
  });
});

describe('OMDb by title and search', () => {
  it('finds a remake by title and year', async () => {
    const remakes = moviesWithTag(sb.catalog, 'remake').filter((m) => m.omdb);
    const m = remakes[remakes.length - 1];
    const body = (await api(`t=${encodeURIComponent(m.title)}&y=${m.releaseDate.slice(0, 4)}`)).json() as { imdbID: string };
    expect(body.imdbID).toBe(m.imdbId);
  });

  it('searches 10 per page with totalResults as a string', async () => {
    const body = (await api('s=the')).json() as { Search: Record<string, string>[]; totalResults: string; Response: string };
    expect(body.Response).toBe('True');
    expect(body.Search.length).toBeLessThanOrEqual(10);
    expect(typeof body.totalResults).toBe('string');
    expect(Object.keys(body.Search[0])).toEqual(['Title', 'Year', 'imdbID', 'Type', 'Poster']);
  });

  it('returns the hostile titles unchanged', async () => {
    for (const tag of ['quotes', 'emoji', 'backslash', 'sql']) {
      const m = moviesWithTag(sb.catalog, tag).find((x) => x.omdb);
      if (!m) continue;
      expect(((await api(`i=${m.imdbId}`)).json() as { Title: string }).Title).toBe(m.title);
    }
  });
});
