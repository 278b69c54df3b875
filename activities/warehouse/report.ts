import { qualified, sqlString } from './sql';
import { TrinoQueryError, type TrinoClient } from './trino';

/**
 * The lakehouse report: what is in the silver tables, what the last runs did and the best-rated
 * movies. `buildReport` only reads (a missing schema or table is reported, never created);
 * `formatReport` renders it for a terminal, where every string from the tables is untrusted.
 */

export const REPORT_TABLES = ['movies', 'rating_observations', 'omdb_details', 'critic_pages', 'quarantine', 'ingest_runs'] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

export const REPORT_VIEW = 'movie_ratings_latest';
export const DEFAULT_TOP = 10;
export const DEFAULT_RUNS = 5;

export interface TableRows {
  table: ReportTable;
  /** null: the table does not exist. */
  rows: number | null;
}

export interface ObservationGroup {
  source: string;
  metric: string;
  via: string;
  rows: number;
  /** Rows with a 0–100 score (a site may show none, e.g. "tbd"). */
  scored: number;
  movies: number;
  latestObservedOn: string | null;
}

export interface IngestRunSummary {
  runId: string;
  workflow: string;
  status: string;
  windowStart: string | null;
  windowEnd: string | null;
  /** ISO-8601 UTC. */
  startedAt: string | null;
  finishedAt: string | null;
  /** Parsed from the JSON text column; `countsText` keeps it when it is not a JSON object. */
  counts: Record<string, number> | null;
  countsText?: string;
}

/** Scores are 0–100, null when the source has none for the movie. */
export interface TopMovie {
  tmdbId: number;
  imdbId: string | null;
  title: string;
  year: number | null;
  tmdb: number | null;
  imdb: number | null;
  rtCritic: number | null;
  rtAudience: number | null;
  metacriticCritic: number | null;
  metacriticUser: number | null;
  consensus: number | null;
  scoresCount: number;
  latestObservedOn: string | null;
}

export interface LakehouseReport {
  catalog: string;
  schema: string;
  generatedAt: string;
  /** Every table and the view exist. */
  setUp: boolean;
  /** Tables (and the view) that do not exist, in REPORT_TABLES order. */
  missing: string[];
  tables: TableRows[];
  observations: ObservationGroup[];
  recentRuns: IngestRunSummary[];
  topN: number;
  /** null when the view is missing. */
  top: TopMovie[] | null;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function parseCounts(text: string | null): Pick<IngestRunSummary, 'counts' | 'countsText'> {
  if (text === null) return { counts: null };
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const entries = Object.entries(v as Record<string, unknown>);
      if (entries.every(([, n]) => typeof n === 'number')) return { counts: Object.fromEntries(entries) as Record<string, number> };
    }
  } catch {
    // Not JSON: kept as text below so a bad row is shown, not hidden.
  }
  return { counts: null, countsText: text };
}

/** The relations of the schema, or null when the schema (or the catalog) does not exist. */
async function existingRelations(trino: TrinoClient, catalog: string, schema: string): Promise<Set<string> | null> {
  try {
    const res = await trino.query(`SHOW TABLES FROM ${qualified(catalog, schema)}`);
    return new Set(res.rows.map((r) => String(r[0])));
  } catch (err) {
    if (err instanceof TrinoQueryError && (err.errorName === 'SCHEMA_NOT_FOUND' || err.errorName === 'CATALOG_NOT_FOUND')) return null;
    throw err;
  }
}

