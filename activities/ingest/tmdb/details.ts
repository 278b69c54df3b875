import { NotFoundError, ParseError } from '../../sources/errors';
import { tmdbClientFromConfig } from '../../sources/tmdb';
import type { TmdbMovieParsed } from '../../sources/tmdb/parse';
import { movieRow, quarantineRow, ratingObservationRow, type SilverRow } from '../../warehouse/silver';
import type { IngestContext } from '../context';
import { runOrdered } from '../ordered-pool';
import type { IngestRun, StageCounts } from '../types';
import { idsDocument } from './collect';
import { ApplicationFailure } from '@temporalio/common';

export interface DetailsInput {
  run: IngestRun;
  idsKey: string;
  offset: number;
  limit: number;
}

export interface DetailsResult {
  movies: number;
  requests: number;
  staged: StageCounts;
  quarantined: number;
  /** Ids skipped because an earlier attempt of this activity had done them (heartbeat resume). */
  resumedFrom: number;
}

/** Requests in flight: enough to keep up with the rate limit while S3 writes overlap. */
const CONCURRENCY = 8;
/** Rows are staged (and the checkpoint moves) every this many movies. */
const STAGE_EVERY = 100;

type Outcome = { rows: { movies: SilverRow[]; ratings: SilverRow[]; quarantine: SilverRow[] }; requests: number };

/**
 * Fetches the TMDB details of ids[offset, offset+limit), stores each payload in bronze and stages
 * the movie and its TMDB rating. Heartbeat = how many of the slice are staged; a retried attempt
 * starts after them (rows staged after the last heartbeat may be staged twice: the run's MERGE
 * keeps one per key).
 */
export async function fetchTmdbDetails(ctx: IngestContext, input: DetailsInput): Promise<DetailsResult> {
  const rt = ctx.runtime();
  const doc = await ctx.state().get(input.idsKey, idsDocument);
  if (!doc) throw ApplicationFailure.create({ type: 'StateMissing', message: `State document ${input.idsKey} is missing`, nonRetryable: true });
  const slice = doc.ids.slice(input.offset, input.offset + input.limit);
  const resumedFrom = Math.min(rt.lastHeartbeat<{ done: number }>()?.done ?? 0, slice.length);
  const todo = slice.slice(resumedFrom);
  const tmdb = tmdbClientFromConfig(ctx.config, ctx.http());
  const writer = ctx.writer(input.run.runId);
  const { runId, day } = input.run;
  const result: DetailsResult = { movies: 0, requests: 0, staged: {}, quarantined: 0, resumedFrom };

  const quarantine = (id: number, reason: string, rawObjectKey: string | null) =>
    quarantineRow({ source: 'tmdb', recordKey: `movie-${id}`, reason, rawObjectKey, runId, at: new Date() });

  const fetchOne = async (id: number): Promise<Outcome> => {
    const out: Outcome = { rows: { movies: [], ratings: [], quarantine: [] }, requests: 0 };
    // A broken payload is retried once (it is usually a truncated or garbled response), then quarantined.
    for (let attempt = 1; ; attempt++) {
      out.requests += 1;
      try {
        const f = await tmdb.movieDetails(id, { signal: rt.signal });
        const rawObjectKey = await ctx.raw().put({ source: 'tmdb', day, key: `movie-${id}`, body: f.raw, kind: 'json' });
        pushMovie(out, f.parsed, { runId, rawObjectKey, seenAt: f.fetchedAt, day });
        return out;
      } catch (err) {
        if (err instanceof NotFoundError) {
          // Listed by changes/lists but gone from TMDB (deleted or merged): recorded, not fatal.
          out.rows.quarantine.push(quarantine(id, `not_found: ${err.message}`, null));
          return out;
        }
        if (err instanceof ParseError && attempt >= 2) {
          const raw = err.details.raw;
          const rawObjectKey = raw ? await ctx.raw().put({ source: 'tmdb', day, key: `movie-${id}-unreadable`, body: raw, kind: 'json' }) : null;
          out.rows.quarantine.push(quarantine(id, `parse_error: ${err.message}`, rawObjectKey));
          return out;
        }
        if (!(err instanceof ParseError)) throw err;
      }
    }
  };

  let staged = 0;
  const stageUpTo = async (done: number, outcomes: readonly Outcome[]) => {
    if (done - staged < STAGE_EVERY && done < todo.length) return;
    const part = outcomes.slice(staged, done);
    const movies = part.flatMap((o) => o.rows.movies);
    const ratings = part.flatMap((o) => o.rows.ratings);
    const bad = part.flatMap((o) => o.rows.quarantine);
    if (movies.length) await writer.stage('movies', movies);
    if (ratings.length) await writer.stage('rating_observations', ratings);
    if (bad.length) await writer.stage('quarantine', bad);
    add(result.staged, 'movies', movies.length);
    add(result.staged, 'rating_observations', ratings.length);
    add(result.staged, 'quarantine', bad.length);
    result.movies += movies.length;
    result.quarantined += bad.length;
    result.requests += part.reduce((n, o) => n + o.requests, 0);
    staged = done;
    rt.heartbeat({ done: resumedFrom + done });
  };

  await runOrdered(todo, CONCURRENCY, fetchOne, stageUpTo);
  return result;
}

function pushMovie(out: Outcome, p: TmdbMovieParsed, l: { runId: string; rawObjectKey: string; seenAt: string; day: string }): void {
  out.rows.movies.push(movieRow(p.movie, { runId: l.runId, rawObjectKey: l.rawObjectKey, seenAt: l.seenAt }));
  for (const o of p.observations) {
    out.rows.ratings.push(ratingObservationRow(p.movie.tmdbId, o, { runId: l.runId, rawObjectKey: l.rawObjectKey, observedOn: l.day }));
  }
}

function add(into: StageCounts, key: keyof StageCounts, n: number): void {
  if (n) into[key] = (into[key] ?? 0) + n;
}
