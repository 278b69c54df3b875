import type { CheerioAPI } from 'cheerio';

/**
 * JSON islands embedded in a page: `<script id=... type="application/json">` blobs and
 * JSON-LD. A malformed island is treated as absent (the visible markup is the fallback).
 */

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The first script matching `selector` whose text is a JSON object, else null. */
export function readScriptJson($: CheerioAPI, selector: string): Json | null {
  for (const el of $(selector).toArray()) {
    try {
      const parsed: unknown = JSON.parse($(el).text());
      if (isObject(parsed)) return parsed;
    } catch {
      // fall through to the next candidate
    }
  }
  return null;
}

/** Every JSON-LD node of the page (arrays and @graph flattened). */
export function readJsonLd($: CheerioAPI): Json[] {
  const out: Json[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (isObject(v)) {
      out.push(v);
      if (Array.isArray(v['@graph'])) v['@graph'].forEach(visit);
    }
  };
  for (const el of $('script[type="application/ld+json"]').toArray()) {
    try {
      visit(JSON.parse($(el).text()));
    } catch {
      // ignore a broken block, keep the others
    }
  }
  return out;
}

/** True when a JSON-LD node's @type is (or includes) one of `types`. */
export function hasType(node: Json, types: string[]): boolean {
  const t = node['@type'];
  return Array.isArray(t) ? t.some((x) => types.includes(String(x))) : types.includes(String(t));
}
