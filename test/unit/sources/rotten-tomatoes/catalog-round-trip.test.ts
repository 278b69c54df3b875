/**
 * Every critic page of a generated sandbox catalog (hard cases included: quotes, accents, emoji,
 * very long titles, remakes, missing scores, tbd) renders and parses back to the catalog's values.
 */
import { parseMetacriticPage } from '../../../../activities/sources/metacritic/parse';
import { parseRottenTomatoesPage } from '../../../../activities/sources/rotten-tomatoes/parse';
import { buildCatalog } from '../../../../infra/sandbox/catalog';
import { metacriticSite } from '../../../../infra/sandbox/sites/metacritic';
import { rottenTomatoesSite } from '../../../../infra/sandbox/sites/rotten-tomatoes';
import { expectedMcPage, expectedRtPage } from '../helpers/expected-pages';

const catalog = buildCatalog({ seed: 7, movies: 400, today: '2026-11-01' });
const observedAt = '2026-11-01T05:00:00Z';
/** The page's values for the fields `expected` names, in its order, so a mismatch reads as one line. */
const sameFields = (page: object, expected: object) => Object.fromEntries(Object.keys(expected).map((k) => [k, (page as Record<string, unknown>)[k]]));
const req = (path: string) => ({ method: 'GET', path, query: new URLSearchParams(), headers: { host: 'sandbox.test', 'user-agent': 'Mozilla/5.0 (compatible; test)' } });

it('renders and parses back every Rotten Tomatoes page of the catalog', () => {
  const mismatches: string[] = [];
  const layouts = new Set<string>();
  for (const m of catalog.movies) {
    const rt = m.rt;
    if (!rt) continue;
    layouts.add(rt.layout);
    const res = rottenTomatoesSite.handle(req(`/m/${encodeURIComponent(rt.slug)}`), catalog);
    const page = parseRottenTomatoesPage(res?.body ?? '', { observedAt });
    const expected = expectedRtPage(m);
    const got = sameFields(page, expected);
    if (JSON.stringify(got) !== JSON.stringify(expected)) mismatches.push(`${m.tmdbId} ${rt.slug}: ${JSON.stringify(got)} != ${JSON.stringify(expected)}`);
  }
  expect(mismatches).toEqual([]);
  expect([...layouts].sort()).toEqual(['mop-2020', 'scoreboard-2021', 'scorecard-2024']);
});

it('renders and parses back every Metacritic page of the catalog', () => {
  const mismatches: string[] = [];
  for (const m of catalog.movies) {
    const mc = m.metacritic;
    if (!mc) continue;
    const res = metacriticSite.handle(req(`/movie/${encodeURIComponent(mc.slug)}/`), catalog);
    const page = parseMetacriticPage(res?.body ?? '', { observedAt });
    const expected = expectedMcPage(m);
    const got = sameFields(page, expected);
    if (JSON.stringify(got) !== JSON.stringify(expected)) mismatches.push(`${m.tmdbId} ${mc.slug}: ${JSON.stringify(got)} != ${JSON.stringify(expected)}`);
  }
  expect(mismatches).toEqual([]);
});
