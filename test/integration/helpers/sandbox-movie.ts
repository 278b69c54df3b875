import type { MovieRecord } from '../../../activities/sources/records';
import type { SandboxMovie } from '../../../infra/sandbox';

/** A sandbox movie as the TMDB parser would record it, to seed `movies` directly in a test. */
export function movieRecordOf(m: SandboxMovie): MovieRecord {
  return {
    tmdbId: m.tmdbId,
    imdbId: m.imdbId,
    title: m.title,
    originalTitle: m.originalTitle,
    originalLanguage: m.originalLanguage,
    releaseDate: m.releaseDate,
    year: Number(m.releaseDate.slice(0, 4)),
    runtime: m.runtime,
    status: m.status,
    overview: m.overview,
    tagline: m.tagline,
    budget: m.budget,
    revenue: m.revenue,
    genres: m.genres.map((g) => g.name),
    productionCountries: m.productionCountries.map((c) => c.iso_3166_1),
    productionCompanies: m.productionCompanies.map((c) => c.name),
    spokenLanguages: m.spokenLanguages.map((l) => l.iso_639_1),
    directors: m.directors,
    topCast: m.cast.slice(0, 5),
    posterPath: m.posterPath,
    popularity: m.popularity,
  };
}
