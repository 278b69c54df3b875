/**
 * `npm run cli -- status [--json]`: every component up/down with version and latency, the Polaris
 * catalog and the tables. Exit 0 only when everything is healthy; otherwise says what to run.
 */
import { loadConfig } from '../../config';
import { polarisRootClient, trinoClient } from '../../activities/clients';
import { nessieWarehouseExists } from '../../activities/catalog/catalog-server';
import { checkAll, healthTargets } from '../../activities/infra/health';
import { EXPECTED_RELATIONS } from '../../activities/warehouse/migrations';
import { ident } from '../../activities/warehouse/sql';
import { listSchedules } from '../../activities/schedules';
import { EXIT } from '../exit-codes';
import { connectClient } from '../temporal-client';

interface Line {
  component: string;
  ok: boolean;
  text: string;
}

export async function run(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const unknown = args.filter((a) => a !== '--json');
  if (unknown.length) {
    process.stderr.write(`status: unknown argument ${unknown[0]}\nusage: npm run cli -- status [--json]\n`);
    return EXIT.USAGE;
  }
  const config = loadConfig();
  const p = config.pipeline;
  const lines: Line[] = [];
  const health = await checkAll(healthTargets(p));
  for (const h of health) {
    lines.push({
      component: h.name,
      ok: h.healthy,
      text: `${h.healthy ? 'up' : 'DOWN'}  ${h.url}${h.server ? `  ${h.server}` : ''}${h.version ? `  v${h.version}` : ''}  ${h.latencyMs} ms${h.detail ? `  (${h.detail})` : ''}`,
    });
  }
  const up = new Map(health.map((h) => [h.name, h.healthy]));

  const catalogHealth = health.find((h) => h.name === 'catalog');
  if (catalogHealth?.healthy) {
    try {
      const present =
        catalogHealth.server === 'nessie'
          ? await nessieWarehouseExists(p.polaris.url, p.polaris.catalog)
          : (await polarisRootClient(config).getCatalog(p.polaris.catalog)) !== null;
      lines.push({ component: 'warehouse', ok: present, text: present ? `${p.polaris.catalog} present` : `${p.polaris.catalog} MISSING` });
    } catch (err) {
      lines.push({ component: 'warehouse', ok: false, text: `cannot check: ${(err as Error).message}` });
    }
  } else {
    lines.push({ component: 'warehouse', ok: false, text: 'unknown (the catalog server is down)' });
  }

  if (up.get('trino')) {
    try {
      const res = await trinoClient(config).query(`SHOW TABLES FROM ${ident(p.trino.catalog)}.${ident(p.trino.schema)}`);
      const have = new Set(res.rows.map((r) => String(r[0])));
      const missing = EXPECTED_RELATIONS.filter((t) => !have.has(t));
      lines.push({
        component: 'tables',
        ok: missing.length === 0,
        text: missing.length ? `missing in ${p.trino.catalog}.${p.trino.schema}: ${missing.join(', ')}` : `${EXPECTED_RELATIONS.length} present in ${p.trino.catalog}.${p.trino.schema}`,
      });
    } catch (err) {
      lines.push({ component: 'tables', ok: false, text: `cannot list: ${(err as Error).message.split('\n')[0]}` });
    }
  } else {
    lines.push({ component: 'tables', ok: false, text: 'unknown (Trino is down)' });
  }

  // Schedules are informational: a stack that is set up but not yet scheduled is still healthy.
  const info: string[] = [];
  if (up.get('temporal')) {
    try {
      const { client, connection } = await connectClient(config);
      try {
        const rows = await listSchedules(client, p);
        const applied = rows.filter((r) => r.applied && r.declared);
        const paused = applied.filter((r) => r.paused).length;
        info.push(
          `schedules ${applied.length}/${rows.filter((r) => r.declared).length} applied, ${paused} paused` +
            (applied.length < rows.filter((r) => r.declared).length ? ' (run `npm run cli -- schedules apply`)' : ''),
        );
        for (const r of applied) info.push(`  ${r.id.padEnd(16)} next ${r.nextRun?.toISOString() ?? '-'}  last run: ${r.lastRun}`);
      } finally {
        await connection.close();
      }
    } catch (err) {
      info.push(`schedules: cannot list (${(err as Error).message.split('\n')[0]})`);
    }
  }

  const healthy = lines.every((l) => l.ok);
  if (json) {
    process.stdout.write(`${JSON.stringify({ healthy, components: lines, schedules: info }, null, 2)}\n`);
  } else {
    for (const l of lines) process.stdout.write(`${l.ok ? '✔' : '✘'} ${l.component.padEnd(9)} ${l.text}\n`);
    for (const i of info) process.stdout.write(`· ${i}\n`);
    process.stdout.write(`Temporal Web UI: ${p.temporal.uiUrl}\n`);
    if (!healthy) {
      const servicesDown = health.filter((h) => !h.healthy).map((h) => h.name);
      process.stdout.write(
        servicesDown.length
          ? `\nNot healthy: ${servicesDown.join(', ')}. Run \`npm run stack -- up\` (or check \`npm run stack -- status\` for logs).\n`
          : '\nServices are up but setup is incomplete. Run `npm start` (or `npm run trigger -- FullSetup --wait` with a worker running).\n',
      );
    }
  }
  return healthy ? EXIT.OK : EXIT.FAILURE;
}
