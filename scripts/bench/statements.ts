import type { SilverTableName } from '../../activities/warehouse/silver/tables';

/** Counts the Trino statements of the bench's ingestion context, by kind (the onStatement hook). */
export class StatementCounter {
  total = 0;
  stagingInserts = 0;
  readonly merges: Partial<Record<SilverTableName, number>> = {};
  /** Everything else, by leading keyword(s): CREATE TABLE, DROP TABLE, SELECT … */
  readonly other: Record<string, number> = {};
  private readonly stagingPrefix: string;
  private readonly mergePrefix: string;

  constructor(catalog: string, schema: string) {
    this.stagingPrefix = `INSERT INTO ${catalog}.${schema}_staging.`;
    this.mergePrefix = `MERGE INTO ${catalog}.${schema}.`;
  }

  readonly record = (sql: string): void => {
    this.total += 1;
    const s = sql.trimStart();
    if (s.startsWith(this.stagingPrefix)) {
      this.stagingInserts += 1;
      return;
    }
    if (s.startsWith(this.mergePrefix)) {
      const table = /^[a-z0-9_]+/.exec(s.slice(this.mergePrefix.length))?.[0] as SilverTableName;
      this.merges[table] = (this.merges[table] ?? 0) + 1;
      return;
    }
    const verb = /^(CREATE|DROP|ALTER)\s+(SCHEMA|TABLE|VIEW)|^\w+/i.exec(s)?.[0].toUpperCase().replace(/\s+/g, ' ') ?? '?';
    this.other[verb] = (this.other[verb] ?? 0) + 1;
  };

  get otherTotal(): number {
    return Object.values(this.other).reduce((a, b) => a + b, 0);
  }

  get mergeTotal(): number {
    return Object.values(this.merges).reduce((a, b) => a + (b ?? 0), 0);
  }
}
