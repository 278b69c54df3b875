import { BasicAuth, Trino } from 'trino-client';

/** A failed Trino statement; `errorName` is Trino's (e.g. TABLE_NOT_FOUND, SCHEMA_NOT_FOUND). */
export class TrinoQueryError extends Error {
  override readonly name = 'TrinoQueryError';
  constructor(
    message: string,
    readonly errorName: string,
    readonly errorType: string,
    readonly queryId?: string,
  ) {
    super(message);
  }
}

/** Trino could not be reached at all (down, restarting): retryable. */
export class TrinoUnavailableError extends Error {
  override readonly name = 'TrinoUnavailableError';
}

export interface QueryResultSet {
  columns: string[];
  rows: unknown[][];
  /** Rows as objects keyed by column name. */
  records: Record<string, unknown>[];
  queryId?: string;
  updateCount?: number;
}

export interface TrinoOptions {
  url: string;
  user: string;
  catalog?: string;
  schema?: string;
  /** Counts statements, for the benchmark and for tests that assert batching. */
  onStatement?: (sql: string) => void;
}

/**
 * Thin wrapper over `trino-client`: that library reports SQL errors inside the result instead of
 * throwing, so every page is checked here and turned into a TrinoQueryError.
 */
export class TrinoClient {
  private readonly trino: Trino;
  statements = 0;

  constructor(private readonly options: TrinoOptions) {
    this.trino = Trino.create({
      server: options.url,
      catalog: options.catalog,
      schema: options.schema,
      source: 'movie-ratings-lakehouse',
      auth: new BasicAuth(options.user),
    });
  }

  async query(statement: string, signal?: AbortSignal): Promise<QueryResultSet> {
    this.statements += 1;
    this.options.onStatement?.(statement);
    let iterator;
    try {
      iterator = await this.trino.query(statement);
    } catch (err) {
      throw new TrinoUnavailableError(`Trino at ${this.options.url} is unreachable: ${(err as Error).message}`);
    }
    const columns: string[] = [];
    const rows: unknown[][] = [];
    let queryId: string | undefined;
    let updateCount: number | undefined;
    try {
      for await (const page of iterator) {
        queryId = page.id;
        if (signal?.aborted) {
          await this.trino.cancel(page.id).catch(() => undefined);
          throw signal.reason ?? new Error('Trino query aborted');
        }
        if (page.error) {
          throw new TrinoQueryError(
            `Trino ${page.error.errorName}: ${page.error.message}`,
            page.error.errorName,
            page.error.errorType,
            page.id,
          );
        }
        if (page.columns && columns.length === 0) columns.push(...page.columns.map((c) => c.name));
        if (page.data) rows.push(...page.data);
        const uc = (page as { updateCount?: number }).updateCount;
        if (typeof uc === 'number') updateCount = uc;
      }
    } catch (err) {
      if (err instanceof TrinoQueryError) throw err;
      if ((err as { name?: string }).name === 'AbortError' || signal?.aborted) throw err;
      throw new TrinoUnavailableError(`Trino at ${this.options.url} failed mid-query: ${(err as Error).message}`);
    }
    const records = rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])));
    return { columns, rows, records, queryId, updateCount };
  }

  /** Runs statements one after another (Trino takes one statement per request). */
  async run(statements: string[], signal?: AbortSignal): Promise<void> {
    for (const s of statements) await this.query(s, signal);
  }
}