export async function buildReport(
  trino: TrinoClient,
  catalog: string,
  schema: string,
  o: { top?: number; runs?: number } = {},
): Promise<LakehouseReport> {
  const topN = o.top ?? DEFAULT_TOP;
  const runs = o.runs ?? DEFAULT_RUNS;
  if (!Number.isSafeInteger(topN) || topN < 0) throw new RangeError(`top must be a non-negative integer, got ${topN}`);
  if (!Number.isSafeInteger(runs) || runs < 0) throw new RangeError(`runs must be a non-negative integer, got ${runs}`);
  const t = (name: string) => qualified(catalog, schema, name);
  const generatedAt = new Date().toISOString();
  const have = (await existingRelations(trino, catalog, schema)) ?? new Set<string>();
  const present = REPORT_TABLES.filter((name) => have.has(name));
  const missing = [...REPORT_TABLES, REPORT_VIEW].filter((name) => !have.has(name));

  // Every count in one statement: one round trip to Trino instead of one per table.
  const counts = new Map<string, number>();
  if (present.length) {
    const res = await trino.query(present.map((name) => `SELECT ${sqlString(name)} AS t, count(*) AS n FROM ${t(name)}`).join(' UNION ALL '));
    for (const [name, n] of res.rows) counts.set(String(name), Number(n));
  }
  const tables = REPORT_TABLES.map((table) => ({ table, rows: present.includes(table) ? (counts.get(table) ?? 0) : null }));

  let observations: ObservationGroup[] = [];
  if (have.has('rating_observations')) {
    const res = await trino.query(
      `SELECT source, metric, via, count(*), count(value_0_100), count(DISTINCT tmdb_id), CAST(max(observed_on) AS varchar)
       FROM ${t('rating_observations')} GROUP BY source, metric, via ORDER BY source, metric, via`,
    );
    observations = res.rows.map(([source, metric, via, rows, scored, movies, latest]) => ({
      source: String(source),
      metric: String(metric),
      via: String(via),
      rows: Number(rows),
      scored: Number(scored),
      movies: Number(movies),
      latestObservedOn: str(latest),
    }));
  }

  let recentRuns: IngestRunSummary[] = [];
  if (have.has('ingest_runs') && runs > 0) {
    // A run's ledger row is written at start and at end; the latest activity first, running ones included.
    const res = await trino.query(
      `SELECT run_id, workflow, status, CAST(window_start AS varchar), CAST(window_end AS varchar),
              to_iso8601(started_at AT TIME ZONE 'UTC'), to_iso8601(finished_at AT TIME ZONE 'UTC'), counts
       FROM ${t('ingest_runs')} ORDER BY coalesce(finished_at, started_at) DESC, run_id DESC LIMIT ${runs}`,
    );
    recentRuns = res.rows.map(([runId, workflow, status, ws, we, started, finished, c]) => ({
      runId: String(runId),
      workflow: String(workflow),
      status: String(status),
      windowStart: str(ws),
      windowEnd: str(we),
      startedAt: str(started),
      finishedAt: str(finished),
      ...parseCounts(str(c)),
    }));
  }

  let top: TopMovie[] | null = null;
  if (have.has(REPORT_VIEW)) {
    top = [];
    if (topN > 0) {
      const res = await trino.query(
        `SELECT tmdb_id, imdb_id, title, year, tmdb_score, imdb_score, rt_critic_score, rt_audience_score,
                metacritic_critic_score, metacritic_user_score, consensus_score, scores_count, CAST(latest_observed_on AS varchar)
         FROM ${t(REPORT_VIEW)}
         ORDER BY consensus_score DESC NULLS LAST, scores_count DESC, tmdb_id LIMIT ${topN}`,
      );
      top = res.rows.map((r) => ({
        tmdbId: Number(r[0]),
        imdbId: str(r[1]),
        title: String(r[2] ?? ''),
        year: num(r[3]),
        tmdb: num(r[4]),
        imdb: num(r[5]),
        rtCritic: num(r[6]),
        rtAudience: num(r[7]),
        metacriticCritic: num(r[8]),
        metacriticUser: num(r[9]),
        consensus: num(r[10]),
        scoresCount: Number(r[11] ?? 0),
        latestObservedOn: str(r[12]),
      }));
    }
  }

  return { catalog, schema, generatedAt, setUp: missing.length === 0, missing, tables, observations, recentRuns, topN, top };
}

// ---------------------------------------------------------------------------------------------
// Terminal rendering. Every string from the tables may hold anything (a title is whatever TMDB
// says): control characters would move the cursor or end the line, bidi controls would reorder
// the rest of it, and wide characters would shift the columns after it.

// C0/C1 controls, line/paragraph separators and the bidi embedding/override/isolate marks.
// eslint-disable-next-line no-control-regex
const BREAKS_LAYOUT = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
// Other invisible format characters (joiners, soft hyphen, BOM) and variation selectors: dropped,
// because terminals disagree on the width of what they join; the parts have a width they agree on.
const INVISIBLE = /[\p{Cf}\ufe00-\ufe0f]/gu;
const COMBINING = /[\p{Mn}\p{Me}]/u;
const EMOJI = /\p{Emoji_Presentation}/u;

