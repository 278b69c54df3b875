/**
 * `npm run cli -- report [--top N] [--json]`: rows per table, rating observations per source,
 * the last ingest runs and the top movies. Exit 0 with the report; 1 with one line saying what to
 * run when Trino is down or the lakehouse is not set up; 2 on bad arguments.
 */
import { loadConfig } from '../../config';
import { trinoClient } from '../../activities/clients';
import { buildReport, formatReport } from '../../activities/warehouse/report';
import { TrinoUnavailableError } from '../../activities/warehouse/trino';
import { EXIT } from '../exit-codes';

const USAGE = 'usage: npm run cli -- report [--top N] [--json]\n';
const MAX_TOP = 1000;

function parseArgs(args: string[]): { top: number; json: boolean } | string {
  let top = 10;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') json = true;
    else if (a === '--top' || a.startsWith('--top=')) {
      const v = a === '--top' ? args[++i] : a.slice('--top='.length);
      if (v === undefined || !/^\d+$/.test(v) || Number(v) < 1 || Number(v) > MAX_TOP) return `--top needs a whole number from 1 to ${MAX_TOP}, got ${v ?? 'nothing'}`;
      top = Number(v);
    } else return `unknown argument ${a}`;
  }
  return { top, json };
}

export async function run(args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`report: ${parsed}\n${USAGE}`);
    return EXIT.USAGE;
  }
  const config = loadConfig();
  const { url, catalog, schema } = config.pipeline.trino;
  let report;
  try {
    report = await buildReport(trinoClient(config), catalog, schema, { top: parsed.top });
  } catch (err) {
    const message = (err as Error).message.split('\n')[0];
    process.stderr.write(
      err instanceof TrinoUnavailableError
        ? `report: Trino at ${url} is unreachable (${message.replace(/^Trino at \S+ is unreachable: /, '')}). Start the stack: \`npm run stack -- up\` (or \`npm start\`).\n`
        : `report: ${message}. Run \`npm run cli -- status\` to see what is wrong.\n`,
    );
    return EXIT.FAILURE;
  }
  // Nothing to report on: say what to run instead of printing a page of "missing".
  if (report.tables.every((t) => t.rows === null)) {
    process.stderr.write(
      `report: the lakehouse is not set up (no tables in ${catalog}.${schema}). Run \`npm start\` (or \`npm run trigger -- FullSetup --wait\` with a worker running).\n`,
    );
    return EXIT.FAILURE;
  }
  process.stdout.write(parsed.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  if (!report.setUp) {
    process.stderr.write(
      `report: setup is incomplete (missing in ${catalog}.${schema}: ${report.missing.join(', ')}). Run \`npm start\` (or \`npm run trigger -- FullSetup --wait\` with a worker running).\n`,
    );
    return EXIT.FAILURE;
  }
  return EXIT.OK;
}
