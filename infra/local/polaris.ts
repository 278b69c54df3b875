import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { LoadedConfig } from '../../config';
import { componentDir, ensureInstalled, isInstalled } from './cache';
import { CommandError, run } from './exec';
import { hostPort, httpGet } from './health';
import { findJavaHome } from './java';
import { mavenCopy } from './maven';
import type { HealthResult, LaunchSpec, Log, ServiceContext, ServiceDefinition, StackSecrets } from './types';

/**
 * The catalog service of the local stack.
 *
 * - `createPolarisService`: Apache Polaris built from Maven Central as a Quarkus "custom server"
 *   (infra/polaris-server). Needs every Polaris module on the Maven repository the machine uses.
 * - `createNessieService`: Project Nessie's runner jar with its Iceberg REST endpoint, on the same
 *   ports. A stand-in for machines whose Maven repository lacks Polaris' modules (see
 *   infra/polaris-server/README.md); it has no Polaris management API.
 */

/** Newest polaris-runtime-service on Maven Central; its Quarkus platform version. */
export const POLARIS_VERSION = '1.4.1';
export const POLARIS_QUARKUS_VERSION = '3.32.3';
/** Newest nessie-quarkus runner jar on Maven Central; built for Java 21. */
export const NESSIE_VERSION = '0.99.0';
export const CATALOG_MIN_JAVA = 21;

/** The Maven project this module builds (relative to the repository root). */
export const POLARIS_PROJECT_DIR = 'infra/polaris-server';
const POLARIS_PROJECT_FILES = ['pom.xml', 'src/main/resources/application.properties'];

/** Small heap: the catalog holds metadata only; the 2-core / 24 GB machine also runs Trino. */
const JVM_MEMORY_ARGS = ['-Xms64m', '-Xmx768m', '-XX:+ExitOnOutOfMemoryError'];

interface CatalogPorts {
  host: string;
  port: number;
  managementPort: number;
}

/** Loopback only, whatever host the URLs name: the local stack is never exposed. */
export function catalogPorts(config: LoadedConfig): CatalogPorts {
  const api = hostPort(config.pipeline.polaris.url);
  const mgmt = hostPort(config.pipeline.polaris.managementUrl);
  return { host: '127.0.0.1', port: api.port, managementPort: mgmt.port };
}

/** Values that end up inside a JDBC URL or a -D argument must not be able to inject options. */
function checkPath(path: string): string {
  if (/[;\s=]/.test(path)) throw new Error(`path ${JSON.stringify(path)} contains ';', '=' or whitespace; choose another stateDir`);
  return path;
}

/** AWS SDK settings shared by both catalogs: server-side S3 access with the stack's keys. */
function s3Env(config: LoadedConfig, secrets: StackSecrets): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: secrets.s3AccessKeyId,
    AWS_SECRET_ACCESS_KEY: secrets.s3SecretAccessKey,
    AWS_REGION: config.pipeline.s3.region,
    // Checksums only where S3 requires them: local S3 servers differ in trailer-checksum support.
    AWS_REQUEST_CHECKSUM_CALCULATION: 'when_required',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'when_required',
  };
}

// ---------------------------------------------------------------------------------------------
// Polaris

/** Hash of the Maven project, so an edited pom or properties file is built into a new cache dir. */
export function polarisProjectHash(root: string): string {
  const h = createHash('sha256');
  for (const f of POLARIS_PROJECT_FILES) h.update(f).update('\0').update(readFileSync(join(root, POLARIS_PROJECT_DIR, f)));
  return h.digest('hex').slice(0, 10);
}

export function polarisCacheVersion(root: string): string {
  return `${POLARIS_VERSION}-${polarisProjectHash(root)}`;
}

/**
 * Environment of the Polaris JVM. Everything secret lives here (a process' environment is
 * private to its user, its command line is not).
 */
export function polarisEnv(
  config: LoadedConfig,
  secrets: StackSecrets,
  dir: string,
  javaHome: string,
): Record<string, string> {
  const { host, port, managementPort } = catalogPorts(config);
  const realm = config.pipeline.polaris.realm;
  return {
    JAVA_HOME: javaHome,
    QUARKUS_HTTP_HOST: host,
    QUARKUS_HTTP_PORT: String(port),
    QUARKUS_MANAGEMENT_HOST: host,
    QUARKUS_MANAGEMENT_PORT: String(managementPort),
    QUARKUS_LOG_FILE_PATH: join(dir, 'polaris.log'),
    // AUTO_SERVER off on purpose: one server process owns the file; a second start fails fast.
    QUARKUS_DATASOURCE_JDBC_URL: `jdbc:h2:file:${checkPath(join(dir, 'metastore', 'polaris'))}`,
    POLARIS_REALM_CONTEXT_REALMS: realm,
    POLARIS_BOOTSTRAP_CREDENTIALS: `${realm},${secrets.polarisRootClientId},${secrets.polarisRootClientSecret}`,
    ...s3Env(config, secrets),
  };
}

