import {
  displayWidth,
  fitText,
  formatReport,
  REPORT_TABLES,
  terminalSafe,
  type LakehouseReport,
  type TopMovie,
} from '../../activities/warehouse/report';

const movie = (id: number, title: string, scores: Partial<TopMovie> = {}): TopMovie => ({
  tmdbId: id,
  imdbId: `tt${id}`,
  title,
  year: 2001,
  tmdb: null,
  imdb: null,
  rtCritic: null,
  rtAudience: null,
  metacriticCritic: null,
  metacriticUser: null,
  consensus: null,
  scoresCount: 0,
  latestObservedOn: null,
  ...scores,
});

const report = (over: Partial<LakehouseReport> = {}): LakehouseReport => ({
  catalog: 'iceberg',
  schema: 'movies',
  generatedAt: '2026-11-27T08:00:00.000Z',
  setUp: true,
  missing: [],
  tables: REPORT_TABLES.map((table, i) => ({ table, rows: i * 1000 })),
  observations: [],
  recentRuns: [],
  topN: 10,
  top: [],
  ...over,
});

// Every character that could move the cursor, end a line or reorder it.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

const HOSTILE = [
  "O'Brien's \"quoted\" title",
  'line1\nline2\r\nline3\ttab',
  'ctrl \u0001\u0002\u001b[31mred\u001b[0m\u007f\u0085 done',
  'Amélie 東京物語 🎬👩‍👩‍👧 ❤️ end',
  'مرحبا بالعالم \u202eevil override\u202c שלום',
  'para\u2028graph\u2029sep',
  'zero\u200bwidth\ufeffbom\u00adsoft',
  'lone \ud800 surrogate',
  'x'.repeat(500),
  '🎬'.repeat(100),
  '',
];

/** The lines of the top-movies table: the header line and one per movie. */
function topTable(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('Top '));
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

describe('terminal text', () => {
  it('turns controls, newlines, separators and bidi controls into spaces and drops invisible joiners', () => {
    expect(terminalSafe('a\nb\r\nc\td')).toBe('a b  c d');
    expect(terminalSafe('\u001b[31mred')).toBe(' [31mred');
    expect(terminalSafe('a\u202eb\u2066c\u2069')).toBe('a b c ');
    expect(terminalSafe('a\u2028b\u2029c\u0085d')).toBe('a b c d');
    expect(terminalSafe('👩\u200d👧 ❤\ufe0f')).toBe('👩👧 ❤');
    expect(terminalSafe('a\ud800b')).toBe('a\ufffdb');
    for (const h of HOSTILE) expect(terminalSafe(h)).not.toMatch(UNSAFE);
  });

  it('counts East Asian wide characters and emoji as two columns, combining marks as none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('東京')).toBe(4);
    expect(displayWidth('🎬x')).toBe(3);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('\u0000\n')).toBe(2); // each becomes a space
  });

  it('fits any text to exactly the width, cutting with an ellipsis', () => {
    for (const h of HOSTILE) {
      for (const w of [1, 2, 5, 12, 40]) {
        const f = fitText(h, w);
        expect(displayWidth(f)).toBe(w);
        expect(f).not.toMatch(UNSAFE);
      }
    }
    expect(fitText('abcdef', 4)).toBe('abc…');
    expect(fitText('東京物語', 6)).toBe('東京… '); // a wide character never straddles the edge
    expect(fitText('ab', 4, 'right')).toBe('  ab');
  });
});

