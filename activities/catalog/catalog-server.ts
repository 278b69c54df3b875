/**
 * Which Iceberg REST catalog answers at `polaris.url`: Apache Polaris (the design's choice, with
 * its management API: catalogs, principals, roles, grants, OAuth2), or Project Nessie, the
 * stand-in the local stack runs where Polaris cannot be installed (its modules are missing from
 * the Maven repository; see infra/polaris-server/README.md). Nessie has no management API and no
 * auth, so FullSetup's principal and grant steps apply to Polaris only.
 */
export type CatalogServerKind = 'polaris' | 'nessie';

export async function detectCatalogServer(url: string, timeoutMs = 5000): Promise<CatalogServerKind | null> {
  const base = url.replace(/\/$/, '');
  const probe = async (path: string) => {
    try {
      const res = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(timeoutMs) });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return 0;
    }
  };
  // Polaris' Iceberg config endpoint wants a token (401); Nessie has no /api/catalog at all.
  const polaris = await probe('/api/catalog/v1/config');
  if (polaris === 401 || polaris === 403 || polaris === 200 || polaris === 400) return 'polaris';
  const nessie = await probe('/iceberg/v1/config');
  if (nessie === 200) return 'nessie';
  return null;
}

/** The Iceberg REST base URL Trino uses for each server. */
export function icebergRestUri(kind: CatalogServerKind, url: string): string {
  const base = url.replace(/\/$/, '');
  return kind === 'polaris' ? `${base}/api/catalog` : `${base}/iceberg`;
}

/** Nessie serves the warehouses it was started with; "ensuring" one means checking it answers. */
export async function nessieWarehouseExists(url: string, warehouse: string, timeoutMs = 5000): Promise<boolean> {
  const res = await fetch(`${url.replace(/\/$/, '')}/iceberg/v1/config?warehouse=${encodeURIComponent(warehouse)}`, {
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = (await res.json().catch(() => ({}))) as { defaults?: { prefix?: string } };
  return res.status === 200 && typeof body.defaults?.prefix === 'string' && body.defaults.prefix.endsWith(warehouse);
}
