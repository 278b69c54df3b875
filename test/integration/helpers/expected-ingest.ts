import { addDays } from '../../../activities/sources/tmdb/date-windows';
import {
  changedIdsBetween,
  moviesReleasedBetween,
  nowPlayingMovies,
  popularMovies,
  topRatedMovies,
  type SandboxCatalog,
} from '../../../infra/sandbox';

/** TMDB page size of the lists. */
const PAGE = 20;

/**
 * The ids a first incremental DailyIngest on `day` must fetch from the sandbox, computed with
 * the same catalog queries the sandbox answers with: yesterday's changes and releases, and the
 * first `listPages` pages of each list (adult titles left out, as the pipeline does).
 */
export function expectedDailyIds(catalog: SandboxCatalog, day: string, o: { lookbackDays: number; listPages: number }): Set<number> {
  const from = addDays(day, -o.lookbackDays);
  const to = addDays(day, -1);
  const ids = new Set<number>();
  for (const c of changedIdsBetween(catalog, from, to)) if (c.adult !== true) ids.add(c.id);
  for (const m of moviesReleasedBetween(catalog, from, to)) ids.add(m.tmdbId);
  const n = o.listPages * PAGE;
  for (const list of [popularMovies(catalog, day), topRatedMovies(catalog), nowPlayingMovies(catalog, day)]) {
    for (const m of list.slice(0, n)) if (!m.adult) ids.add(m.tmdbId);
  }
  return ids;
}
