import { BadRequestError, ParseError, RateLimitedError, UpstreamError } from '../../../../activities/sources/errors';
import { parseTmdbChanges, parseTmdbFind, parseTmdbGenres, parseTmdbList } from '../../../../activities/sources/tmdb/parse';
import { tmdbFixture } from './fixtures';

describe('parseTmdbList', () => {
  it('reads a 2026 discover page: uncapped total_pages, softcore, vote edge cases', () => {
    const page = parseTmdbList(tmdbFixture('discover-2026-page2.json'));
    expect(page).toMatchObject({ page: 2, totalPages: 57001, totalResults: 1140007, dates: null, rejected: [] });
    expect(page.items).toHaveLength(20);
    expect(page.items[0]).toEqual({
      tmdbId: 900000,
      title: 'Synthetic 0',
      originalTitle: 'Synthetic 0',
      originalLanguage: 'en',
      releaseDate: '2024-03-01',
      adult: false,
      video: false,
      softcore: false,
      genreIds: [18, 35],
      popularity: 10,
      voteAverage: 6.5,
      voteCount: 120,
      posterPath: '/p0.jpg',
      mediaType: null,
    });
    expect(page.items[3]).toMatchObject({ voteAverage: 10, voteCount: 1 });
    expect(page.items[4]).toMatchObject({ voteAverage: 0, voteCount: 0, posterPath: null, genreIds: [] });
    expect(page.items[5].title).toBe('Amélie — «Le Fabuleux» 🎥');
  });

  it.each([
    ['popular-2019.json', 993, 19856],
    ['top-rated.json', 552, 11028],
  ])('reads list page %s', (file, pages, results) => {
    const page = parseTmdbList(tmdbFixture(file));
    expect(page.totalPages).toBe(pages);
    expect(page.totalResults).toBe(results);
    expect(page.items).toHaveLength(20);
    expect(page.items[0].softcore).toBeNull();
  });

  it('reads now_playing dates', () => {
    expect(parseTmdbList(tmdbFixture('now-playing.json')).dates).toEqual({ minimum: '2018-12-14', maximum: '2019-01-31' });
  });

  it('reads an empty page', () => {
    expect(parseTmdbList(tmdbFixture('discover-empty.json'))).toMatchObject({ page: 1, totalPages: 0, items: [] });
  });

  it('reports broken items instead of crashing or dropping them silently', () => {
    const page = parseTmdbList(tmdbFixture('list-with-bad-items.json'));
    expect(page.items.map((i) => i.tmdbId)).toEqual([900000, 900003]);
    expect(page.items[1]).toMatchObject({ releaseDate: null, voteAverage: null });
    expect(page.rejected.map((r) => r.index)).toEqual([1, 2, 3, 5, 6]);
    expect(page.rejected.find((r) => r.index === 3)?.reason).toBe('no title');
  });

  it.each([
    ['400-invalid-page.json', BadRequestError],
    ['422-invalid-date-range.json', BadRequestError],
    ['400-invalid-date.json', BadRequestError],
    ['400-too-many-appends.json', BadRequestError],
    ['400-invalid-input.json', BadRequestError],
    ['429-rate-limit-legacy.json', RateLimitedError],
    ['503-maintenance.json', UpstreamError],
  ])('throws the typed error for %s', (file, Type) => {
    expect(() => parseTmdbList(tmdbFixture(`errors/${file}`))).toThrow(Type);
  });

  it.each([
    ['details body', tmdbFixture('movie-details-2019.json')],
    ['HTML', tmdbFixture('errors/502-cloudfront.html')],
    ['results not an array', '{"page":1,"results":{}}'],
    ['a number', '42'],
  ])('throws ParseError for %s', (_n, body) => {
    expect(() => parseTmdbList(body)).toThrow(ParseError);
  });
});

describe('parseTmdbChanges', () => {
  it('reads the docs shape with adult true/false/null', () => {
    const page = parseTmdbChanges(tmdbFixture('changes-docs-style.json'));
    expect(page).toEqual({
      page: 3,
      totalPages: 57,
      totalResults: 5700,
      items: [
        { tmdbId: 1104845, adult: false },
        { tmdbId: 1160018, adult: null },
        { tmdbId: 1078605, adult: true },
      ],
      rejected: [],
    });
  });

  it('reads the real 2019 shape: one page of 1800 ids although total_results says 1', () => {
    const page = parseTmdbChanges(tmdbFixture('changes-2019-one-page.json'));
    expect(page.totalResults).toBe(1);
    expect(page.totalPages).toBe(1);
    expect(page.items).toHaveLength(1800); // the duplicate id is listed once
    expect(page.items.some((i) => i.adult === null)).toBe(true);
    expect(page.items.some((i) => i.adult === true)).toBe(true);
  });

  it('rejects items without an id and errors like the list parser', () => {
    const page = parseTmdbChanges('{"page":1,"total_pages":1,"results":[{"id":1},{"adult":true},{"id":"2"}]}');
    expect(page.items).toEqual([{ tmdbId: 1, adult: null }]);
    expect(page.rejected.map((r) => r.index)).toEqual([1, 2]);
    expect(() => parseTmdbChanges(tmdbFixture('errors/422-invalid-date-range.json'))).toThrow(BadRequestError);
    expect(() => parseTmdbChanges('{"results":')).toThrow(ParseError);
  });
});

describe('parseTmdbGenres / parseTmdbFind', () => {
  it('reads the genre list', () => {
    const genres = parseTmdbGenres(tmdbFixture('genres.json'));
    expect(genres).toHaveLength(19);
    expect(genres).toContainEqual({ id: 878, name: 'Science Fiction' });
  });

  it('reads find results (with media_type) and empty finds', () => {
    const found = parseTmdbFind(tmdbFixture('find-imdb.json'));
    expect(found.items).toEqual([expect.objectContaining({ tmdbId: 550, title: 'Fight Club', mediaType: 'movie' })]);
    expect(parseTmdbFind(tmdbFixture('find-empty.json')).items).toEqual([]);
    expect(() => parseTmdbFind(tmdbFixture('genres.json'))).toThrow(ParseError);
  });
});
