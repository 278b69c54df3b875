/**
 * Child process of the bench: the sandbox runs here so that the bench process's memory is the
 * worker's alone. Prints one JSON line (URLs and catalog facts), then serves until SIGTERM/SIGINT
 * or until its stdin closes (the bench died without cleaning up: do not linger as an orphan).
 */
import { startSandbox } from '../../infra/sandbox/server';

async function main(): Promise<void> {
  const movies = Number(process.argv[2]);
  const seed = Number(process.argv[3]);
  const sb = await startSandbox({ port: 0, catalog: { movies, seed } });
  const dates = sb.catalog.movies.map((m) => m.releaseDate).sort();
  const info = {
    url: sb.url,
    baseUrls: sb.baseUrls,
    today: sb.catalog.today,
    movies: sb.catalog.movies.length,
    adult: sb.catalog.movies.filter((m) => m.adult).length,
    minRelease: dates[0],
    maxRelease: dates[dates.length - 1],
  };
  process.stdout.write(`${JSON.stringify(info)}\n`);
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    sb.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
}

main().catch((err: unknown) => {
  process.stderr.write(`sandbox child: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
