/**
 * The hard cases every catalog carries (when it is big enough): hostile titles, huge texts, missing
 * ids and scores, each page layout. Each one mutates a generated movie; tags are derived afterwards
 * from the data (tags.ts), so a tag always tells the truth about the movie it is on.
 */
import type { Rng } from './prng';
import type { RtLayout, SandboxMovie } from './types';

export interface HardCase {
  apply(movie: SandboxMovie, rng: Rng, today: string): void;
  /** Tags the data alone cannot show. */
  tags?: string[];
  /** Which sources OMDb's Ratings array carries. */
  omdb?: { includesRt: boolean; includesMc: boolean };
  rtNumericSlug?: boolean;
}

const title = (t: string, originalTitle = t): HardCase => ({
  apply: (m) => {
    m.title = t;
    m.originalTitle = originalTitle;
  },
});

const LONG_PARAGRAPH =
  'The film follows a sprawling family across four generations, from a fishing village to a city of glass, ' +
  'and every chapter is told by a different narrator whose memory contradicts the one before. ';

/** An overview of at least `bytes` UTF-8 bytes (with accents and a few line breaks, like pasted synopses). */
function longText(bytes: number): string {
  let s = '';
  let n = 0;
  while (Buffer.byteLength(s, 'utf8') < bytes) {
    s += LONG_PARAGRAPH + (n % 7 === 6 ? `Chapitre ${n}: l'été à Montréal.\n\n` : '');
    n++;
  }
  return s.trimEnd();
}

const rtLayout = (layout: RtLayout, tomatometer: number | null): HardCase => ({
  apply: (m, rng) => {
    m.rt = {
      slug: '',
      layout,
      tomatometer,
      criticReviews: tomatometer === null ? rng.int(0, 4) : rng.int(20, 300),
      audienceScore: rng.int(30, 95),
      audienceCountText: layout === 'mop-2020' ? 'User Ratings: 885,688' : '250,000+ Ratings',
      certifiedFresh: false,
      verifiedHot: false,
    };
  },
});

function withRt(m: SandboxMovie, rng: Rng, layout: RtLayout, tomatometer: number | null) {
  rtLayout(layout, tomatometer).apply(m, rng, '');
  return m.rt as NonNullable<SandboxMovie['rt']>;
}

const metacritic = (layout: 'current' | 'legacy', userScore: number | null, jsonLd = false): HardCase => ({
  apply: (m, rng) => {
    m.metacritic = {
      slug: '',
      metascore: rng.int(20, 95),
      criticReviews: rng.int(5, 55),
      userScore,
      userRatings: userScore === null ? null : rng.int(10, 900),
      layout,
      jsonLd,
    };
  },
});

