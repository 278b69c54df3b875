/** Constants shared by the catalog builder, its tags and its queries. */

/** A fixed reference day so `buildCatalog({seed, movies})` never depends on the wall clock. */
export const DEFAULT_TODAY = '2026-11-01';
export const DEFAULT_SEED = 42;
export const DEFAULT_MOVIES = 2000;
/** Movies released within this many days up to today count as "recent" (new releases). */
export const RECENT_DAYS = 60;
/** Days before `today` on which a bulk edit touched many movies, so /movie/changes has several pages. */
export const BULK_CHANGE_DAYS_AGO = 10;
/** now_playing's window around today, as in the real 2019 capture (≈6 weeks back, a few days ahead). */
export const NOW_PLAYING_DAYS_BACK = 42;
export const NOW_PLAYING_DAYS_AHEAD = 5;
