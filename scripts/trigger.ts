/**
 * CI trigger: start a workflow, optionally wait, exit non-zero if it fails.
 *
 *   npx ts-node scripts/trigger.ts <Workflow> [--input JSON] [--id ID] [--wait]
 *
 * Connects with the @temporalio/envconfig variables (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE,
 * TEMPORAL_API_KEY...). Exit codes: 0 started (or succeeded with --wait), 1 workflow failed or
 * Temporal unreachable, 2 bad arguments or configuration.
 */
import { parseArgs } from 'node:util';
import { WorkflowFailedError } from '@temporalio/client';
import { ConfigError, loadConfig, workflowNameSchema } from '../config';
import { EXIT } from './exit-codes';
import { connectClient, workflowUiUrl } from './temporal-client';

const USAGE = `usage: npx ts-node scripts/trigger.ts <${workflowNameSchema.options.join('|')}> [--input JSON] [--id ID] [--wait]`;

export async function trigger(argv: string[], out = process.stdout, err = process.stderr): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { input: { type: 'string' }, id: { type: 'string' }, wait: { type: 'boolean', default: false }, help: { type: 'boolean' } },
    });
  } catch (e) {
    err.write(`${(e as Error).message}\n${USAGE}\n`);
    return EXIT.USAGE;
  }
  if (parsed.values.help) {
    out.write(`${USAGE}\n`);
    return EXIT.OK;
  }
  const [workflow, ...extra] = parsed.positionals;
  const name = workflowNameSchema.safeParse(workflow);
  if (!name.success || extra.length) {
    err.write(`${workflow ? `Unknown workflow "${workflow}".` : 'Missing workflow name.'}\n${USAGE}\n`);
    return EXIT.USAGE;
  }
  let args: unknown[] = [];
  if (parsed.values.input !== undefined) {
    try {
      const value: unknown = JSON.parse(parsed.values.input);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('must be a JSON object');
      args = [value];
    } catch (e) {
      err.write(`--input is not a valid JSON object: ${(e as Error).message}\n`);
      return EXIT.USAGE;
    }
  }

  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      err.write(`${e.message}\n`);
      return EXIT.USAGE;
    }
    throw e;
  }

  let conn;
  try {
    conn = await connectClient(config);
  } catch (e) {
    err.write(`Cannot reach Temporal: ${(e as Error).message}\nIs it running? Try \`npm run stack -- up\`.\n`);
    return EXIT.FAILURE;
  }
  try {
    const workflowId = parsed.values.id ?? `${name.data}-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    const handle = await conn.client.workflow.start(name.data, {
      taskQueue: config.pipeline.temporal.taskQueue,
      workflowId,
      args,
    });
    out.write(`workflow id: ${handle.workflowId}\nrun id:      ${handle.firstExecutionRunId}\nweb ui:      ${workflowUiUrl(config, conn.namespace, handle.workflowId, handle.firstExecutionRunId)}\n`);
    if (!parsed.values.wait) return EXIT.OK;
    try {
      const result = await handle.result();
      out.write(`completed: ${JSON.stringify(result)}\n`);
      return EXIT.OK;
    } catch (e) {
      if (e instanceof WorkflowFailedError) {
        const cause = e.cause as { message?: string; type?: string } | undefined;
        err.write(`workflow failed: ${cause?.type ? `[${cause.type}] ` : ''}${cause?.message ?? e.message}\n`);
        return EXIT.FAILURE;
      }
      throw e;
    }
  } catch (e) {
    err.write(`trigger failed: ${(e as Error).message}\n`);
    return EXIT.FAILURE;
  } finally {
    await conn.connection.close();
  }
}

if (require.main === module) {
  trigger(process.argv.slice(2)).then((code) => process.exit(code));
}
