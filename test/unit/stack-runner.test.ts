import { createServer } from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config';
import { httpHealth } from '../../infra/local/health';
import { isPidAlive } from '../../infra/local/pid-file';
import { downServices, StackError, statusServices, upServices } from '../../infra/local/runner';
import type { ServiceDefinition } from '../../infra/local/types';

// The runner's own logic (reuse, health waits, failure reports, stop order) with small real
// processes instead of the heavy services: python3's http.server answers like a service would.
jest.setTimeout(60_000);

function freePort(): Promise<number> {
  return new Promise((resolvePort) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolvePort(port));
    });
  });
}

function config() {
  const state = mkdtempSync(join(tmpdir(), 'stack-runner-'));
  return loadConfig({ env: { LAKEHOUSE_STATE_DIR: state, LAKEHOUSE_CACHE_DIR: join(state, 'cache') } });
}

function webService(name: string, port: number, counter: { installs: number }): ServiceDefinition {
  const url = `http://127.0.0.1:${port}/`;
  return {
    name,
    url,
    listens: [{ host: '127.0.0.1', port }],
    startTimeoutMs: 20_000,
    stopTimeoutMs: 5_000,
    async install() {
      counter.installs += 1;
    },
    launch: (ctx) => ({ command: 'python3', args: ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', ctx.dir], cwd: ctx.dir }),
    health: () => httpHealth(url),
  };
}

function failingService(): ServiceDefinition {
  return {
    name: 'broken',
    url: 'http://127.0.0.1:9/',
    listens: [],
    startTimeoutMs: 10_000,
    async install() {},
    // The secret must be masked in the log tail that the error carries.
    launch: (ctx) => ({ command: 'sh', args: ['-c', 'echo "cannot bind: key=$K"; exit 3'], env: { K: ctx.secrets.s3SecretAccessKey } }),
    health: async () => ({ healthy: false, detail: 'never' }),
  };
}

describe('stack runner', () => {
  it('starts once, reuses a healthy service on the second up, stops on down', async () => {
    const c = config();
    const counter = { installs: 0 };
    const svc = webService('web', await freePort(), counter);
    const [first] = await upServices(c, [svc]);
    expect(first).toMatchObject({ name: 'web', healthy: true });
    expect(isPidAlive(first.pid!)).toBe(true);

    const logs: string[] = [];
    const [second] = await upServices(c, [svc], { log: (m) => logs.push(m) });
    expect(second.pid).toBe(first.pid);
    expect(logs.join('\n')).toContain('already running');
    expect(counter.installs).toBe(1);

    const [status] = await statusServices(c, [svc]);
    expect(status).toMatchObject({ healthy: true, pid: first.pid });

    const [down] = await downServices(c, [svc]);
    expect(down.detail).toBe('stopped');
    expect(isPidAlive(first.pid!)).toBe(false);
    const [after] = await statusServices(c, [svc]);
    expect(after).toMatchObject({ healthy: false, pid: undefined });
  });

  it('reports a service that dies with its log tail (secrets masked), keeps the others up', async () => {
    const c = config();
    const web = webService('web', await freePort(), { installs: 0 });
    let error: StackError | undefined;
    try {
      await upServices(c, [failingService(), web]);
    } catch (err) {
      error = err as StackError;
    }
    expect(error).toBeInstanceOf(StackError);
    expect(error!.message).toContain('broken exited during startup');
    expect(error!.message).toContain('cannot bind: key=***');
    expect(error!.message).not.toContain(c.secrets.s3SecretAccessKey!);
    expect(error!.statuses.map((s) => [s.name, s.healthy])).toEqual([
      ['broken', false],
      ['web', true],
    ]);
    expect(readFileSync(join(c.paths.stateDir, 'broken', 'broken.log'), 'utf8')).toContain('exit 3');
    await downServices(c, [web]);
  });

  it('refuses a port held by something that is not the service', async () => {
    const c = config();
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(upServices(c, [webService('web', port, { installs: 0 })])).rejects.toThrow(/in use by another program/);
    } finally {
      blocker.close();
    }
  });
});
