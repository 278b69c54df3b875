import type { MovieRecord, RatingObservation } from '../../activities/sources/records';
import { sqlValue } from '../../activities/warehouse/sql';
import {
  columnNames,
  criticPageRow,
  ingestRunRow,
  movieRow,
  omdbDetailsRow,
  quarantineRow,
  ratingObservationRow,
  SILVER_TABLES,
  SilverRow,
  SilverTableName,
} from '../../activities/warehouse/silver';

const lineage = { runId: 'run-1', rawObjectKey: 'raw/tmdb/dt=2026-11-27/movie-603.json.gz' };

const movie: MovieRecord = {
  tmdbId: 603,
  imdbId: 'tt0133093',
  title: 'The Matrix',
  originalTitle: null,
  originalLanguage: 'en',
  releaseDate: '1999-03-31',
  year: 1999,
  runtime: 136,
  status: 'Released',
  overview: "Neo's story",
  tagline: null,
  budget: 63000000,
  revenue: 463517383,
  genres: ['Action', 'Science Fiction'],
  productionCountries: ['US'],
  productionCompanies: [],
  spokenLanguages: ['en'],
  directors: ['Lana Wachowski', 'Lilly Wachowski'],
  topCast: ['Keanu Reeves'],
  posterPath: '/p.jpg',
  popularity: 80.5,
};

const observation: RatingObservation = {
  source: 'tmdb',
  metric: 'vote_average',
  via: 'direct',
  value: 8.2,
  scaleMax: 10,
  value0to100: 82,
  voteCount: 25000,
  voteCountText: null,
  observedAt: '2026-11-27T23:30:00-02:00',
  url: null,
};

/** Each mapper yields exactly the table's columns with the table's types. */
function expectMatchesTable(table: SilverTableName, row: SilverRow) {
  const spec = SILVER_TABLES[table];
  expect(Object.keys(row).sort()).toEqual(columnNames(spec).sort());
  for (const [c, type] of spec.columns) expect([c, row[c].type]).toEqual([c, type]);
}

describe('silver row mappers', () => {
  it('movies: every column, first and last seen both set to seenAt', () => {
    const row = movieRow(movie, { ...lineage, seenAt: '2026-11-27T02:00:00Z' });
    expectMatchesTable('movies', row);
    expect(row.tmdb_id.value).toBe(603);
    expect(row.genres.value).toEqual(['Action', 'Science Fiction']);
    expect(row.top_cast.value).toEqual(['Keanu Reeves']);
    expect(row.first_seen_at.value).toBe('2026-11-27T02:00:00Z');
    expect(row.last_seen_at.value).toBe('2026-11-27T02:00:00Z');
    expect(row.raw_object_key.value).toBe(lineage.rawObjectKey);
    expect(row.run_id.value).toBe('run-1');
    expect(sqlValue(row.tagline)).toBe('CAST(NULL AS varchar)');
    expect(sqlValue(row.release_date)).toBe("DATE '1999-03-31'");
  });

  it('rating_observations: observed_on is the UTC day of observedAt unless pinned', () => {
    const row = ratingObservationRow(603, observation, lineage);
    expectMatchesTable('rating_observations', row);
    expect(row.observed_on.value).toBe('2026-11-28'); // 23:30 at -02:00 is 01:30 UTC next day
    expect(row.via.value).toBe('direct');
    expect(row.value_0_100.value).toBe(82);
    expect(ratingObservationRow(603, observation, { ...lineage, observedOn: '2026-11-27' }).observed_on.value).toBe('2026-11-27');
  });

  it('omdb_details, critic_pages, quarantine, ingest_runs', () => {
    expectMatchesTable(
      'omdb_details',
      omdbDetailsRow(
        {
          imdbId: 'tt0133093',
          title: 'The Matrix',
          year: 1999,
          rated: 'R',
          released: '1999-03-31',
          runtimeMinutes: 136,
          genres: ['Action'],
          director: 'Wachowskis',
          awards: 'Won 4 Oscars',
          boxOffice: 172076928,
          metascore: 73,
          imdbRating: 8.7,
          imdbVotes: 2000000,
          plot: 'x',
          type: 'movie',
        },
        { ...lineage, fetchedAt: new Date('2026-11-27T04:00:00Z') },
      ),
    );
    const page = criticPageRow(
      { tmdbId: 603, site: 'metacritic', url: null, matchConfidence: null, status: 'blocked_by_robots', checkedAt: '2026-11-27T05:00:00Z' },
      { runId: 'run-2', rawObjectKey: null },
    );
    expectMatchesTable('critic_pages', page);
    expect(page.raw_object_key.value).toBeNull();
    expectMatchesTable(
      'quarantine',
      quarantineRow({ source: 'tmdb', recordKey: '42', reason: 'bad date', rawObjectKey: null, runId: 'r', at: '2026-11-27T02:00:00Z' }),
    );
    const run = ingestRunRow({
      runId: 'r',
      workflow: 'DailyIngest',
      windowStart: '2026-11-26',
      windowEnd: '2026-11-27',
      watermark: null,
      startedAt: '2026-11-27T02:00:00Z',
      finishedAt: null,
      status: 'running',
      counts: { movies: 3 },
    });
    expectMatchesTable('ingest_runs', run);
    expect(run.counts.value).toBe('{"movies":3}');
  });
});
