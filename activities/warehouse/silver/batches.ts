/**
 * Splits encoded VALUES rows into INSERT statements bounded by row count and by SQL text size,
 * so a batch of long texts (a 10 kB overview escaped into U&'...' grows several-fold) never
 * reaches Trino's query.max-length (1,000,000 characters by default).
 */

export const DEFAULT_MAX_STATEMENT_CHARS = 400_000;

export class BatchTooLargeError extends Error {
  override readonly name = 'BatchTooLargeError';
}

export interface BatchLimits {
  maxRows: number;
  maxChars: number;
}

/** `head` is the statement up to VALUES (e.g. `INSERT INTO t (a, b) VALUES `); rows are `(…)` texts. */
export function insertStatements(head: string, rows: readonly string[], limits: BatchLimits): string[] {
  if (!(limits.maxRows >= 1) || !(limits.maxChars > head.length)) throw new BatchTooLargeError(`Invalid batch limits ${JSON.stringify(limits)}`);
  const out: string[] = [];
  let current: string[] = [];
  let size = head.length;
  const flush = () => {
    if (current.length) out.push(head + current.join(', '));
    current = [];
    size = head.length;
  };
  for (const row of rows) {
    if (head.length + row.length > limits.maxChars) {
      throw new BatchTooLargeError(`One row encodes to ${row.length} characters, over the ${limits.maxChars}-character statement limit`);
    }
    const added = row.length + (current.length ? 2 : 0);
    if (current.length >= limits.maxRows || size + added > limits.maxChars) flush();
    size += row.length + (current.length ? 2 : 0);
    current.push(row);
  }
  flush();
  return out;
}
