import type { SilverTableName } from '../../activities/warehouse/silver/tables';
import type { WriteComparison } from './writes';

export interface TargetCheck {
  name: string;
  measured: string;
  target: string;
  pass: boolean;
  note?: string;
}

export interface BenchResult {
  machine: { cores: number; cpu: string; totalMemoryMB: number; node: string; platform: string };
  n: number;
  catalog: { movies: number; adult: number; minRelease: string; maxRelease: string; today: string; server: string };
  run: { workflowId: string; taskQueue: string; schema: string; input: Record<string, unknown>; detailBatchSize: number; tmdbRequestsPerSecond: number; queueActivitiesPerSecond: number | null };
  ingest: { movies: number; ms: number; moviesPerSecond: number; generations: number; counts: Record<string, number> };
  statements: { total: number; stagingInserts: number; merges: Partial<Record<SilverTableName, number>>; mergeTotal: number; other: number; otherByKind: Record<string, number> };
  snapshots: Record<SilverTableName, { merges: number; before: number | null; after: number | null; added: number | null }>;
  history: { runs: number; events: number; eventsPerRun: number[]; perMovie: number; activities: Record<string, number> };
  memory: { vmHwmMB: number | null; sampledPeakMB: number; runPeakMB: number; beforeWorkerMB: number; afterWorkerCreateMB: number; samples: number };
  details: {
    batches: number;
    requests: number;
    phaseMs: number;
    requestsPerSecond: number;
    activeMs: number;
    activeRequestsPerSecond: number;
    queuedMs: number;
    sustainedMs: number;
    sustainedRequestsPerSecond: number;
    sandboxTmdbRequests: number;
    collectPages: number;
    sandboxDetailRequests: number;
    sandbox429: number;
    perBatch: { queuedMs: number; activeMs: number; requests: number }[];
  } | null;
  writes: WriteComparison | null;
  phasesMs: Record<string, number>;
  wallMs: number;
  targets: TargetCheck[];
  footnotes: string[];
}

const MB = 1024 * 1024;
export const mb = (bytes: number): number => Math.round((bytes / MB) * 10) / 10;
const f = (n: number, d = 1) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const secs = (ms: number) => `${f(ms / 1000)} s`;

/** min / median / max of durations, in seconds. */
function spread(msList: number[]): string {
  const v = [...msList].sort((a, b) => a - b);
  return `min ${secs(v[0])}, median ${secs(v[Math.floor(v.length / 2)])}, max ${secs(v[v.length - 1])}`;
}

function table(header: string[], rows: string[][]): string {
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(w[i])).join('  ').trimEnd();
  return [line(header), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}

