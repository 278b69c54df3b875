/**
 * The one place where values become SQL text. Trino (like the SQL standard) has no backslash
 * escapes in ordinary string literals, so doubling single quotes is the whole escaping rule;
 * control characters go through a Unicode-escaped literal (U&'...') so that no byte of the
 * input can end a statement, a comment or a line of the query log.
 */

const IDENTIFIER = /^[a-z][a-z0-9_]{0,62}$/;

export class SqlEncodingError extends Error {
  override readonly name = 'SqlEncodingError';
}

/** Identifiers come only from validated config; anything else is refused, not quoted. */
export function ident(name: string): string {
  if (!IDENTIFIER.test(name)) throw new SqlEncodingError(`Refusing unsafe SQL identifier "${name}"`);
  return name;
}

/** `catalog.schema.table`, each part validated. */
export function qualified(...parts: string[]): string {
  return parts.map(ident).join('.');
}

// Anything outside printable ASCII/Unicode text that could confuse a log or a terminal.
// eslint-disable-next-line no-control-regex
const NEEDS_UNICODE_ESCAPE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ud800-\udfff]/u;

function unicodeEscaped(value: string): string {
  let out = '';
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    // Lone surrogates cannot exist in UTF-8 text; they become U+FFFD like any UTF-8 encoder does.
    const code = cp >= 0xd800 && cp <= 0xdfff ? 0xfffd : cp;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "''";
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else if (code <= 0xffff) out += `\\${code.toString(16).padStart(4, '0')}`;
    else out += `\\+${code.toString(16).padStart(6, '0')}`;
  }
  return `U&'${out}'`;
}

export function sqlString(value: string): string {
  if (NEEDS_UNICODE_ESCAPE.test(value)) return unicodeEscaped(value);
  return `'${value.replace(/'/g, "''")}'`;
}

export type SqlValue =
  | { type: 'varchar'; value: string | null }
  | { type: 'bigint'; value: number | bigint | null }
  | { type: 'integer'; value: number | null }
  | { type: 'double'; value: number | null }
  | { type: 'boolean'; value: boolean | null }
  | { type: 'date'; value: string | null }
  | { type: 'timestamptz'; value: string | Date | null }
  | { type: 'array_varchar'; value: readonly string[] | null };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function integerText(value: number | bigint, type: string): string {
  if (typeof value === 'bigint') return value.toString();
  if (!Number.isSafeInteger(value)) throw new SqlEncodingError(`${type} value ${value} is not a safe integer`);
  return String(value);
}

/** Encodes one typed value as a Trino literal (always typed, so NULLs and arrays keep their type). */
export function sqlValue(v: SqlValue): string {
  if (v.value === null || v.value === undefined) {
    const t = {
      varchar: 'varchar',
      bigint: 'bigint',
      integer: 'integer',
      double: 'double',
      boolean: 'boolean',
      date: 'date',
      timestamptz: 'timestamp(6) with time zone',
      array_varchar: 'array(varchar)',
    }[v.type];
    return `CAST(NULL AS ${t})`;
  }
  switch (v.type) {
    case 'varchar':
      return sqlString(v.value);
    case 'bigint':
      return `BIGINT '${integerText(v.value, 'bigint')}'`;
    case 'integer':
      return `INTEGER '${integerText(v.value, 'integer')}'`;
    case 'double':
      if (!Number.isFinite(v.value)) throw new SqlEncodingError(`double value ${v.value} is not finite`);
      return `DOUBLE '${v.value}'`;
    case 'boolean':
      return v.value ? 'TRUE' : 'FALSE';
    case 'date':
      if (!DATE.test(v.value)) throw new SqlEncodingError(`date value "${v.value}" is not YYYY-MM-DD`);
      return `DATE '${v.value}'`;
    case 'timestamptz': {
      const d = v.value instanceof Date ? v.value : new Date(v.value);
      if (Number.isNaN(d.getTime())) throw new SqlEncodingError(`timestamp value "${String(v.value)}" is invalid`);
      // Trino accepts 'YYYY-MM-DD HH:MM:SS.ffffff UTC'.
      return `TIMESTAMP '${d.toISOString().replace('T', ' ').replace('Z', '')} UTC'`;
    }
    case 'array_varchar':
      return v.value.length === 0 ? 'CAST(ARRAY[] AS array(varchar))' : `ARRAY[${v.value.map(sqlString).join(', ')}]`;
  }
}

export const sql = {
  varchar: (value: string | null): SqlValue => ({ type: 'varchar', value }),
  bigint: (value: number | bigint | null): SqlValue => ({ type: 'bigint', value }),
  integer: (value: number | null): SqlValue => ({ type: 'integer', value }),
  double: (value: number | null): SqlValue => ({ type: 'double', value }),
  boolean: (value: boolean | null): SqlValue => ({ type: 'boolean', value }),
  date: (value: string | null): SqlValue => ({ type: 'date', value }),
  timestamptz: (value: string | Date | null): SqlValue => ({ type: 'timestamptz', value }),
  arrayVarchar: (value: readonly string[] | null): SqlValue => ({ type: 'array_varchar', value }),
};

/** `(v1, v2, ...)` for a VALUES list. */
export function sqlRow(values: SqlValue[]): string {
  return `(${values.map(sqlValue).join(', ')})`;
}
