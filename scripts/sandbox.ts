/**
 * `npm run sandbox [-- --port N --movies N --seed N --today YYYY-MM-DD]`: the offline sandbox of the
 * four sources, alone, for manual use. Port, size and seed default to config/pipeline.yaml
 * (sources.sandbox). Exit 2 on bad flags or config, 1 if the server cannot start.
 */
import { loadConfig } from '../config';
import { isIsoDate } from '../infra/sandbox/dates';
import { startSandbox } from '../infra/sandbox/server';
import { EXIT } from './exit-codes';
import { runMain } from './run-main';

const USAGE = `usage: npm run sandbox -- [--port N] [--movies N] [--seed N] [--today YYYY-MM-DD]

  --port    port on 127.0.0.1 (0 = any free port); default sources.sandbox.port
  --movies  catalog size; default sources.sandbox.movies
  --seed    catalog seed; default sources.sandbox.seed
  --today   the catalog's reference day; default today (UTC)
`;

export interface SandboxFlags {
  port?: number;
  movies?: number;
  seed?: number;
  today?: string;
  help?: boolean;
}

/** Parses the flags; throws a message for anything unknown or malformed. */
export function parseFlags(argv: string[]): SandboxFlags {
  const flags: SandboxFlags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      flags.help = true;
      continue;
    }
    const m = /^--(port|movies|seed|today)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`unknown argument "${arg}"`);
    const name = m[1] as 'port' | 'movies' | 'seed' | 'today';
    const value = m[2] ?? argv[++i];
    if (value === undefined || value === '') throw new Error(`--${name} needs a value`);
    if (name === 'today') {
      if (!isIsoDate(value)) throw new Error(`--today must be a date YYYY-MM-DD, got "${value}"`);
      flags.today = value;
      continue;
    }
    if (!/^-?\d+$/.test(value)) throw new Error(`--${name} must be an integer, got "${value}"`);
    const n = Number(value);
    if (name === 'port' && (n < 0 || n > 65535)) throw new Error(`--port must be 0..65535, got ${n}`);
    if (name === 'movies' && (n < 1 || n > 1_000_000)) throw new Error(`--movies must be 1..1000000, got ${n}`);
    flags[name] = n;
  }
  return flags;
}

async function main(argv: string[]): Promise<number> {
  let flags: SandboxFlags;
  try {
    flags = parseFlags(argv);
  } catch (err) {
    process.stderr.write(`sandbox: ${(err as Error).message}\n\n${USAGE}`);
    return EXIT.USAGE;
  }
  if (flags.help) {
    process.stdout.write(USAGE);
    return EXIT.OK;
  }

  const config = loadConfig();
  const defaults = config.pipeline.sources.sandbox;
  const movies = flags.movies ?? defaults.movies;
  const seed = flags.seed ?? defaults.seed;
  const sandbox = await startSandbox({
    port: flags.port ?? defaults.port,
    catalog: { movies, seed, ...(flags.today ? { today: flags.today } : {}) },
  });

  const lines = [
    `Sandbox listening on ${sandbox.url} (${movies} movies, seed ${seed}, today ${sandbox.catalog.today})`,
    '',
    ...Object.entries(sandbox.baseUrls).map(([site, url]) => `  ${site.padEnd(15)} ${url}`),
    '',
    'Keys the sandbox accepts:',
    `  TMDB api_key            ${sandbox.keys.tmdbApiKey}`,
    `  TMDB read access token  ${sandbox.keys.tmdbReadAccessToken}`,
    `  OMDb apikey             ${sandbox.keys.omdbApiKey}`,
    '',
    `Admin: ${sandbox.url}/__admin/stats, POST ${sandbox.url}/__admin/faults, POST ${sandbox.url}/__admin/reset`,
    'Ctrl-C to stop.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  return new Promise<number>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.stdout.write(`\n${signal}: stopping the sandbox\n`);
      sandbox.close().then(
        () => resolve(EXIT.OK),
        () => resolve(EXIT.FAILURE),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

if (require.main === module) {
  runMain('sandbox', () => main(process.argv.slice(2)), (err) =>
    (err as NodeJS.ErrnoException).code === 'EADDRINUSE' ? ' (port in use: pass --port or set SANDBOX_PORT)' : '',
  );
}
