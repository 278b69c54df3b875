/**
 * Polaris management + OAuth client: just the calls FullSetup and status need, each "ensure"
 * idempotent (409 Conflict on create means it already exists).
 */

export class PolarisError extends Error {
  override readonly name = 'PolarisError';
  constructor(
    message: string,
    readonly status: number,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export interface PolarisClientOptions {
  /** e.g. http://127.0.0.1:8181 */
  url: string;
  realm: string;
  clientId: string;
  clientSecret: string;
  timeoutMs?: number;
}

export interface S3StorageConfig {
  bucket: string;
  warehousePrefix: string;
  endpoint: string;
  region: string;
}

/** Catalog-level privileges of the pipeline's catalog role: content, never access management. */
export const PIPELINE_PRIVILEGES = [
  'NAMESPACE_FULL_METADATA',
  'TABLE_FULL_METADATA',
  'VIEW_FULL_METADATA',
  'TABLE_READ_DATA',
  'TABLE_WRITE_DATA',
] as const;

export interface PrincipalCredentials {
  clientId: string;
  clientSecret: string;
}

export class PolarisClient {
  private token?: { value: string; expiresAt: number };

  constructor(private readonly o: PolarisClientOptions) {}

  private async request(method: string, path: string, body?: unknown, auth = true): Promise<{ status: number; json: unknown }> {
    const headers: Record<string, string> = { Accept: 'application/json', 'Polaris-Realm': this.o.realm };
    if (auth) headers.Authorization = `Bearer ${await this.accessToken()}`;
    let payload: string | undefined;
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let res: Response;
    try {
      res = await fetch(`${this.o.url}${path}`, {
        method,
        headers,
        body: payload,
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 30_000),
      });
    } catch (err) {
      throw new PolarisError(`Polaris at ${this.o.url} is unreachable (${method} ${path}): ${(err as Error).message}`, 0, true);
    }
    const text = await res.text();
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: res.status, json };
  }

  private fail(what: string, status: number, json: unknown): never {
    const msg =
      (json as { error?: { message?: string } })?.error?.message ??
      (typeof json === 'string' ? json.slice(0, 300) : JSON.stringify(json)?.slice(0, 300));
    throw new PolarisError(`Polaris ${what} failed with HTTP ${status}: ${msg}`, status, status >= 500 || status === 429);
  }

