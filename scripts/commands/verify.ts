/** `npm run cli -- verify`: an Iceberg round trip through Trino in a scratch namespace. */
import { loadConfig } from '../../config';
import { trinoClient } from '../../activities/clients';
import { icebergRoundTrip } from '../../activities/warehouse/verify';
import { EXIT } from '../exit-codes';

export async function run(args: string[]): Promise<number> {
  if (args.length) {
    process.stderr.write('usage: npm run cli -- verify\n');
    return EXIT.USAGE;
  }
  const config = loadConfig();
  process.stdout.write(`round trip through ${config.pipeline.trino.url} (catalog ${config.pipeline.trino.catalog})...\n`);
  try {
    const r = await icebergRoundTrip(trinoClient(config), config.pipeline.trino.catalog);
    process.stdout.write(`✔ created ${r.namespace}, wrote ${r.rowsWritten} rows, read ${r.rowsRead} back identical, dropped it (${r.ms} ms)\n`);
    return EXIT.OK;
  } catch (err) {
    process.stderr.write(`✘ round trip failed: ${(err as Error).message}\nIs the stack up and set up? Run \`npm run cli -- status\`.\n`);
    return EXIT.FAILURE;
  }
}
