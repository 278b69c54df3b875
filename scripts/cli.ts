/**
 * `npm run cli -- <command> [args]`: one entry point, one module per command in scripts/commands.
 */
import { runMain } from './run-main';
import { EXIT } from './exit-codes';

type CommandModule = { run(args: string[]): Promise<number> };

const COMMANDS: Record<string, { load: () => Promise<CommandModule>; help: string }> = {
  status: { load: () => import('./commands/status'), help: 'health of every service, catalog and tables' },
  verify: { load: () => import('./commands/verify'), help: 'Iceberg round trip through Trino in a scratch schema' },
  parse: { load: () => import('./commands/parse'), help: 'parse <kind> <file>: print a saved response as normalized JSON' },
  report: { load: () => import('./commands/report'), help: 'report [--top N] [--json]: rows per table, ratings per source, last runs, top movies' },
  schedules: { load: () => import('./commands/schedules'), help: 'apply | list | pause | unpause | trigger | backfill the Temporal schedules' },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.help}`);
  return `usage: npm run cli -- <command> [args]\n\ncommands:\n${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? EXIT.OK : EXIT.USAGE;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n${usage()}`);
    return EXIT.USAGE;
  }
  return (await command.load()).run(args);
}

runMain('cli', () => main(process.argv.slice(2)));