/** The java command line: paths and memory only, never a credential. */
export function polarisArgs(home: string, dir: string): string[] {
  return [
    ...JVM_MEMORY_ARGS,
    // Also what the runner's default processMatch (the state dir) finds on the command line.
    `-Djava.io.tmpdir=${checkPath(join(dir, 'tmp'))}`,
    `-XX:ErrorFile=${join(dir, 'hs_err_pid%p.log')}`,
    '-jar',
    join(home, 'quarkus-app', 'quarkus-run.jar'),
  ];
}

export function polarisLaunchSpec(
  config: LoadedConfig,
  secrets: StackSecrets,
  dir: string,
  home: string,
  javaHome: string,
): LaunchSpec {
  return {
    command: join(javaHome, 'bin', 'java'),
    args: polarisArgs(home, dir),
    env: polarisEnv(config, secrets, dir, javaHome),
    cwd: dir,
  };
}

/** Names the Polaris artifacts Maven could not find, from its output (empty if none). */
export function missingPolarisArtifacts(mavenOutput: string): string[] {
  const found = new Set<string>();
  // Fresh lookups say "Could not find artifact X" / "Failure to find X"; cached ones "X was not found in".
  const coords = 'org\\.apache\\.polaris:[A-Za-z0-9._-]+:[a-z]+:[A-Za-z0-9._-]+';
  const re = new RegExp(`(?:Could not find artifact|Failure to find) (${coords})|(${coords}) was not found in`, 'g');
  for (const m of mavenOutput.matchAll(re)) found.add(m[1] ?? m[2]);
  return [...found];
}

/** Remembered "not served" answer: a later `up` fails at once instead of after a minute of Maven. */
const UNAVAILABLE_TTL_MS = 24 * 3600 * 1000;

function unavailableMarker(config: LoadedConfig): string {
  return `${componentDir(config.paths.cacheDir, 'polaris', polarisCacheVersion(config.paths.root))}.unavailable`;
}

/**
 * The Polaris artifacts the Maven repository refused in the last 24 h (from the marker an earlier
 * install left), or undefined when a build may be tried. Delete the marker file to retry sooner.
 */
export async function polarisKnownUnavailable(config: LoadedConfig, now = Date.now()): Promise<string[] | undefined> {
  try {
    const m = JSON.parse(await readFile(unavailableMarker(config), 'utf8')) as { at?: number; missing?: string[] };
    if (typeof m.at === 'number' && now - m.at < UNAVAILABLE_TTL_MS && Array.isArray(m.missing)) return m.missing;
  } catch {
    /* no marker: not known to be unavailable */
  }
  return undefined;
}

function unavailableError(missing: string[]): Error {
  return new Error(
    `Apache Polaris ${POLARIS_VERSION} cannot be built here: the Maven repository does not serve ` +
      `${missing.join(', ')}. See infra/polaris-server/README.md (Nessie stand-in).`,
  );
}

/**
 * Builds the Polaris server into `<cacheDir>/polaris-<version>-<hash>/quarkus-app` once; later
 * calls return at once. Maven uses the machine's own repository settings and `~/.m2`.
 */
