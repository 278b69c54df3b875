import type { LoadedConfig } from '../config';
import type { Logger } from '../activities/deps';
import { startSandbox } from '../infra/sandbox/server';

/**
 * Without API keys every source resolves to the offline sandbox on 127.0.0.1; the worker that
 * needs it hosts it, so `npm start` and `npm run worker` work offline with nothing else to run.
 * A sandbox already listening on the port (another worker, `npm run sandbox`) is used as it is.
 */
export async function hostSandboxIfNeeded(config: LoadedConfig, log: Logger): Promise<(() => Promise<void>) | null> {
  if (!config.sources.sandbox) return null;
  const { port, movies, seed } = config.pipeline.sources.sandbox;
  if (await answers(port)) {
    log.info(`sandbox already serving on 127.0.0.1:${port}; using it`);
    return null;
  }
  try {
    const sb = await startSandbox({ port, catalog: { movies, seed } });
    log.info(`sandbox of the sources started on 127.0.0.1:${port} (${movies} movies, seed ${seed}): no API keys are set`);
    return () => sb.close();
  } catch (err) {
    // Another worker may have won the race for the port.
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE' && (await answers(port))) return null;
    throw err;
  }
}

async function answers(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}
