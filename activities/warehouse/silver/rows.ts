import type { CriticPageRecord, MovieRecord, OmdbDetailsRecord, RatingObservation } from '../../sources/records';
import { sql, type SqlValue } from '../sql';

/**
 * Row mappers: normalized source records → silver columns, every value already typed for the one
 * encoder. Each row carries its lineage (raw object key and workflow run id).
 */

export type SilverRow = Readonly<Record<string, SqlValue>>;

export interface Lineage {
  runId: string;
  rawObjectKey: string;
}

type Time = string | Date;

/** The UTC day of an instant: the `observed_on` of a rating and the `dt=` of its raw object. */
export function utcDay(at: Time): string {
  const d = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(d.getTime())) throw new Error(`Invalid timestamp ${String(at)}`);
  return d.toISOString().slice(0, 10);
}

function lineage(l: Lineage): SilverRow {
  return { raw_object_key: sql.varchar(l.rawObjectKey), run_id: sql.varchar(l.runId) };
}

/** `seenAt` becomes last_seen_at, and first_seen_at for a movie not seen before (the MERGE keeps an existing one). */
export function movieRow(m: MovieRecord, l: Lineage & { seenAt: Time }): SilverRow {
  return {
    tmdb_id: sql.bigint(m.tmdbId),
    imdb_id: sql.varchar(m.imdbId),
    title: sql.varchar(m.title),
    original_title: sql.varchar(m.originalTitle),
    original_language: sql.varchar(m.originalLanguage),
    release_date: sql.date(m.releaseDate),
    year: sql.integer(m.year),
    runtime: sql.integer(m.runtime),
    status: sql.varchar(m.status),
    overview: sql.varchar(m.overview),
    tagline: sql.varchar(m.tagline),
    budget: sql.bigint(m.budget),
    revenue: sql.bigint(m.revenue),
    genres: sql.arrayVarchar(m.genres),
    production_countries: sql.arrayVarchar(m.productionCountries),
    production_companies: sql.arrayVarchar(m.productionCompanies),
    spoken_languages: sql.arrayVarchar(m.spokenLanguages),
    directors: sql.arrayVarchar(m.directors),
    top_cast: sql.arrayVarchar(m.topCast),
    poster_path: sql.varchar(m.posterPath),
    popularity: sql.double(m.popularity),
    first_seen_at: sql.timestamptz(l.seenAt),
    last_seen_at: sql.timestamptz(l.seenAt),
    ...lineage(l),
  };
}

/** observed_on defaults to the UTC day of observedAt; pass the run's day to pin it. */
export function ratingObservationRow(tmdbId: number, o: RatingObservation, l: Lineage & { observedOn?: string }): SilverRow {
  return {
    tmdb_id: sql.bigint(tmdbId),
    source: sql.varchar(o.source),
    metric: sql.varchar(o.metric),
    via: sql.varchar(o.via),
    observed_on: sql.date(l.observedOn ?? utcDay(o.observedAt)),
    value: sql.double(o.value),
    scale_max: sql.double(o.scaleMax),
    value_0_100: sql.double(o.value0to100),
    vote_count: sql.bigint(o.voteCount),
    vote_count_text: sql.varchar(o.voteCountText),
    observed_at: sql.timestamptz(o.observedAt),
    url: sql.varchar(o.url),
    ...lineage(l),
  };
}

export function omdbDetailsRow(d: OmdbDetailsRecord, l: Lineage & { fetchedAt: Time }): SilverRow {
  return {
    imdb_id: sql.varchar(d.imdbId),
    title: sql.varchar(d.title),
    year: sql.integer(d.year),
    rated: sql.varchar(d.rated),
    released: sql.date(d.released),
    runtime_minutes: sql.integer(d.runtimeMinutes),
    genres: sql.arrayVarchar(d.genres),
    director: sql.varchar(d.director),
    awards: sql.varchar(d.awards),
    box_office: sql.bigint(d.boxOffice),
    metascore: sql.integer(d.metascore),
    imdb_rating: sql.double(d.imdbRating),
    imdb_votes: sql.bigint(d.imdbVotes),
    plot: sql.varchar(d.plot),
    type: sql.varchar(d.type),
    fetched_at: sql.timestamptz(l.fetchedAt),
    ...lineage(l),
  };
}

/** A page check may have no raw object (robots said no, or nothing was found). */
export function criticPageRow(p: CriticPageRecord, l: { runId: string; rawObjectKey: string | null }): SilverRow {
  return {
    tmdb_id: sql.bigint(p.tmdbId),
    site: sql.varchar(p.site),
    url: sql.varchar(p.url),
    match_confidence: sql.double(p.matchConfidence),
    status: sql.varchar(p.status),
    checked_at: sql.timestamptz(p.checkedAt),
    raw_object_key: sql.varchar(l.rawObjectKey),
    run_id: sql.varchar(l.runId),
  };
}

export interface QuarantineEntry {
  source: string;
  recordKey: string;
  reason: string;
  rawObjectKey: string | null;
  runId: string;
  at: Time;
}

export function quarantineRow(q: QuarantineEntry): SilverRow {
  return {
    source: sql.varchar(q.source),
    record_key: sql.varchar(q.recordKey),
    reason: sql.varchar(q.reason),
    raw_object_key: sql.varchar(q.rawObjectKey),
    run_id: sql.varchar(q.runId),
    quarantined_at: sql.timestamptz(q.at),
  };
}

export interface IngestRunEntry {
  runId: string;
  workflow: string;
  windowStart: string | null;
  windowEnd: string | null;
  watermark: Time | null;
  startedAt: Time;
  finishedAt: Time | null;
  status: string;
  /** Stored as JSON text. */
  counts: Record<string, number> | null;
}

export function ingestRunRow(r: IngestRunEntry): SilverRow {
  return {
    run_id: sql.varchar(r.runId),
    workflow: sql.varchar(r.workflow),
    window_start: sql.date(r.windowStart),
    window_end: sql.date(r.windowEnd),
    watermark: sql.timestamptz(r.watermark),
    started_at: sql.timestamptz(r.startedAt),
    finished_at: sql.timestamptz(r.finishedAt),
    status: sql.varchar(r.status),
    counts: sql.varchar(r.counts === null ? null : JSON.stringify(r.counts)),
  };
}