export const HARD_CASES: readonly HardCase[] = [
  // Quotes, single and double, and both at once.
  title(`Don't Say "Goodbye"`),
  title(`The "Perfect" Crime`),
  title(`Ocean's Eleven O'Clock`),
  title(`"Quoted" Title's Test`),
  title(`It's Not Over`),
  // Backslashes, including one at the very end and a literal "\n".
  title('Back\\Slash'),
  title('C:\\Films\\Final Cut'),
  title('Escape \\n Sequence'),
  title('Ends With Backslash\\'),
  // Accents (the slug must fold them).
  { apply: (m) => Object.assign(m, { title: "Amélie's Crème Brûlée", originalTitle: 'La Crème Brûlée d’Amélie', originalLanguage: 'fr' }) },
  title('Noël à Montréal'),
  title('Smørrebrød & Straße'),
  title('Ça Ira, Señor Niño'),
  title('Pokémon Café Über Alles'),
  // Emoji, including a ZWJ family and a title made only of emoji (no Latin slug).
  title('Pizza 🍕 Party'),
  title('🎬 Action! 🎬'),
  title('Love ❤️ Actually Again'),
  title('🚀🌕'),
  title('Family 👨‍👩‍👧 Reunion'),
  // SQL-ish strings for the value encoder.
  title("Robert'); DROP TABLE movies;--"),
  title("'; DELETE FROM rating_observations; --"),
  title("1' OR '1'='1"),
  title(`Bobby Tables; SELECT * FROM "movies" WHERE 'a'='a'`),
  // Markup characters for the HTML pages.
  title('Tom & Jerry <Uncut>'),
  title('<script>alert(1)</script>'),
  title('Less < More > Equal'),
  // Whitespace that a naive comparison trips over.
  title('  Leading and Trailing  '),
  title('Double  Space'),
  // A title in a non-Latin script (no RT slug can be built from it).
  { apply: (m) => Object.assign(m, { title: '東京の影', originalTitle: '東京の影', originalLanguage: 'ja' }) },
  { apply: (m) => Object.assign(m, { title: 'Тени Москвы', originalTitle: 'Тени Москвы', originalLanguage: 'ru' }) },
  // Very long texts.
  { apply: (m) => (m.overview = longText(10_500)) },
  { apply: (m) => (m.overview = longText(16_000)) },
  { apply: (m) => (m.overview = longText(48_000)) },
  { apply: (m) => (m.tagline = longText(2_000)) },
  title(`The ${'Very '.repeat(50)}Long Title`),
  // Movies without an IMDb id (so OMDb cannot be asked).
  ...Array.from({ length: 4 }, (): HardCase => ({ apply: (m) => Object.assign(m, { imdbId: null, omdb: null }) })),
  // An IMDb id that OMDb does not know.
  { apply: (m) => (m.omdb = null) },
  // No scores anywhere: no RT page, no Metacritic page, OMDb Ratings only has IMDb.
  ...Array.from({ length: 5 }, (): HardCase => ({ apply: (m) => Object.assign(m, { rt: null, metacritic: null }) })),
  // RT pages in every layout, with and without a Tomatometer.
  rtLayout('scorecard-2024', 91),
  rtLayout('scorecard-2024', null),
  rtLayout('scoreboard-2021', 67),
  rtLayout('scoreboard-2021', null),
  rtLayout('mop-2020', 90),
  rtLayout('mop-2020', null),
  {
    apply: (m, rng) => {
      const rt = withRt(m, rng, 'scoreboard-2021', 55);
      rt.audienceScore = null;
      rt.audienceCountText = null;
    },
  },
  // A legacy numeric RT id instead of a slug.
  { apply: (m, rng) => rtLayout('scorecard-2024', 74).apply(m, rng, ''), rtNumericSlug: true },
  // Metacritic: tbd user scores in each layout, JSON-LD or not, no Metascore.
  metacritic('current', null, false),
  metacritic('current', null, true),
  metacritic('legacy', null),
  metacritic('current', 8.9, true),
  metacritic('legacy', 6.1),
  {
    apply: (m, rng) => {
      metacritic('current', 7.2).apply(m, rng, '');
      Object.assign(m.metacritic as object, { metascore: null, criticReviews: null });
    },
  },
  // OMDb Ratings with sources omitted although the sites have scores.
  { apply: (m, rng) => rtLayout('scorecard-2024', 85).apply(m, rng, ''), omdb: { includesRt: false, includesMc: true } },
  { apply: (m, rng) => metacritic('current', 7.7).apply(m, rng, ''), omdb: { includesRt: true, includesMc: false } },
  // Vote edge cases seen on real discover pages.
  { apply: (m) => Object.assign(m, { voteAverage: 10, voteCount: 1 }) },
  { apply: (m) => Object.assign(m, { voteAverage: 0, voteCount: 0 }) },
  // Adult titles (hidden from discover unless include_adult=true).
  { apply: (m) => (m.adult = true) },
  { apply: (m) => (m.adult = true) },
  // Missing runtime, poster, overview.
  { apply: (m) => Object.assign(m, { runtime: null, posterPath: null, overview: '' }) },
];

/** Titles shared by an original and its remakes. */
export const REMAKE_TITLES: readonly string[] = [
  'The Long Goodbye',
  'Night Train',
  'Stagecoach Road',
  'The Visitor',
  'Little Women of Lisbon',
  'The Thing in the Ice',
  'Solaris Station',
  'Scarface Avenue',
  'The Fly Catcher',
  'A Star Is Falling',
  'Ocean Heist',
  'True Grit Country',
];
