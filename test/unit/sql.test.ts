import { ident, qualified, sql, sqlRow, sqlString, sqlValue, SqlEncodingError } from '../../activities/warehouse/sql';

describe('sql value encoder', () => {
  it('doubles single quotes and leaves backslashes alone (Trino has no backslash escapes)', () => {
    expect(sqlString("O'Brien")).toBe("'O''Brien'");
    expect(sqlString('a\\b')).toBe("'a\\b'");
    expect(sqlString("';--")).toBe("'''" + ";--'");
  });

  it('keeps printable unicode as is', () => {
    expect(sqlString('Amélie 東京 🎬')).toBe("'Amélie 東京 🎬'");
  });

  it('switches to a unicode-escaped literal for control characters', () => {
    expect(sqlString("a\nb'c\\d")).toBe("U&'a\\000ab''c\\\\d'");
    expect(sqlString('\u0000')).toBe("U&'\\0000'");
    expect(sqlString('x\u2028🎬\n')).toBe("U&'x\\2028\\+01f3ac\\000a'");
  });

  it('replaces lone surrogates, which cannot be stored as UTF-8', () => {
    expect(sqlString('a\ud800b')).toBe("U&'a\\fffdb'");
  });

  it('never lets a quote end the literal early', () => {
    const hostile = ["'", "''", "\\'", "'; DROP TABLE movies; --", "\\''\n--", "'\u0000'"];
    for (const h of hostile) {
      const lit = sqlString(h);
      const body = lit.startsWith("U&'") ? lit.slice(3, -1) : lit.slice(1, -1);
      // Inside the literal every quote is doubled, so removing pairs leaves none.
      expect(body.replace(/''/g, '')).not.toContain("'");
    }
  });

  it('types every value, NULLs included', () => {
    expect(sqlValue(sql.varchar(null))).toBe('CAST(NULL AS varchar)');
    expect(sqlValue(sql.bigint(42))).toBe("BIGINT '42'");
    expect(sqlValue(sql.bigint(2n ** 60n))).toBe(`BIGINT '${2n ** 60n}'`);
    expect(sqlValue(sql.double(7.6))).toBe("DOUBLE '7.6'");
    expect(sqlValue(sql.date('2024-02-29'))).toBe("DATE '2024-02-29'");
    expect(sqlValue(sql.timestamptz('2026-11-27T05:00:00.123Z'))).toBe("TIMESTAMP '2026-11-27 05:00:00.123 UTC'");
    expect(sqlValue(sql.arrayVarchar([]))).toBe('CAST(ARRAY[] AS array(varchar))');
    expect(sqlValue(sql.arrayVarchar(["a'b", 'c']))).toBe("ARRAY['a''b', 'c']");
    expect(sqlValue(sql.boolean(false))).toBe('FALSE');
    expect(sqlRow([sql.integer(1), sql.varchar('x')])).toBe("(INTEGER '1', 'x')");
  });

  it('refuses values that would not round-trip', () => {
    expect(() => sqlValue(sql.bigint(1.5))).toThrow(SqlEncodingError);
    expect(() => sqlValue(sql.double(Number.NaN))).toThrow(SqlEncodingError);
    expect(() => sqlValue(sql.date("2024-01-01'; --"))).toThrow(SqlEncodingError);
    expect(() => sqlValue(sql.timestamptz('not a time'))).toThrow(SqlEncodingError);
  });

  it('accepts only boring identifiers', () => {
    expect(ident('movies')).toBe('movies');
    expect(qualified('iceberg', 'movies', 'rating_observations')).toBe('iceberg.movies.rating_observations');
    for (const bad of ['Movies', 'a-b', 'a;b', '"x"', '', '1abc', 'a b', 'x'.repeat(64)]) {
      expect(() => ident(bad)).toThrow(SqlEncodingError);
    }
  });
});