export function renderText(r: BenchResult): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(`Bench: DailyIngest backfill of a ${f(r.n, 0)}-movie sandbox catalog — wall time ${secs(r.wallMs)}`);
  out.push(`machine: ${m.cores} cores (${m.cpu}), ${f(m.totalMemoryMB / 1024)} GB RAM, node ${m.node}, ${m.platform}; catalog server: ${r.catalog.server}`);
  out.push(
    `catalog: ${r.catalog.movies} movies (${r.catalog.adult} adult), releases ${r.catalog.minRelease}..${r.catalog.maxRelease}; ` +
      `backfill ${String(r.run.input.from)}..${String(r.run.input.to)}; detailBatchSize ${r.run.detailBatchSize}; ` +
      `TMDB ${r.run.tmdbRequestsPerSecond} req/s, tmdb queue cap ${r.run.queueActivitiesPerSecond ?? 'none'} activities/s`,
  );
  out.push(`schema ${r.run.schema}, task queue ${r.run.taskQueue}, workflow ${r.run.workflowId}`);
  out.push('');

  const s = r.statements;
  const d = r.details;
  const rows: string[][] = [
    ['1. ingest throughput', `${f(r.ingest.moviesPerSecond, 2)} movies/s`, `${r.ingest.movies} movies in ${secs(r.ingest.ms)}, ${r.ingest.generations} generation(s)`],
    ['2. Trino statements', f(s.total, 0), `staging INSERT ${s.stagingInserts}, MERGE ${s.mergeTotal}, other ${s.other}`],
    ...Object.entries(s.merges).map(([t, n]) => [`   MERGE INTO ${t}`, String(n), '']),
    ['   other by kind', '', Object.entries(s.otherByKind).map(([k, n]) => `${k} ${n}`).join(', ')],
    ['3. snapshots per silver table', '', 'MERGE statements | $snapshots before→after (added)'],
    ...Object.entries(r.snapshots).map(([t, v]) => [
      `   ${t}`,
      String(v.merges),
      v.before === null || v.after === null ? '$snapshots n/a' : `${v.before}→${v.after} (+${v.added})`,
    ]),
    ['4. history events per movie', f(r.history.perMovie, 4), `${r.history.events} events in ${r.history.runs} run(s) [${r.history.eventsPerRun.join(', ')}]`],
    ['5. worker peak RSS (VmHWM)', r.memory.vmHwmMB === null ? 'n/a' : `${f(r.memory.vmHwmMB)} MB`, `sampled rss: peak ${f(r.memory.sampledPeakMB)} MB (${r.memory.samples} samples), during the workflow ${f(r.memory.runPeakMB)} MB; before createWorker ${f(r.memory.beforeWorkerMB)} MB, after ${f(r.memory.afterWorkerCreateMB)} MB`],
    d
      ? [
          '6. detail phase (sustained)',
          `${f(d.sustainedRequestsPerSecond, 2)} req/s`,
          `${d.requests} requests / ${secs(d.sustainedMs)} from the first batch's start; with the queue waits ${secs(d.phaseMs)} = ${f(d.requestsPerSecond, 2)} req/s (${d.batches} batches; fetching ${secs(d.activeMs)} = ${f(d.activeRequestsPerSecond, 2)} req/s, queued ${secs(d.queuedMs)})`,
        ]
      : ['6. detail phase', 'n/a', 'no fetchTmdbDetails batch'],
    d ? ['   per batch (queue wait | fetch)', '', `${spread(d.perBatch.map((b) => b.queuedMs))} | ${spread(d.perBatch.map((b) => b.activeMs))}`] : ['   per batch', 'n/a', ''],
    d ? ['   sandbox cross-check', `${d.sandboxTmdbRequests} TMDB req`, `${d.collectPages} collect pages + ${d.sandboxDetailRequests} detail; 429s: ${d.sandbox429}`] : ['   sandbox cross-check', 'n/a', ''],
  ];
  const w = r.writes;
  if (w) {
    rows.push(
      ['7. batched writes (SilverWriter)', `${f(w.batched.rowsPerSecond)} rows/s`, `${w.batched.rows} rows in ${secs(w.batched.ms)}, ${w.batched.statements} statements`],
      ['   naive writes (INSERT per row)', `${f(w.naive.rowsPerSecond, 2)} rows/s`, `sample of ${w.naive.sample} rows in ${secs(w.naive.ms)}; ${w.rows} rows ≈ ${secs(w.naive.extrapolatedMs)} extrapolated`],
      ['   batched / naive', `${f(w.ratio)}×`, ''],
    );
  }
  out.push(table(['measure', 'value', 'detail'], rows));
  out.push('');
  out.push(table(['target', 'measured', 'required', 'result'], r.targets.map((t) => [t.name, t.measured, t.target, `${t.pass ? 'PASS' : 'FAIL'}${t.note ? ` (${t.note})` : ''}`])));
  out.push('');
  out.push(`phases: ${Object.entries(r.phasesMs).map(([k, v]) => `${k} ${secs(v)}`).join(', ')}`);
  const failed = r.targets.filter((t) => !t.pass);
  out.push(failed.length ? `targets failed: ${failed.map((t) => t.name).join('; ')}` : 'all targets met');
  r.footnotes.forEach((n, i) => out.push(`[${i + 1}] ${n}`));
  return out.join('\n');
}
