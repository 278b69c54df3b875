import { cleanText } from '../../../../activities/sources/critic-pages/values';
import type { SandboxMetacritic, SandboxMovie, SandboxRt } from '../../../../infra/sandbox/types';

/** Both sites show the title (whitespace as the parsers clean it) and the release year. */
function titleAndYear(m: SandboxMovie) {
  return { title: cleanText(m.title), year: Number(m.releaseDate.slice(0, 4)) };
}

/** What parsing a sandbox movie's Rotten Tomatoes page must give back: the catalog's own values. */
export function expectedRtPage(m: SandboxMovie) {
  const rt = m.rt as SandboxRt;
  // Count text is kept only for a band ("250,000+ Ratings", "Fewer than 50 Ratings"), not for an exact "User Ratings: 885,688".
  const band = rt.audienceCountText && /\+|Fewer/.test(rt.audienceCountText) ? rt.audienceCountText : null;
  return {
    ...titleAndYear(m),
    layout: rt.layout,
    tomatometer: rt.tomatometer,
    audienceScore: rt.audienceScore,
    audienceCountText: band,
    certifiedFresh: rt.certifiedFresh,
    verifiedHot: rt.verifiedHot,
  };
}

/** What parsing a sandbox movie's Metacritic page must give back: the catalog's own values. */
export function expectedMcPage(m: SandboxMovie) {
  const mc = m.metacritic as SandboxMetacritic;
  return {
    ...titleAndYear(m),
    layout: mc.layout,
    metascore: mc.metascore,
    userScore: mc.userScore,
    userRatings: mc.userRatings,
  };
}