describe('formatReport', () => {
  it('keeps the top table aligned whatever the titles hold', () => {
    const top = HOSTILE.map((t, i) => movie(i + 1, t, { consensus: 90 - i, tmdb: 80.4 + i, scoresCount: 1 }));
    const text = formatReport(report({ top, topN: top.length }), { titleWidth: 30 });
    expect(text).not.toMatch(UNSAFE);
    const rows = topTable(text);
    expect(rows).toHaveLength(1 + HOSTILE.length); // no title added a line
    const titleAt = rows[0].indexOf('title');
    for (const [i, line] of rows.slice(1).entries()) {
      // Everything before the title is ASCII, so character offsets are columns.
      expect(line.slice(0, titleAt)).toMatch(/^[ -~]+$/);
      expect(line.slice(0, titleAt).trim().split(/\s+/)[0]).toBe(String(i + 1));
      expect(displayWidth(line)).toBeLessThanOrEqual(titleAt + 30);
    }
    expect(text).toContain("O'Brien's \"quoted\" title");
    expect(text).toContain('line1 line2  line3 tab');
    expect(text).toContain('x'.repeat(29) + '…');
  });

  it('shows one column per source, 0–100 rounded, and "-" where a source has no score', () => {
    const text = formatReport(
      report({
        top: [
          movie(1, 'All Scores', { tmdb: 76.5, imdb: 81, rtCritic: 93, rtAudience: 88.4, metacriticCritic: 84, metacriticUser: 79.6, consensus: 83.75, scoresCount: 6 }),
          movie(2, 'Only TMDB', { tmdb: 70, consensus: 70, scoresCount: 1, year: null }),
          movie(3, 'Unscored'),
        ],
      }),
    );
    const rows = topTable(text);
    expect(rows[0].trim().split(/\s+/)).toEqual(['#', 'score', 'TMDB', 'IMDb', 'RT', 'RT-A', 'MC', 'MC-U', 'year', 'title']);
    expect(rows[1].trim().split(/\s+/)).toEqual(['1', '83.8', '77', '81', '93', '88', '84', '80', '2001', 'All', 'Scores']);
    expect(rows[2].trim().split(/\s+/)).toEqual(['2', '70.0', '70', '-', '-', '-', '-', '-', '-', 'Only', 'TMDB']);
    expect(rows[3].trim().split(/\s+/)).toEqual(['3', '-', '-', '-', '-', '-', '-', '-', '2001', 'Unscored']);
  });

  it('has a rows-per-table block with every table, grouped digits', () => {
    const text = formatReport(report({ tables: REPORT_TABLES.map((table) => ({ table, rows: table === 'movies' ? 1234567 : 0 })) }));
    const block = text.split('\n\n').find((b) => b.startsWith('Rows per table'))!;
    expect(block.split('\n').slice(1).map((l) => l.trim().split(/\s+/))).toEqual(REPORT_TABLES.map((t) => [t, t === 'movies' ? '1,234,567' : '0']));
  });

  it('reports missing tables and the view as missing, and says what to run', () => {
    const text = formatReport(
      report({
        setUp: false,
        missing: ['quarantine', 'ingest_runs', 'movie_ratings_latest'],
        tables: REPORT_TABLES.map((table) => ({ table, rows: table === 'quarantine' || table === 'ingest_runs' ? null : 5 })),
        top: null,
      }),
    );
    expect(text).toContain('Not set up: missing quarantine, ingest_runs, movie_ratings_latest. Run `npm start`');
    expect(text).toMatch(/^ {2}quarantine +missing$/m);
    expect(text).toMatch(/^ {2}ingest_runs +missing$/m);
    expect(text).toMatch(/^ {2}movies +5$/m);
    expect(text).toContain('Recent ingest runs\n  (table missing)');
    expect(text).toContain('(view movie_ratings_latest missing)');
  });

  it('renders an empty lakehouse as zeros and "none yet"', () => {
    const text = formatReport(report({ tables: REPORT_TABLES.map((table) => ({ table, rows: 0 })) }));
    expect(text).not.toContain('Not set up');
    expect(text).toContain('Rating observations by source / metric / via\n  none yet');
    expect(text).toContain('Recent ingest runs\n  none yet');
    expect(text).toMatch(/Top 10 movies[^\n]*\n {2}none yet\n$/);
  });

  it('renders observations and runs, hostile values included, one line each', () => {
    const text = formatReport(
      report({
        observations: [
          { source: 'imdb', metric: 'rating', via: 'omdb', rows: 1200, scored: 1100, movies: 600, latestObservedOn: '2026-11-26' },
          { source: 'tmdb', metric: 'vote_average', via: 'direct', rows: 3, scored: 3, movies: 3, latestObservedOn: null },
        ],
        recentRuns: [
          {
            runId: 'r2',
            workflow: 'DailyIngest',
            status: 'running',
            windowStart: '2026-11-26',
            windowEnd: '2026-11-27',
            startedAt: '2026-11-27T07:00:00.000000Z',
            finishedAt: null,
            counts: null,
          },
          {
            runId: 'r1',
            workflow: 'Evil\nWorkflow',
            status: 'succeeded',
            windowStart: null,
            windowEnd: null,
            startedAt: '2026-11-26T06:00:00.000000Z',
            finishedAt: '2026-11-26T06:05:09.123456Z',
            counts: { movies: 10, rating_observations: 40 },
          },
          { runId: 'r0', workflow: 'EnrichOmdb', status: 'failed', windowStart: null, windowEnd: null, startedAt: null, finishedAt: null, counts: null, countsText: 'not json\u0007' },
        ],
      }),
    );
    expect(text).not.toMatch(UNSAFE);
    expect(text).toMatch(/^ {2}imdb +rating +omdb +1,200 +1,100 +600 +2026-11-26$/m);
    expect(text).toMatch(/^ {2}tmdb +vote_average +direct +3 +3 +3 +-$/m);
    const runs = text.split('\n\n').find((b) => b.startsWith('Recent ingest runs'))!.split('\n');
    expect(runs).toHaveLength(2 + 3);
    expect(runs[2]).toMatch(/^ {2}- +DailyIngest +running +2026-11-26 → 2026-11-27 +-$/);
    expect(runs[3]).toMatch(/^ {2}2026-11-26 06:05 +Evil Workflow +succeeded +- +movies=10 rating_observations=40$/);
    expect(runs[4]).toMatch(/^ {2}- +EnrichOmdb +failed +- +not json$/);
  });
});
