import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import YAML from 'yaml';
import { ConfigError } from './errors';
import { ENV_OVERRIDES, PipelineConfig, pipelineSchema, SECRET_ENV, Secrets, secretsSchema } from './schema';

/** The repository root (this file lives in `<root>/config`). */
export const PROJECT_ROOT = resolve(__dirname, '..');

export const REAL_BASE_URLS = {
  tmdb: 'https://api.themoviedb.org/3',
  omdb: 'https://www.omdbapi.com/',
  rottenTomatoes: 'https://www.rottentomatoes.com',
  metacritic: 'https://www.metacritic.com',
} as const;

/** Where each source lives inside the sandbox server (one port, one path prefix per site). */
export const SANDBOX_PATHS = {
  tmdb: '/tmdb/3',
  omdb: '/omdb/',
  rottenTomatoes: '/rt',
  metacritic: '/metacritic',
} as const;

export interface ResolvedSources {
  /** True when the sources are the offline sandbox (no TMDB credentials configured). */
  sandbox: boolean;
  tmdbBaseUrl: string;
  omdbBaseUrl: string;
  rottenTomatoesBaseUrl: string;
  metacriticBaseUrl: string;
}

export interface LoadedConfig {
  pipeline: PipelineConfig;
  secrets: Secrets;
  /** Absolute paths derived from the pipeline config. */
  paths: { root: string; stateDir: string; cacheDir: string; generatedEnvFile: string };
  sources: ResolvedSources;
}

export interface LoadOptions {
  /** YAML file; default `$LAKEHOUSE_CONFIG` or `config/pipeline.yaml`. */
  file?: string;
  /** Environment to read; default `process.env` merged over `.env` and the generated env. */
  env?: NodeJS.ProcessEnv;
  /** Read `.env` and `<stateDir>/generated.env` (default true). */
  readEnvFiles?: boolean;
}

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? join(homedir(), p.slice(1)) : p;
}

function readEnvFile(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  return parseEnv(readFileSync(file, 'utf8')) as Record<string, string>;
}

function setPath(obj: Record<string, unknown>, path: string[], value: unknown): void {
  let cur = obj;
  for (const key of path.slice(0, -1)) {
    if (typeof cur[key] !== 'object' || cur[key] === null) cur[key] = {};
    cur = cur[key] as Record<string, unknown>;
  }
  cur[path[path.length - 1]] = value;
}

function formatIssue(issue: { path: PropertyKey[]; message: string }, source: string): string {
  const where = issue.path.length ? issue.path.map(String).join('.') : '(root)';
  return `${source}: ${where}: ${issue.message}`;
}

/**
 * Loads `pipeline.yaml`, applies environment overrides and reads secrets. Every problem is
 * collected and reported in one ConfigError, so a user fixes them all in one go.
 */
