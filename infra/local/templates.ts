/**
 * `{{name}}` placeholders; an unknown or missing name is an error rather than an empty value, so
 * a typo in infra/trino/ fails the start instead of producing a subtly wrong config.
 */
export function renderTemplate(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g, (_m, name: string) => {
    if (!(name in vars)) throw new Error(`template placeholder {{${name}}} has no value`);
    const value = String(vars[name]);
    if (/[\r\n]/.test(value)) throw new Error(`template value for {{${name}}} contains a line break`);
    return value;
  });
}

/** Escapes a value for java.util.Properties (what Trino's config loader reads). */
export function escapePropertyValue(value: string): string {
  let out = '';
  for (const [i, ch] of [...value].entries()) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\f') out += '\\f';
    else if (ch === ' ' && i === 0) out += '\\ ';
    else if (code < 0x20 || code > 0x7e) {
      // \uXXXX (surrogate pairs for astral characters) keeps the file ASCII whatever the reader's charset.
      for (const unit of ch.split('')) out += `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return out;
}

/** Renders `key=value` lines in the given order. Keys are restricted to Trino's property names. */
export function renderProperties(props: Record<string, string>): string {
  return Object.entries(props)
    .map(([key, value]) => {
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(key)) throw new Error(`invalid property name: ${JSON.stringify(key)}`);
      return `${key}=${escapePropertyValue(value)}\n`;
    })
    .join('');
}
