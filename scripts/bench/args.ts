/** Flags of `npm run bench`; a message is thrown for anything unknown or malformed (exit 2). */
export interface BenchArgs {
  movies: number;
  naiveSample: number;
  keep: boolean;
  json: boolean;
  help: boolean;
}

export const USAGE = `usage: npm run bench -- [--movies N] [--naive-sample N] [--keep] [--json]

  --movies N        sandbox catalog size, all ingested by one DailyIngest backfill (default 1000)
  --naive-sample N  rows timed for the one-INSERT-per-row write, then extrapolated (default 200)
  --keep            keep the private Trino schemas (default: dropped)
  --json            print the results as JSON on stdout instead of a table

Needs the real stack (npm run stack -- up). Exit 0 when the bench ran (whatever the targets say),
1 when it failed, 2 on bad arguments.
`;

export function parseArgs(argv: string[]): BenchArgs {
  const a: BenchArgs = { movies: 1000, naiveSample: 200, keep: false, json: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') a.help = true;
    else if (arg === '--keep') a.keep = true;
    else if (arg === '--json') a.json = true;
    else {
      const m = /^--(movies|naive-sample)(?:=(.*))?$/.exec(arg);
      if (!m) throw new Error(`unknown argument "${arg}"`);
      const value = m[2] ?? argv[++i];
      if (value === undefined || !/^\d+$/.test(value)) throw new Error(`--${m[1]} needs a positive integer, got "${value ?? ''}"`);
      const n = Number(value);
      if (m[1] === 'movies') {
        // The sandbox's own bounds; 1,000,000 movies would not fit in a benchmark run anyway.
        if (n < 1 || n > 1_000_000) throw new Error(`--movies must be 1..1000000, got ${n}`);
        a.movies = n;
      } else {
        if (n < 1 || n > 5000) throw new Error(`--naive-sample must be 1..5000, got ${n}`);
        a.naiveSample = n;
      }
    }
  }
  return a;
}
