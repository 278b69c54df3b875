import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadedConfig } from '../../config';
import { portOpen } from './health';
import { withLock } from './lock';
import { createCatalogService } from './catalog-service';
import { livePid, pidFilePath, removePidFile, writePidFile, isPidAlive } from './pid-file';
import { spawnDetached, stopProcess, tailFile } from './processes';
import { createS3Service } from './s3-service';
import { ensureStackSecrets } from './secrets';
import { createTemporalService } from './temporal-service';
import { createTrinoService } from './trino-service';
import type { Log, ServiceContext, ServiceDefinition, ServiceStatus, StackSecrets } from './types';

/** A service that did not come up; the message carries the tail of its log (secrets masked). */
export class StackError extends Error {
  override readonly name = 'StackError';
  constructor(
    message: string,
    readonly service: string,
    readonly logFile?: string,
    /** From `stackUp`: every service's state, the healthy ones included. */
    readonly statuses: ServiceStatus[] = [],
  ) {
    super(message);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quiet: Log = () => undefined;

/** Start order; `down` goes backwards. */
export async function stackServices(config: LoadedConfig): Promise<ServiceDefinition[]> {
  return [createTemporalService(config), createS3Service(config), createCatalogService(config), createTrinoService(config)];
}

function knownSecrets(config: LoadedConfig): StackSecrets {
  const s = config.secrets;
  return {
    s3AccessKeyId: s.s3AccessKeyId ?? '',
    s3SecretAccessKey: s.s3SecretAccessKey ?? '',
    polarisRootClientId: s.polarisRootClientId ?? '',
    polarisRootClientSecret: s.polarisRootClientSecret ?? '',
  };
}

function context(config: LoadedConfig, secrets: StackSecrets, svc: ServiceDefinition, log: Log): ServiceContext {
  return { config, secrets, dir: join(config.paths.stateDir, svc.name), cacheDir: config.paths.cacheDir, log };
}

export const logFileOf = (ctx: ServiceContext, svc: ServiceDefinition) => join(ctx.dir, `${svc.name}.log`);
const pidFileOf = (ctx: ServiceContext, svc: ServiceDefinition) => pidFilePath(ctx.dir, svc.name);
const matchOf = (ctx: ServiceContext, svc: ServiceDefinition) => svc.processMatch?.(ctx) ?? ctx.dir;
const stackLock = (config: LoadedConfig) => join(config.paths.stateDir, 'stack.lock');

async function failure(ctx: ServiceContext, svc: ServiceDefinition, reason: string): Promise<StackError> {
  const file = logFileOf(ctx, svc);
  const tail = await tailFile(file, 40, Object.values(ctx.secrets));
  return new StackError(`${svc.name} ${reason}\n--- last lines of ${file} ---\n${tail}`, svc.name, file);
}

async function waitHealthy(ctx: ServiceContext, svc: ServiceDefinition, pid: number | undefined): Promise<string> {
  const timeoutMs = svc.startTimeoutMs ?? ctx.config.pipeline.infrastructure.healthTimeoutSeconds * 1000;
  const started = Date.now();
  let lastNote = started;
  for (;;) {
    if (pid !== undefined && !isPidAlive(pid)) throw await failure(ctx, svc, `exited during startup`);
    const h = await svc.health(ctx);
    if (h.healthy) return h.detail;
    if (Date.now() - started > timeoutMs) {
      throw await failure(ctx, svc, `not healthy after ${Math.round(timeoutMs / 1000)}s (${h.detail})`);
    }
    if (Date.now() - lastNote > 15_000) {
      ctx.log(`  ${svc.name}: waiting for health (${Math.round((Date.now() - started) / 1000)}s, ${h.detail})`);
      lastNote = Date.now();
    }
    await sleep(500);
  }
}

/** Starts one service unless it already runs; leaves nothing running when the start fails. */
async function startOne(ctx: ServiceContext, svc: ServiceDefinition): Promise<ServiceStatus> {
  await mkdir(ctx.dir, { recursive: true, mode: 0o700 });
  const pidFile = pidFileOf(ctx, svc);
  const running = await livePid(pidFile, matchOf(ctx, svc));
  if (running !== undefined) {
    const h = await svc.health(ctx);
    if (h.healthy) {
      ctx.log(`${svc.name}: already running (pid ${running}) at ${svc.url}`);
      return { name: svc.name, url: svc.url, pid: running, healthy: true, detail: h.detail };
    }
    ctx.log(`${svc.name}: pid ${running} is running but not healthy yet; waiting`);
    const detail = await waitHealthy(ctx, svc, running);
    return { name: svc.name, url: svc.url, pid: running, healthy: true, detail };
  }
  await removePidFile(pidFile);
  for (const { host, port } of svc.listens) {
    if (!(await portOpen(host, port))) continue;
    const h = await svc.health(ctx);
    if (h.healthy) {
      ctx.log(`${svc.name}: a healthy server not started by this stack answers at ${svc.url}; using it`);
      return { name: svc.name, url: svc.url, healthy: true, detail: `external process: ${h.detail}` };
    }
    throw new StackError(`${svc.name}: ${host}:${port} is in use by another program (and it is not a healthy ${svc.name})`, svc.name);
  }
  await svc.install(ctx);
  await svc.prepare?.(ctx);
  const spec = await svc.launch(ctx);
  const started = Date.now();
  const pid = spawnDetached(spec, logFileOf(ctx, svc));
  await writePidFile(pidFile, pid);
  ctx.log(`${svc.name}: started pid ${pid}, log ${logFileOf(ctx, svc)}`);
  try {
    const detail = await waitHealthy(ctx, svc, pid);
    ctx.log(`${svc.name}: healthy after ${((Date.now() - started) / 1000).toFixed(1)}s at ${svc.url}`);
    return { name: svc.name, url: svc.url, pid, healthy: true, detail };
  } catch (err) {
    await stopProcess(pid, svc.stopTimeoutMs ?? 20_000);
    await removePidFile(pidFile);
    throw err;
  }
}

async function stopOne(ctx: ServiceContext, svc: ServiceDefinition): Promise<ServiceStatus> {
  const pidFile = pidFileOf(ctx, svc);
  const pid = await livePid(pidFile, matchOf(ctx, svc));
  if (pid === undefined) {
    await removePidFile(pidFile);
    return { name: svc.name, url: svc.url, healthy: false, detail: 'not running' };
  }
  ctx.log(`${svc.name}: stopping pid ${pid}`);
  const how = await stopProcess(pid, svc.stopTimeoutMs ?? 20_000);
  await removePidFile(pidFile);
  ctx.log(`${svc.name}: ${how}`);
  return { name: svc.name, url: svc.url, healthy: false, detail: how };
}

export interface StackOptions {
  /** Progress lines (stderr in the CLI); default silent. Never receives secrets. */
  log?: Log;
  /** Only these services (by name), still in stack order; default all. */
  only?: string[];
}

async function selected(config: LoadedConfig, only?: string[]): Promise<ServiceDefinition[]> {
  const all = await stackServices(config);
  if (!only?.length) return all;
  const unknown = only.filter((n) => !all.some((s) => s.name === n));
  if (unknown.length) throw new StackError(`unknown service(s): ${unknown.join(', ')} (known: ${all.map((s) => s.name).join(', ')})`, unknown[0]);
  return all.filter((s) => only.includes(s.name));
}

/**
 * Brings the stack up, one service after another (2 cores: parallel JVM starts only slow each
 * other down). Idempotent: healthy services are reused. Generates missing credentials first.
 */
export async function stackUp(config: LoadedConfig, opts: StackOptions = {}): Promise<ServiceStatus[]> {
  return upServices(config, await selected(config, opts.only), opts);
}

/** `stackUp` for a given list of services (tests pass their own). */
export async function upServices(config: LoadedConfig, services: ServiceDefinition[], opts: StackOptions = {}): Promise<ServiceStatus[]> {
  const log = opts.log ?? quiet;
  return withLock(stackLock(config), log, 'another stack command', async () => {
    const { secrets, generated } = await ensureStackSecrets(config);
    if (generated.length) log(`generated ${generated.join(', ')} into ${config.paths.generatedEnvFile} (mode 0600)`);
    const out: ServiceStatus[] = [];
    const failed: StackError[] = [];
    // A service that fails does not stop the others: Temporal alone already serves workflow
    // tests, and Trino starts without a catalog. The caller still gets an error at the end.
    for (const svc of services) {
      try {
        out.push(await startOne(context(config, secrets, svc, log), svc));
      } catch (err) {
        const e = err instanceof StackError ? err : new StackError(`${svc.name}: ${(err as Error).message}`, svc.name);
        log(`${svc.name}: FAILED — ${e.message.split('\n')[0]}`);
        failed.push(e);
        out.push({ name: svc.name, url: svc.url, healthy: false, detail: e.message.split('\n')[0] });
      }
    }
    if (failed.length) {
      const names = failed.map((e) => e.service).join(', ');
      throw new StackError(`${names} failed to start:\n\n${failed.map((e) => e.message).join('\n\n')}`, failed[0].service, failed[0].logFile, out);
    }
    return out;
  });
}

/** Stops every service this stack started, in reverse order (SIGTERM, then SIGKILL). */
export async function stackDown(config: LoadedConfig, opts: StackOptions = {}): Promise<ServiceStatus[]> {
  return downServices(config, await selected(config, opts.only), opts);
}

export async function downServices(config: LoadedConfig, services: ServiceDefinition[], opts: StackOptions = {}): Promise<ServiceStatus[]> {
  const log = opts.log ?? quiet;
  return withLock(stackLock(config), log, 'another stack command', async () => {
    const out: ServiceStatus[] = [];
    for (const svc of [...services].reverse()) out.push(await stopOne(context(config, knownSecrets(config), svc, log), svc));
    return out.reverse();
  });
}

/** Per service: URL, pid (when this stack started it) and a live health check. */
export async function stackStatus(config: LoadedConfig, opts: Pick<StackOptions, 'only'> = {}): Promise<ServiceStatus[]> {
  return statusServices(config, await selected(config, opts.only));
}

export async function statusServices(config: LoadedConfig, services: ServiceDefinition[]): Promise<ServiceStatus[]> {
  const out: ServiceStatus[] = [];
  for (const svc of services) {
    const ctx = context(config, knownSecrets(config), svc, quiet);
    const pid = await livePid(pidFileOf(ctx, svc), matchOf(ctx, svc));
    const h = await svc.health(ctx).catch((err: Error) => ({ healthy: false, detail: err.message }));
    out.push({ name: svc.name, url: svc.url, pid, healthy: h.healthy, detail: pid === undefined && h.healthy ? `not started by this stack; ${h.detail}` : h.detail });
  }
  return out;
}

/** Without the stack lock: for callers that already hold it. */
export async function restartUnlocked(config: LoadedConfig, name: string, log: Log): Promise<ServiceStatus> {
  const svc = (await stackServices(config)).find((s) => s.name === name);
  if (!svc) throw new StackError(`unknown service "${name}"`, name);
  const { secrets } = await ensureStackSecrets(config);
  const ctx = context(config, secrets, svc, log);
  await stopOne(ctx, svc);
  return startOne(ctx, svc);
}

/** Stops and starts one service (regenerating its config) and waits for its health. */
export async function restartService(config: LoadedConfig, name: string, opts: StackOptions = {}): Promise<ServiceStatus> {
  const log = opts.log ?? quiet;
  return withLock(stackLock(config), log, 'another stack command', () => restartUnlocked(config, name, log));
}
