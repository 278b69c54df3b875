import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadedConfig } from '../../config';
import { catalogPorts, createNessieService, createPolarisService, polarisKnownUnavailable, quarkusHealth } from './polaris';
import type { ServiceContext, ServiceDefinition } from './types';

export type CatalogServerChoice = 'polaris' | 'nessie';

/** Which server the catalog service last installed, kept beside its data. */
function choiceFile(dir: string): string {
  return join(dir, 'server');
}

function recordedChoice(dir: string): CatalogServerChoice | undefined {
  const f = choiceFile(dir);
  if (!existsSync(f)) return undefined;
  const v = readFileSync(f, 'utf8').trim();
  return v === 'polaris' || v === 'nessie' ? v : undefined;
}

/**
 * The local stack's Iceberg REST catalog, one service named `catalog` on the Polaris ports.
 * `infrastructure.catalogServer`: `polaris` (Apache Polaris only), `nessie` (the stand-in only),
 * or `auto`: Polaris when it can be built from the Maven repository, else Nessie, said loudly.
 * (Polaris' modules are missing from the Maven repository these machines use: see
 * infra/polaris-server/README.md.)
 */
export function createCatalogService(config: LoadedConfig): ServiceDefinition {
  const wanted = config.pipeline.infrastructure.catalogServer;
  const polaris = createPolarisService(config);
  const nessie = createNessieService(config);
  const { host, port, managementPort } = catalogPorts(config);
  let chosen: CatalogServerChoice | undefined = wanted === 'auto' ? undefined : wanted;
  const impl = (ctx: ServiceContext) => {
    const c = chosen ?? recordedChoice(ctx.dir) ?? 'polaris';
    return c === 'polaris' ? polaris : nessie;
  };

  return {
    name: 'catalog',
    url: config.pipeline.polaris.url,
    listens: [
      { host, port },
      { host, port: managementPort },
    ],
    async install(ctx) {
      if (!chosen) {
        const known = await polarisKnownUnavailable(ctx.config);
        if (known) {
          chosen = 'nessie';
        } else {
          try {
            await polaris.install(ctx);
            chosen = 'polaris';
          } catch (err) {
            ctx.log(`  catalog: ${(err as Error).message}`);
            chosen = 'nessie';
          }
        }
        if (chosen === 'nessie') {
          ctx.log('  catalog: using the Nessie stand-in (Iceberg REST, no Polaris management API); set infrastructure.catalogServer to force one');
        }
      }
      await (chosen === 'polaris' ? polaris : nessie).install(ctx);
      await mkdir(ctx.dir, { recursive: true });
      await writeFile(choiceFile(ctx.dir), `${chosen}\n`);
    },
    async prepare(ctx) {
      await impl(ctx).prepare?.(ctx);
    },
    launch: (ctx) => impl(ctx).launch(ctx),
    // Liveness works for both servers (and does not need the bucket FullSetup creates later).
    health: () => quarkusHealth(config.pipeline.polaris.managementUrl, 'catalog', '/q/health/live'),
    startTimeoutMs: polaris.startTimeoutMs,
  };
}
