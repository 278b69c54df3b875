import { heartbeat, sleep } from '@temporalio/activity';
import { s3Client, polarisRootClient, s3Credentials, trinoClient } from './clients';
import { CatalogServerKind, detectCatalogServer, nessieWarehouseExists } from './catalog/catalog-server';
import { PolarisClient, PIPELINE_PRIVILEGES } from './catalog/polaris-client';
import { principalSecretFile, readPrincipalCredentials, writePrincipalCredentials } from './catalog/secret-store';
import type { ActivityDeps } from './deps';
import { checkAll, ComponentHealth, healthTargets } from './infra/health';
import type { ServiceState } from './infra/provider';
import { ensureBucket as ensureS3Bucket, s3RoundTrip } from './storage/s3-client';
import { MigrationResult, runMigrations as applyMigrations } from './warehouse/migrations';
import { icebergCatalogProperties } from './warehouse/trino-catalog-properties';
import { icebergRoundTrip, RoundTripResult } from './warehouse/verify';

/**
 * FullSetup's activities. Each one "ensures": it checks what exists and changes only what is
 * missing, so any of them may run twice. Results are small summaries without secrets.
 */
export function createSetupActivities({ config, provider, log }: ActivityDeps) {
  const p = config.pipeline;

  async function catalogServer(): Promise<CatalogServerKind> {
    const kind = await detectCatalogServer(p.polaris.url);
    if (!kind) throw new Error(`No Iceberg REST catalog answers at ${p.polaris.url} (neither Polaris nor Nessie). Run \`npm run stack -- status\`.`);
    return kind;
  }

  return {
    async ensureInfrastructure(): Promise<{ provider: string; services: ServiceState[] }> {
      // Installs can run for minutes without a log line (a Maven build): heartbeat on a timer too.
      let last = 'starting';
      const timer = setInterval(() => heartbeat(last), 10_000);
      try {
        const services = await provider.ensureUp((msg) => {
          last = msg;
          log.info(msg);
          heartbeat(msg);
        });
        return { provider: provider.kind, services };
      } finally {
        clearInterval(timer);
      }
    },

    /** Polls every component until healthy (heartbeating), or fails naming what is down. */
    async waitUntilHealthy(): Promise<ComponentHealth[]> {
      const deadline = Date.now() + p.infrastructure.healthTimeoutSeconds * 1000;
      for (;;) {
        const health = await checkAll(healthTargets(p));
        const down = health.filter((h) => !h.healthy);
        if (down.length === 0) return health;
        const msg = `waiting for ${down.map((d) => `${d.name} (${d.detail ?? 'down'})`).join(', ')}`;
        heartbeat(msg);
        if (Date.now() > deadline) {
          throw new Error(`Services not healthy after ${p.infrastructure.healthTimeoutSeconds}s: ${msg}. Run \`npm run stack -- status\`.`);
        }
        await sleep(2000);
      }
    },

    async ensureBucket(): Promise<{ bucket: string; created: boolean }> {
      const s3 = s3Client(config);
      try {
        const created = await ensureS3Bucket(s3, p.s3.bucket);
        await s3RoundTrip(s3, p.s3.bucket, `_setup/round-trip-${Date.now()}.txt`);
        return { bucket: p.s3.bucket, created };
      } finally {
        s3.destroy();
      }
    },

    async ensureCatalog(): Promise<{ catalog: string; created: boolean; server: CatalogServerKind }> {
      const server = await catalogServer();
      if (server === 'nessie') {
        // Nessie serves the warehouses it was started with (infra/local/polaris.ts configures ours).
        if (!(await nessieWarehouseExists(p.polaris.url, p.polaris.catalog))) {
          throw new Error(`The Nessie catalog does not serve warehouse ${p.polaris.catalog}; restart it with \`npm run stack -- down && npm run stack -- up\`.`);
        }
        log.warn('catalog server is the Nessie stand-in: no Polaris catalog, principal or grants to manage');
        return { catalog: p.polaris.catalog, created: false, server };
      }
      const root = polarisRootClient(config);
      const created = await root.ensureCatalog(p.polaris.catalog, {
        bucket: p.s3.bucket,
        warehousePrefix: p.s3.warehousePrefix,
        endpoint: p.s3.endpoint,
        region: p.s3.region,
      });
      return { catalog: p.polaris.catalog, created, server };
    },

    /**
     * The pipeline's own principal with least-privilege grants. Its secret goes to a 0600 file
     * in the state dir; this activity returns only what changed.
     */
    async ensurePipelinePrincipal(): Promise<{
      principal: string;
      created: boolean;
      credentialsRotated: boolean;
      grantsAdded: string[];
      assignmentsAdded: number;
      /** Set when the catalog server has no principals (the Nessie stand-in). */
      skipped?: string;
    }> {
      if ((await catalogServer()) === 'nessie') {
        return {
          principal: p.polaris.principal,
          created: false,
          credentialsRotated: false,
          grantsAdded: [],
          assignmentsAdded: 0,
          skipped: 'the Nessie stand-in has no principals or grants',
        };
      }
      const root = polarisRootClient(config);
      const { principal, principalRole, catalogRole, catalog } = p.polaris;
      const secretFile = principalSecretFile(config.paths.stateDir, principal);

      let created = false;
      let credentialsRotated = false;
      if (!(await root.principalExists(principal))) {
        const creds = await root.createPrincipal(principal);
        if (creds) {
          await writePrincipalCredentials(secretFile, creds);
          created = true;
        }
      }
      let assignmentsAdded = 0;
      if (await root.ensurePrincipalRole(principalRole)) assignmentsAdded += 1;
      if (await root.ensureCatalogRole(catalog, catalogRole)) assignmentsAdded += 1;
      const grantsAdded = await root.ensureCatalogGrants(catalog, catalogRole, PIPELINE_PRIVILEGES);
      if (await root.ensurePrincipalHasRole(principal, principalRole)) assignmentsAdded += 1;
      if (await root.ensurePrincipalRoleHasCatalogRole(principalRole, catalog, catalogRole)) assignmentsAdded += 1;

      // Our copy of the secret must work; if it is missing or stale, rotate and store the new one.
      const stored = await readPrincipalCredentials(secretFile);
      const works =
        stored !== null &&
        (await new PolarisClient({ url: p.polaris.url, realm: p.polaris.realm, ...stored })
          .listNamespaces(catalog)
          .then(() => true)
          .catch(() => false));
      if (!works) {
        await writePrincipalCredentials(secretFile, await root.rotateCredentials(principal));
        credentialsRotated = true;
      }
      return { principal, created, credentialsRotated, grantsAdded, assignmentsAdded };
    },

    async configureTrinoAccess(): Promise<{ catalog: string; changed: boolean }> {
      const server = await catalogServer();
      let props: Record<string, string>;
      if (server === 'polaris') {
        const creds = await readPrincipalCredentials(principalSecretFile(config.paths.stateDir, p.polaris.principal));
        if (!creds) throw new Error('The pipeline principal has no stored credentials; run ensurePipelinePrincipal first (FullSetup does).');
        props = icebergCatalogProperties(config, { kind: 'polaris', principal: creds }, s3Credentials(config));
      } else {
        props = icebergCatalogProperties(config, { kind: server }, s3Credentials(config));
      }
      const { changed } = await provider.configureTrinoCatalog(p.trino.catalog, props);
      return { catalog: p.trino.catalog, changed };
    },

    async runMigrations(): Promise<MigrationResult> {
      const trino = trinoClient(config);
      return applyMigrations(trino, p.trino.catalog, p.trino.schema, (msg) => {
        log.info(msg);
        heartbeat(msg);
      });
    },

    async verifyRoundTrip(): Promise<RoundTripResult> {
      return icebergRoundTrip(trinoClient(config), p.trino.catalog);
    },
  };
}

export type SetupActivities = ReturnType<typeof createSetupActivities>;