export async function installPolaris(
  config: LoadedConfig,
  log: Log,
): Promise<{ home: string; installed: boolean; seconds: number }> {
  const root = config.paths.root;
  const cacheVersion = polarisCacheVersion(root);
  const existing = componentDir(config.paths.cacheDir, 'polaris', cacheVersion);
  if (isInstalled(existing)) return { home: existing, installed: false, seconds: 0 };
  const known = await polarisKnownUnavailable(config);
  if (known) throw unavailableError(known);
  const java = findJavaHome(CATALOG_MIN_JAVA);
  const r = await ensureInstalled(config.paths.cacheDir, 'polaris', cacheVersion, log, async (dir) => {
    const project = join(dir, 'project');
    await cp(resolve(root, POLARIS_PROJECT_DIR), project, {
      recursive: true,
      filter: (src) => !src.includes(`${POLARIS_PROJECT_DIR}/target`),
    });
    log(`  building Apache Polaris ${POLARIS_VERSION} (Quarkus ${POLARIS_QUARKUS_VERSION}) with Java ${java.major}`);
    try {
      await run(
        'mvn',
        [
          '-B',
          '-Dstyle.color=never',
          `-Dpolaris.version=${POLARIS_VERSION}`,
          `-Dquarkus.platform.version=${POLARIS_QUARKUS_VERSION}`,
          'package',
        ],
        {
          cwd: project,
          env: { ...process.env, JAVA_HOME: java.home, PATH: `${join(java.home, 'bin')}:${process.env.PATH ?? ''}` },
          log,
          label: 'mvn package (Polaris)',
        },
      );
    } catch (err) {
      const missing = err instanceof CommandError ? missingPolarisArtifacts(err.outputTail) : [];
      if (missing.length) {
        await writeFile(unavailableMarker(config), JSON.stringify({ at: Date.now(), missing }) + '\n');
        throw unavailableError(missing);
      }
      throw err;
    }
    // The fast-jar layout uses relative paths only, so the folder can be moved into place.
    await rename(join(project, 'target', 'quarkus-app'), join(dir, 'quarkus-app'));
    await rm(project, { recursive: true, force: true });
  });
  return { home: r.dir, installed: r.installed, seconds: r.seconds };
}

/** Quarkus SmallRye health (`/q/health`, or `/q/health/live` etc.) on the management port. */
export async function quarkusHealth(managementUrl: string, label: string, path = '/q/health'): Promise<HealthResult> {
  const url = `${managementUrl.replace(/\/$/, '')}${path}`;
  const r = await httpGet(url);
  if (r.status === undefined) return { healthy: false, detail: `${url}: ${r.error}` };
  try {
    const body = JSON.parse(r.body) as { status?: string; checks?: { name?: string; status?: string }[] };
    const down = (body.checks ?? []).filter((c) => c.status !== 'UP').map((c) => c.name);
    return {
      healthy: r.status === 200 && body.status === 'UP',
      detail: body.status === 'UP' ? `${label} UP` : `${label} ${body.status ?? r.status}${down.length ? ` (${down.join(', ')})` : ''}`,
    };
  } catch {
    return { healthy: false, detail: `${url}: HTTP ${r.status}` };
  }
}

export function createPolarisService(config: LoadedConfig): ServiceDefinition {
  return catalogServiceDefinition(config, {
    name: 'polaris',
    url: config.pipeline.polaris.url,
    dirs: ['metastore', 'tmp'],
    install: (ctx) => installPolaris(ctx.config, ctx.log),
    launch: (ctx, home, javaHome) => polarisLaunchSpec(ctx.config, ctx.secrets, ctx.dir, home, javaHome),
    health: () => quarkusHealth(config.pipeline.polaris.managementUrl, 'Polaris'),
  });
}

/** What differs between the two catalog servers; the rest of their service definitions is shared. */
interface CatalogServerParts {
  name: string;
  url: string;
  /** Folders created under the service's state dir before each start. */
  dirs: string[];
  install(ctx: ServiceContext): Promise<{ home: string }>;
  launch(ctx: ServiceContext, home: string, javaHome: string): LaunchSpec;
  health(): Promise<HealthResult>;
}

function catalogServiceDefinition(config: LoadedConfig, parts: CatalogServerParts): ServiceDefinition {
  const { host, port, managementPort } = catalogPorts(config);
  let home: string | undefined;
  const ensure = async (ctx: ServiceContext) => (home ??= (await parts.install(ctx)).home);
  return {
    name: parts.name,
    url: parts.url,
    listens: [
      { host, port },
      { host, port: managementPort },
    ],
    async install(ctx) {
      await ensure(ctx);
    },
    async prepare(ctx) {
      for (const d of parts.dirs) await mkdir(join(ctx.dir, d), { recursive: true });
    },
    async launch(ctx) {
      const java = findJavaHome(CATALOG_MIN_JAVA);
      ctx.log(`  ${parts.name}: Java ${java.major} (${java.home})`);
      return parts.launch(ctx, await ensure(ctx), java.home);
    },
    health: parts.health,
  };
}

// ---------------------------------------------------------------------------------------------
// Nessie stand-in

export const NESSIE_ARTIFACT = `org.projectnessie.nessie:nessie-quarkus:${NESSIE_VERSION}:jar:runner`;
const NESSIE_JAR = 'nessie-runner.jar';