  async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now() + 30_000) return this.token.value;
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.o.clientId,
      client_secret: this.o.clientSecret,
      scope: 'PRINCIPAL_ROLE:ALL',
    });
    let res: Response;
    try {
      res = await fetch(`${this.o.url}/api/catalog/v1/oauth/tokens`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Polaris-Realm': this.o.realm },
        body: form.toString(),
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 30_000),
      });
    } catch (err) {
      throw new PolarisError(`Polaris at ${this.o.url} is unreachable (token): ${(err as Error).message}`, 0, true);
    }
    const json = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number };
    if (res.status === 401 || res.status === 400 || res.status === 403) {
      throw new PolarisError(
        `Polaris rejected the client credentials (HTTP ${res.status}); check POLARIS_ROOT_CLIENT_ID/POLARIS_ROOT_CLIENT_SECRET or the pipeline principal's secret file`,
        res.status,
        false,
      );
    }
    if (!res.ok || !json.access_token) this.fail('token request', res.status, json);
    this.token = { value: json.access_token, expiresAt: Date.now() + (json.expires_in ?? 3600) * 1000 };
    return json.access_token;
  }

  async getCatalog(name: string): Promise<Record<string, unknown> | null> {
    const r = await this.request('GET', `/api/management/v1/catalogs/${encodeURIComponent(name)}`);
    if (r.status === 404) return null;
    if (r.status !== 200) this.fail(`get catalog ${name}`, r.status, r.json);
    return r.json as Record<string, unknown>;
  }

  /** Creates the catalog unless it exists. Returns true when it was created. */
  async ensureCatalog(name: string, s3: S3StorageConfig): Promise<boolean> {
    if (await this.getCatalog(name)) return false;
    const base = `s3://${s3.bucket}/${s3.warehousePrefix}`;
    const r = await this.request('POST', '/api/management/v1/catalogs', {
      catalog: {
        name,
        type: 'INTERNAL',
        properties: { 'default-base-location': `${base}/${name}` },
        storageConfigInfo: {
          storageType: 'S3',
          allowedLocations: [`${base}/`],
          endpoint: s3.endpoint,
          endpointInternal: s3.endpoint,
          pathStyleAccess: true,
          region: s3.region,
          // The local S3 server has no STS: Trino brings its own S3 keys instead of vended ones.
          stsUnavailable: true,
        },
      },
    });
    if (r.status === 409) return false;
    if (r.status !== 201 && r.status !== 200) this.fail(`create catalog ${name}`, r.status, r.json);
    return true;
  }

  async principalExists(name: string): Promise<boolean> {
    const r = await this.request('GET', `/api/management/v1/principals/${encodeURIComponent(name)}`);
    if (r.status === 404) return false;
    if (r.status !== 200) this.fail(`get principal ${name}`, r.status, r.json);
    return true;
  }

  /** Creates the principal; Polaris returns its credentials only in this response. */
  async createPrincipal(name: string): Promise<PrincipalCredentials | null> {
    const r = await this.request('POST', '/api/management/v1/principals', {
      principal: { name, properties: { purpose: 'movie-ratings-lakehouse pipeline' } },
      credentialRotationRequired: false,
    });
    if (r.status === 409) return null;
    if (r.status !== 201 && r.status !== 200) this.fail(`create principal ${name}`, r.status, r.json);
    return credentialsOf(r.json);
  }

  /** New credentials for an existing principal (when ours were lost). */
  async rotateCredentials(name: string): Promise<PrincipalCredentials> {
    const r = await this.request('POST', `/api/management/v1/principals/${encodeURIComponent(name)}/rotate`);
    if (r.status !== 200 && r.status !== 201) this.fail(`rotate credentials of ${name}`, r.status, r.json);
    return credentialsOf(r.json);
  }

  async ensurePrincipalRole(name: string): Promise<boolean> {
    const r = await this.request('POST', '/api/management/v1/principal-roles', { principalRole: { name } });
    if (r.status === 409) return false;
    if (r.status !== 201 && r.status !== 200) this.fail(`create principal role ${name}`, r.status, r.json);
    return true;
  }

  async ensureCatalogRole(catalog: string, name: string): Promise<boolean> {
    const r = await this.request('POST', `/api/management/v1/catalogs/${encodeURIComponent(catalog)}/catalog-roles`, {
      catalogRole: { name },
    });
    if (r.status === 409) return false;
    if (r.status !== 201 && r.status !== 200) this.fail(`create catalog role ${name}`, r.status, r.json);
    return true;
  }

  async catalogRoleGrants(catalog: string, role: string): Promise<string[]> {
    const r = await this.request(
      'GET',
      `/api/management/v1/catalogs/${encodeURIComponent(catalog)}/catalog-roles/${encodeURIComponent(role)}/grants`,
    );
    if (r.status !== 200) this.fail(`list grants of ${role}`, r.status, r.json);
    const grants = (r.json as { grants?: { type?: string; privilege?: string }[] }).grants ?? [];
    return grants.filter((g) => g.type === 'catalog').map((g) => String(g.privilege));
  }

  /** Grants missing catalog-level privileges; returns those added. */
  async ensureCatalogGrants(catalog: string, role: string, privileges: readonly string[]): Promise<string[]> {
    const have = new Set(await this.catalogRoleGrants(catalog, role));
    const added: string[] = [];
    for (const privilege of privileges) {
      if (have.has(privilege)) continue;
      const r = await this.request(
        'PUT',
        `/api/management/v1/catalogs/${encodeURIComponent(catalog)}/catalog-roles/${encodeURIComponent(role)}/grants`,
        { grant: { type: 'catalog', privilege } },
      );
      if (r.status !== 201 && r.status !== 200 && r.status !== 204) this.fail(`grant ${privilege} to ${role}`, r.status, r.json);
      added.push(privilege);
    }
    return added;
  }

  async ensurePrincipalHasRole(principal: string, principalRole: string): Promise<boolean> {
    const list = await this.request('GET', `/api/management/v1/principals/${encodeURIComponent(principal)}/principal-roles`);
    if (list.status !== 200) this.fail(`list roles of ${principal}`, list.status, list.json);
    const roles = (list.json as { roles?: { name: string }[] }).roles ?? [];
    if (roles.some((r) => r.name === principalRole)) return false;
    const r = await this.request('PUT', `/api/management/v1/principals/${encodeURIComponent(principal)}/principal-roles`, {
      principalRole: { name: principalRole },
    });
    if (r.status !== 201 && r.status !== 200 && r.status !== 204) this.fail(`assign ${principalRole}`, r.status, r.json);
    return true;
  }

  async ensurePrincipalRoleHasCatalogRole(principalRole: string, catalog: string, catalogRole: string): Promise<boolean> {
    const path = `/api/management/v1/principal-roles/${encodeURIComponent(principalRole)}/catalog-roles/${encodeURIComponent(catalog)}`;
    const list = await this.request('GET', path);
    if (list.status !== 200) this.fail(`list catalog roles of ${principalRole}`, list.status, list.json);
    const roles = (list.json as { roles?: { name: string }[] }).roles ?? [];
    if (roles.some((r) => r.name === catalogRole)) return false;
    const r = await this.request('PUT', path, { catalogRole: { name: catalogRole } });
    if (r.status !== 201 && r.status !== 200 && r.status !== 204) this.fail(`assign ${catalogRole} to ${principalRole}`, r.status, r.json);
    return true;
  }

  /** Namespaces of a catalog through the Iceberg REST API (also proves the caller can read it). */
  async listNamespaces(catalog: string): Promise<string[][]> {
    const r = await this.request('GET', `/api/catalog/v1/${encodeURIComponent(catalog)}/namespaces`);
    if (r.status !== 200) this.fail(`list namespaces of ${catalog}`, r.status, r.json);
    return ((r.json as { namespaces?: string[][] }).namespaces ?? []) as string[][];
  }

  async listTables(catalog: string, namespace: string): Promise<string[]> {
    const r = await this.request(
      'GET',
      `/api/catalog/v1/${encodeURIComponent(catalog)}/namespaces/${encodeURIComponent(namespace)}/tables`,
    );
    if (r.status === 404) return [];
    if (r.status !== 200) this.fail(`list tables of ${catalog}.${namespace}`, r.status, r.json);
    return ((r.json as { identifiers?: { name: string }[] }).identifiers ?? []).map((i) => i.name);
  }
}

function credentialsOf(json: unknown): PrincipalCredentials {
  const c = (json as { credentials?: { clientId?: string; clientSecret?: string } })?.credentials;
  if (!c?.clientId || !c?.clientSecret) {
    throw new PolarisError('Polaris returned no credentials for the principal', 200, false);
  }
  return { clientId: c.clientId, clientSecret: c.clientSecret };
}
