/**
 * Saved responses come in many wrappings: a UTF-8 BOM from an editor, or the status line and
 * headers of `curl -i` (several blocks after a 100 Continue or a proxy CONNECT). Parsers unwrap
 * them here so a saved file parses like the live body.
 */
export interface SavedResponse {
  /** Status from the last status line, when the text carried one. */
  status?: number;
  body: string;
}

const STATUS_LINE = /^HTTP\/\d(?:\.\d)?\s+(\d{3})[^\r\n]*\r?\n/;

export function unwrapSavedResponse(text: string): SavedResponse {
  const noBom = (s: string) => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);
  let rest = noBom(text);
  let status: number | undefined;
  for (let guard = 0; guard < 5; guard++) {
    const m = STATUS_LINE.exec(rest);
    if (!m) break;
    const end = /\r?\n\r?\n/.exec(rest);
    if (!end) break;
    status = Number(m[1]);
    rest = noBom(rest.slice(end.index + end[0].length));
  }
  return { status, body: rest };
}