/** Iceberg REST base URL of the Nessie stand-in (`<base>/v1/config`, prefix `main|<warehouse>`). */
export function nessieIcebergUrl(config: LoadedConfig): string {
  return `${config.pipeline.polaris.url.replace(/\/$/, '')}/iceberg`;
}

/**
 * Nessie's settings as -D arguments: ports, paths, the warehouse. Its one warehouse is named
 * like the Polaris catalog so that Trino's `iceberg.rest-catalog.warehouse` is the same for both.
 */
export function nessieArgs(config: LoadedConfig, jar: string, dir: string): string[] {
  const { host, port, managementPort } = catalogPorts(config);
  const { s3, polaris } = config.pipeline;
  const warehouse = polaris.catalog;
  const s3Opt = 'nessie.catalog.service.s3.default-options';
  const props: Record<string, string> = {
    'quarkus.http.host': host,
    'quarkus.http.port': String(port),
    'quarkus.management.host': host,
    'quarkus.management.port': String(managementPort),
    'quarkus.log.console.enable': 'false',
    'quarkus.log.file.enable': 'true',
    'quarkus.log.file.path': checkPath(join(dir, 'nessie.log')),
    // Durable: RocksDB in the state dir survives down/up.
    'nessie.version.store.type': 'ROCKSDB',
    'nessie.version.store.persist.rocks.database-path': checkPath(join(dir, 'rocksdb')),
    'nessie.catalog.default-warehouse': warehouse,
    [`nessie.catalog.warehouses.${warehouse}.location`]: `s3://${s3.bucket}/${s3.warehousePrefix}/`,
    [`${s3Opt}.endpoint`]: s3.endpoint,
    [`${s3Opt}.path-style-access`]: 'true',
    [`${s3Opt}.region`]: s3.region,
    // Keys from the AWS SDK's default chain (the env), so no secret is on the command line.
    [`${s3Opt}.auth-type`]: 'APPLICATION_GLOBAL',
    // Clients (Trino) bring their own S3 keys: no remote signing, no STS.
    [`${s3Opt}.request-signing-enabled`]: 'false',
  };
  return [
    ...JVM_MEMORY_ARGS,
    `-Djava.io.tmpdir=${checkPath(join(dir, 'tmp'))}`,
    `-XX:ErrorFile=${join(dir, 'hs_err_pid%p.log')}`,
    // RocksDB loads a native library; say so instead of a warning on every start.
    '--enable-native-access=ALL-UNNAMED',
    ...Object.entries(props).map(([k, v]) => `-D${k}=${v}`),
    '-jar',
    jar,
  ];
}

export function nessieLaunchSpec(
  config: LoadedConfig,
  secrets: StackSecrets,
  dir: string,
  home: string,
  javaHome: string,
): LaunchSpec {
  return {
    command: join(javaHome, 'bin', 'java'),
    args: nessieArgs(config, join(home, NESSIE_JAR), dir),
    env: { JAVA_HOME: javaHome, ...s3Env(config, secrets) },
    cwd: dir,
  };
}

/** Copies the runner jar from Maven into `<cacheDir>/nessie-<version>/` once. */
export async function installNessie(cacheDir: string, log: Log): Promise<{ home: string; installed: boolean; seconds: number }> {
  const existing = componentDir(cacheDir, 'nessie', NESSIE_VERSION);
  if (isInstalled(existing) && existsSync(join(existing, NESSIE_JAR))) return { home: existing, installed: false, seconds: 0 };
  const r = await ensureInstalled(cacheDir, 'nessie', NESSIE_VERSION, log, async (dir) => {
    await rename(await mavenCopy(NESSIE_ARTIFACT, dir, log), join(dir, NESSIE_JAR));
  });
  return { home: r.dir, installed: r.installed, seconds: r.seconds };
}

export function createNessieService(config: LoadedConfig): ServiceDefinition {
  return catalogServiceDefinition(config, {
    name: 'nessie',
    url: nessieIcebergUrl(config),
    dirs: ['tmp'],
    install: (ctx) => installNessie(ctx.cacheDir, ctx.log),
    launch: (ctx, home, javaHome) => nessieLaunchSpec(ctx.config, ctx.secrets, ctx.dir, home, javaHome),
    // Liveness, not /q/health: that one pings the warehouse bucket, which FullSetup creates later.
    health: () => quarkusHealth(config.pipeline.polaris.managementUrl, 'Nessie', '/q/health/live'),
  });
}
