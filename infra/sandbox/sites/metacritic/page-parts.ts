/** What the Metacritic pages share: the URL prefix and the decoy scores both layouts show. */
import { SANDBOX_PATHS } from '../../../../config/load';
import type { SandboxCatalog, SandboxMovie } from '../../types';
import { otherScoredMovies } from '../critic-site';

export const PREFIX = SANDBOX_PATHS.metacritic;

/** Other movies' scores for the review list and the rail (never this movie's numbers). */
export function decoys(catalog: SandboxCatalog, movie: SandboxMovie): { title: string; score: number }[] {
  return otherScoredMovies(catalog, movie, (m) => m.metacritic?.metascore != null, [0, 5, 11]).map((m) => ({ title: m.title, score: m.metacritic?.metascore as number }));
}