/** One line of plain text: layout-breaking characters become spaces, lone surrogates U+FFFD. */
export function terminalSafe(s: string): string {
  return s.replace(/[\ud800-\udfff]/gu, '\ufffd').replace(BREAKS_LAYOUT, ' ').replace(INVISIBLE, '');
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

function charWidth(ch: string): number {
  if (COMBINING.test(ch)) return 0;
  return isWide(ch.codePointAt(0)!) || EMOJI.test(ch) ? 2 : 1;
}

/** Columns the text takes in a monospace terminal once made safe (East Asian wide and emoji count 2). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of terminalSafe(s)) w += charWidth(ch);
  return w;
}

/** Safe text cut to at most `width` columns (ending in "…" when cut) and padded to exactly `width`. */
export function fitText(s: string, width: number, align: 'left' | 'right' = 'left'): string {
  const safe = terminalSafe(s);
  let out = safe;
  let w = displayWidth(safe);
  if (w > width) {
    out = '';
    w = 0;
    for (const ch of safe) {
      const cw = charWidth(ch);
      if (w + cw > width - 1) break;
      out += ch;
      w += cw;
    }
    out += '…';
    w += 1;
  }
  const pad = ' '.repeat(Math.max(0, width - w));
  return align === 'left' ? out + pad : pad + out;
}

const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const score = (v: number | null) => (v === null || !Number.isFinite(v) ? '-' : String(Math.round(v)));

interface Column<R> {
  head: string;
  width: number;
  align?: 'left' | 'right';
  cell: (r: R) => string;
}

function table<R>(rows: R[], cols: Column<R>[], indent = '  '): string[] {
  const line = (cells: string[]) => (indent + cells.join('  ')).trimEnd();
  return [
    line(cols.map((c) => fitText(c.head, c.width, c.align))),
    ...rows.map((r) => line(cols.map((c) => fitText(c.cell(r), c.width, c.align)))),
  ];
}

const SETUP_HINT = 'Run `npm start` (or `npm run trigger -- FullSetup --wait` with a worker running) to create them.';

export function formatReport(r: LakehouseReport, o: { titleWidth?: number } = {}): string {
  const titleWidth = Math.max(8, o.titleWidth ?? 40);
  const out: string[] = [];
  out.push(`Lakehouse report: ${terminalSafe(r.catalog)}.${terminalSafe(r.schema)}  (${terminalSafe(r.generatedAt)})`);
  if (!r.setUp) out.push(`Not set up: missing ${r.missing.map(terminalSafe).join(', ')}. ${SETUP_HINT}`);

  out.push('', 'Rows per table');
  const nameWidth = Math.max(...REPORT_TABLES.map((t) => t.length));
  for (const t of r.tables) out.push(`  ${t.table.padEnd(nameWidth)}  ${(t.rows === null ? 'missing' : thousands(t.rows)).padStart(11)}`);

  out.push('', 'Rating observations by source / metric / via');
  if (r.tables.find((t) => t.table === 'rating_observations')?.rows === null) out.push('  (table missing)');
  else if (!r.observations.length) out.push('  none yet');
  else
    out.push(
      ...table(r.observations, [
        { head: 'source', width: 15, cell: (g) => g.source },
        { head: 'metric', width: 12, cell: (g) => g.metric },
        { head: 'via', width: 6, cell: (g) => g.via },
        { head: 'rows', width: 9, align: 'right', cell: (g) => thousands(g.rows) },
        { head: 'scored', width: 9, align: 'right', cell: (g) => thousands(g.scored) },
        { head: 'movies', width: 9, align: 'right', cell: (g) => thousands(g.movies) },
        { head: 'latest', width: 10, cell: (g) => g.latestObservedOn ?? '-' },
      ]),
    );

  out.push('', 'Recent ingest runs');
  if (r.tables.find((t) => t.table === 'ingest_runs')?.rows === null) out.push('  (table missing)');
  else if (!r.recentRuns.length) out.push('  none yet');
  else
    out.push(
      ...table(r.recentRuns, [
        { head: 'finished (UTC)', width: 16, cell: (x) => (x.finishedAt ? x.finishedAt.slice(0, 16).replace('T', ' ') : '-') },
        { head: 'workflow', width: 14, cell: (x) => x.workflow },
        { head: 'status', width: 13, cell: (x) => x.status },
        { head: 'window', width: 23, cell: (x) => (x.windowStart || x.windowEnd ? `${x.windowStart ?? '…'} → ${x.windowEnd ?? '…'}` : '-') },
        {
          head: 'counts',
          width: 36,
          cell: (x) => (x.counts ? Object.entries(x.counts).map(([k, v]) => `${k}=${v}`).join(' ') || '-' : (x.countsText ?? '-')),
        },
      ]),
    );

  // The title is the last column: whatever a terminal makes of a script or an emoji, the numbers stay aligned.
  out.push('', `Top ${r.topN} movies by consensus score (0–100; - = no score from that source)`);
  if (r.top === null) out.push(`  (view ${REPORT_VIEW} missing)`);
  else if (!r.top.length) out.push('  none yet');
  else
    out.push(
      ...table(r.top.map((m, i) => ({ ...m, rank: i + 1 })), [
        { head: '#', width: 3, align: 'right', cell: (m) => String(m.rank) },
        { head: 'score', width: 5, align: 'right', cell: (m) => (m.consensus === null ? '-' : m.consensus.toFixed(1)) },
        { head: 'TMDB', width: 4, align: 'right', cell: (m) => score(m.tmdb) },
        { head: 'IMDb', width: 4, align: 'right', cell: (m) => score(m.imdb) },
        { head: 'RT', width: 3, align: 'right', cell: (m) => score(m.rtCritic) },
        { head: 'RT-A', width: 4, align: 'right', cell: (m) => score(m.rtAudience) },
        { head: 'MC', width: 3, align: 'right', cell: (m) => score(m.metacriticCritic) },
        { head: 'MC-U', width: 4, align: 'right', cell: (m) => score(m.metacriticUser) },
        { head: 'year', width: 4, align: 'right', cell: (m) => (m.year === null ? '-' : String(m.year)) },
        { head: 'title', width: titleWidth, cell: (m) => m.title },
      ]),
    );
  return `${out.join('\n')}\n`;
}