export function loadConfig(options: LoadOptions = {}): LoadedConfig {
  const baseEnv = options.env ?? process.env;
  const file = resolve(PROJECT_ROOT, options.file ?? baseEnv.LAKEHOUSE_CONFIG ?? 'config/pipeline.yaml');
  const problems: string[] = [];

  let raw: unknown;
  try {
    raw = YAML.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`Cannot read config file ${file}: ${(err as Error).message}`, [String(err)]);
  }
  if (typeof raw !== 'object' || raw === null) {
    throw new ConfigError(`Config file ${file} must contain a YAML mapping.`);
  }
  const doc = raw as Record<string, unknown>;

  // Env files are read before overrides so that LAKEHOUSE_STATE_DIR in `.env` is honoured.
  const readFiles = options.readEnvFiles ?? options.env === undefined;
  const dotEnv = readFiles ? readEnvFile(join(PROJECT_ROOT, '.env')) : {};
  let env: NodeJS.ProcessEnv = { ...dotEnv, ...baseEnv };

  for (const [name, { path, type }] of Object.entries(ENV_OVERRIDES)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    if (type === 'number') {
      const n = Number(value);
      if (!Number.isFinite(n)) problems.push(`env ${name}: expected a number, got "${value}"`);
      else setPath(doc, path, n);
    } else {
      setPath(doc, path, value);
    }
  }

  const parsed = pipelineSchema.safeParse(doc);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(formatIssue(issue, file));
  }

  let generatedEnvFile = '';
  let stateDir = '';
  let cacheDir = '';
  if (parsed.success) {
    stateDir = resolve(PROJECT_ROOT, expandHome(parsed.data.infrastructure.stateDir));
    cacheDir = resolve(PROJECT_ROOT, expandHome(parsed.data.infrastructure.cacheDir));
    generatedEnvFile = join(stateDir, 'generated.env');
    if (readFiles) env = { ...readEnvFile(generatedEnvFile), ...env };
  }

  const secretsInput: Record<string, string | undefined> = {};
  for (const [key, name] of Object.entries(SECRET_ENV)) {
    const value = env[name];
    secretsInput[key] = value === undefined || value === '' ? undefined : value;
  }
  const secrets = secretsSchema.safeParse(secretsInput);
  if (!secrets.success) {
    // Never echo a secret's value, only its variable name.
    for (const issue of secrets.error.issues) {
      const key = String(issue.path[0]) as keyof typeof SECRET_ENV;
      problems.push(`env ${SECRET_ENV[key] ?? key}: ${issue.message}`);
    }
  }

  if (problems.length || !parsed.success || !secrets.success) {
    throw new ConfigError(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        '\nFix config/pipeline.yaml or the environment (see config/env.example).',
      problems,
    );
  }

  const pipeline = parsed.data;
  return {
    pipeline,
    secrets: secrets.data,
    paths: {
      root: PROJECT_ROOT,
      stateDir,
      cacheDir: isAbsolute(cacheDir) ? cacheDir : resolve(PROJECT_ROOT, cacheDir),
      generatedEnvFile,
    },
    sources: resolveSources(pipeline, secrets.data),
  };
}

/** Without TMDB credentials every source defaults to the offline sandbox. */
export function resolveSources(pipeline: PipelineConfig, secrets: Secrets): ResolvedSources {
  const sandbox = !secrets.tmdbApiKey && !secrets.tmdbReadAccessToken;
  const sandboxBase = `http://127.0.0.1:${pipeline.sources.sandbox.port}`;
  const pick = (configured: string, key: keyof typeof REAL_BASE_URLS) =>
    configured || (sandbox ? `${sandboxBase}${SANDBOX_PATHS[key]}` : REAL_BASE_URLS[key]);
  return {
    sandbox,
    tmdbBaseUrl: pick(pipeline.sources.tmdb.baseUrl, 'tmdb'),
    omdbBaseUrl: pick(pipeline.sources.omdb.baseUrl, 'omdb'),
    rottenTomatoesBaseUrl: pick(pipeline.sources.rottenTomatoes.baseUrl, 'rottenTomatoes'),
    metacriticBaseUrl: pick(pipeline.sources.metacritic.baseUrl, 'metacritic'),
  };
}

/** Keys the sandbox accepts. Not secrets: the sandbox is a local stand-in with fake data. */
export const SANDBOX_KEYS = {
  tmdbApiKey: 'sandbox-tmdb-api-key',
  tmdbReadAccessToken: 'sandbox-tmdb-read-access-token',
  omdbApiKey: 'sandbox-omdb-key',
} as const;

export interface SourceCredentials {
  tmdbApiKey?: string;
  tmdbReadAccessToken?: string;
  omdbApiKey?: string;
}

/** The keys the source clients should send: the configured ones, or the sandbox's in sandbox mode. */
export function sourceCredentials(config: Pick<LoadedConfig, 'secrets' | 'sources'>): SourceCredentials {
  if (config.sources.sandbox) {
    return {
      tmdbApiKey: SANDBOX_KEYS.tmdbApiKey,
      omdbApiKey: SANDBOX_KEYS.omdbApiKey,
    };
  }
  return {
    tmdbApiKey: config.secrets.tmdbApiKey,
    tmdbReadAccessToken: config.secrets.tmdbReadAccessToken,
    omdbApiKey: config.secrets.omdbApiKey,
  };
}
