import { ConfigError } from '../config/errors';
import { EXIT } from './exit-codes';

/**
 * Runs a CLI's main and exits with its code: a configuration error exits 2 with the loader's
 * message (every bad key listed), anything else unexpected exits 1 with one line naming it.
 */
export function runMain(name: string, main: () => Promise<number>, hint: (err: unknown) => string = () => ''): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      if (err instanceof ConfigError) {
        process.stderr.write(`${err.message}\n`);
        process.exit(EXIT.USAGE);
      }
      const cause = (err as { cause?: { message?: string } }).cause?.message;
      process.stderr.write(`${name}: ${err instanceof Error ? err.message : String(err)}${cause ? `: ${cause}` : ''}${hint(err)}\n`);
      process.exit(EXIT.FAILURE);
    },
  );
}
