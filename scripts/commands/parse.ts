/**
 * `npm run cli -- parse <kind> <file> [--url <url>] [--observed-at <iso>]`: reads a saved response
 * or page and prints what the pipeline would store, as JSON. Exit codes (scripts/exit-codes.ts):
 * 0 parsed; 3 the input is a recognised error payload of the source (one line on stderr naming
 * the error); 4 unparseable (the reason on stderr); 2 bad arguments or unreadable file.
 */
import { readFileSync, statSync } from 'node:fs';
import { ParseError, SourceError } from '../../activities/sources/errors';
import { parseMetacriticPage } from '../../activities/sources/metacritic/parse';
import { parseOmdbTitle } from '../../activities/sources/omdb/parse';
import { parseRottenTomatoesPage } from '../../activities/sources/rotten-tomatoes/parse';
import { parseTmdbChanges, parseTmdbList, parseTmdbMovieDetails } from '../../activities/sources/tmdb/parse';
import { EXIT } from '../exit-codes';

interface Ctx {
  observedAt: string;
  url?: string;
}

const KINDS: Record<string, { what: string; parse: (body: string, ctx: Ctx) => unknown }> = {
  'tmdb-movie': { what: 'TMDB /movie/{id} response', parse: (b, c) => parseTmdbMovieDetails(b, c) },
  'tmdb-list': { what: 'TMDB list page (discover, popular, top_rated, now_playing)', parse: (b) => parseTmdbList(b) },
  'tmdb-changes': { what: 'TMDB /movie/changes page', parse: (b) => parseTmdbChanges(b) },
  omdb: { what: 'OMDb title response', parse: (b, c) => parseOmdbTitle(b, c) },
  'rotten-tomatoes': { what: 'Rotten Tomatoes movie page', parse: (b, c) => parseRottenTomatoesPage(b, c) },
  metacritic: { what: 'Metacritic movie page', parse: (b, c) => parseMetacriticPage(b, c) },
};

/** Saved responses are small; a file this large is a mistake, not a page. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Clock for observedAt when --observed-at is not given. */
  now?: () => Date;
}

const processIo: Io = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
};

function usage(): string {
  const kinds = Object.entries(KINDS).map(([k, v]) => `  ${k.padEnd(16)} ${v.what}`);
  return [
    'usage: npm run cli -- parse <kind> <file> [--url <url>] [--observed-at <iso-8601>]',
    '',
    'kinds:',
    ...kinds,
    '',
    'exit codes: 0 parsed, 2 bad arguments, 3 error payload of the source, 4 unparseable',
    '',
  ].join('\n');
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export async function run(args: string[], io: Io = processIo): Promise<number> {
  const positional: string[] = [];
  const ctx: Ctx = { observedAt: (io.now ?? (() => new Date()))().toISOString() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--help' || a === '-h') {
      io.stdout(usage());
      return EXIT.OK;
    }
    if (a === '--url' || a === '--observed-at') {
      const v = args[++i];
      if (v === undefined) {
        io.stderr(`parse: ${a} needs a value\n${usage()}`);
        return EXIT.USAGE;
      }
      if (a === '--url') ctx.url = v;
      else if (Number.isNaN(Date.parse(v)) || !/(Z|[+-]\d\d:?\d\d)$/.test(v)) {
        io.stderr(`parse: --observed-at must be an ISO-8601 timestamp with offset, got "${v}"\n`);
        return EXIT.USAGE;
      } else ctx.observedAt = v;
      continue;
    }
    if (a.startsWith('--')) {
      io.stderr(`parse: unknown option ${a}\n${usage()}`);
      return EXIT.USAGE;
    }
    positional.push(a);
  }
  if (positional.length !== 2) {
    io.stderr(`parse: expected <kind> <file>, got ${positional.length} argument(s)\n${usage()}`);
    return EXIT.USAGE;
  }
  const [kind, file] = positional;
  const parser = KINDS[kind];
  if (!parser) {
    io.stderr(`parse: unknown kind "${kind}"\n${usage()}`);
    return EXIT.USAGE;
  }

  let body: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_FILE_BYTES) {
      io.stderr(`unparseable: ${file} is ${size} bytes, larger than any ${parser.what} (max ${MAX_FILE_BYTES})\n`);
      return EXIT.UNPARSEABLE;
    }
    body = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    io.stderr(`parse: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
    return EXIT.USAGE;
  }

  let result: unknown;
  try {
    result = parser.parse(body, ctx);
  } catch (err) {
    if (err instanceof SourceError && !(err instanceof ParseError)) {
      io.stderr(`${err.type}: ${oneLine(err.message)}\n`);
      return EXIT.SOURCE_ERROR_PAYLOAD;
    }
    // ParseError, or anything else the input managed to trigger: the input cannot be read.
    const reason = err instanceof Error ? err.message : String(err);
    io.stderr(`unparseable ${parser.what} (${file}): ${oneLine(reason)}\n`);
    return EXIT.UNPARSEABLE;
  }
  io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  return EXIT.OK;
}
