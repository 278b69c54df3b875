import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParseError } from '../../../../activities/sources/errors';
import { parseMetacriticPage } from '../../../../activities/sources/metacritic/parse';
import { malformBody } from '../../../../infra/sandbox/responses';
import { metacriticSite } from '../../../../infra/sandbox/sites/metacritic';
import type { SandboxMetacritic } from '../../../../infra/sandbox/types';
import { expectedMcPage } from '../helpers/expected-pages';
import { catalogOf, movie } from '../helpers/sandbox-harness';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../fixtures/metacritic', name), 'utf8');
const ctx = { observedAt: '2025-03-01T05:00:00+00:00' };

describe('parseMetacriticPage — current data-testid markup', () => {
  it('reads Metascore, critic count, user score and user count (Fight Club), ignoring review and rail scores', () => {
    const page = parseMetacriticPage(fixture('current.html'), ctx);
    expect(page).toMatchObject({
      title: 'Fight Club',
      year: 1999,
      url: 'https://www.metacritic.com/movie/fight-club/',
      layout: 'current',
      metascore: 67,
      criticReviews: 36,
      userScore: 8.9,
      userRatings: 1953,
    });
    expect(page.observations).toEqual([
      {
        source: 'metacritic',
        metric: 'critic',
        via: 'direct',
        value: 67,
        scaleMax: 100,
        value0to100: 67,
        voteCount: 36,
        voteCountText: null,
        observedAt: '2025-03-01T05:00:00+00:00',
        url: 'https://www.metacritic.com/movie/fight-club/',
      },
      {
        source: 'metacritic',
        metric: 'user',
        via: 'direct',
        value: 8.9,
        scaleMax: 10,
        value0to100: 89,
        voteCount: 1953,
        voteCountText: null,
        observedAt: '2025-03-01T05:00:00+00:00',
        url: 'https://www.metacritic.com/movie/fight-club/',
      },
    ]);
  });

  it('maps a "tbd" user score to null and does not read "Available after 4 ratings" as a count', () => {
    const page = parseMetacriticPage(fixture('current-tbd.html'), { ...ctx, url: 'http://127.0.0.1:8787/metacritic/movie/mortal-kombat-2021/' });
    expect(page).toMatchObject({
      title: 'Mortal Kombat',
      year: 2021,
      url: 'http://127.0.0.1:8787/metacritic/movie/mortal-kombat-2021/',
      layout: 'current',
      metascore: 44,
      criticReviews: 44,
      userScore: null,
      userRatings: null,
    });
    expect(page.observations[1]).toMatchObject({ metric: 'user', value: null, value0to100: null, voteCount: null });
  });

  it('reads the score from the title attribute when the box is empty, and blocks without test ids', () => {
    const html = `<div class="c-productScoreInfo"><span class="c-productScoreInfo_reviewsTotal">Based on 7 Critic Reviews</span>
      <div class="c-siteReviewScore" title="Metascore 58 out of 100"></div></div>
      <div class="c-productScoreInfo"><span class="c-productScoreInfo_reviewsTotal">Based on 12 User Ratings</span>
      <div class="c-siteReviewScore c-siteReviewScore_user"><span>6.1</span></div></div>`;
    const page = parseMetacriticPage(html, ctx);
    expect(page).toMatchObject({ layout: 'current', metascore: 58, criticReviews: 7, userScore: 6.1, userRatings: 12 });
  });
});

describe('parseMetacriticPage — legacy markup', () => {
  it('reads .metascore_w.larger and .based_on (Schindler’s List), not the per-review badges', () => {
    const page = parseMetacriticPage(fixture('legacy.html'), ctx);
    expect(page).toMatchObject({
      title: "Schindler's List",
      year: 1993,
      url: 'https://www.metacritic.com/movie/schindlers-list',
      layout: 'legacy',
      metascore: 94,
      criticReviews: 26,
      userScore: 8.9,
      userRatings: 1104,
    });
  });

  it('maps a legacy tbd user badge to null', () => {
    const html = `<div class="product_page_title oswald"><h1>New Film</h1><span class="release_year lighter">2022</span></div>
      <a class="metascore_anchor"><span class="metascore_w larger movie mixed">52</span></a><span class="based_on">based on 9 Critic Reviews</span>
      <a class="metascore_anchor"><span class="metascore_w user larger movie tbd">tbd</span></a>`;
    expect(parseMetacriticPage(html, ctx)).toMatchObject({ title: 'New Film', year: 2022, metascore: 52, criticReviews: 9, userScore: null, userRatings: null });
  });
});

describe('parseMetacriticPage — JSON-LD and garbage', () => {
  it('falls back to JSON-LD alone (reviewCount and numeric ratingValue)', () => {
    const html = `<script type="application/ld+json">{"@type":"Movie","name":"Tokyo Story","datePublished":"1953-11-03","aggregateRating":{"@type":"AggregateRating","bestRating":100,"ratingValue":100,"reviewCount":13}}</script>`;
    expect(parseMetacriticPage(html, ctx)).toMatchObject({ layout: 'json-ld', title: 'Tokyo Story', year: 1953, metascore: 100, criticReviews: 13, userScore: null });
  });

  it('uses JSON-LD to fill a Metascore the markup lacks', () => {
    const html = `<script type="application/ld+json">{"@type":"Movie","name":"X","aggregateRating":{"ratingValue":"71","reviewCount":"1,204"}}</script>
      <div data-testid="user-score-info" class="c-productScoreInfo"><div class="c-siteReviewScore"><span>7.0</span></div></div>`;
    expect(parseMetacriticPage(html, ctx)).toMatchObject({ layout: 'current', metascore: 71, criticReviews: 1204, userScore: 7 });
  });

  it.each([
    ['an empty page', ''],
    ['an access-denied page', '<html><body><h1>Access Denied</h1><p>You don\'t have permission to access this page.</p></body></html>'],
    ['a JSON body', '[1,2,3]'],
  ])('throws ParseError for %s', (_what, html) => {
    expect(() => parseMetacriticPage(html, ctx)).toThrow(ParseError);
  });

  it('rejects out-of-range numbers instead of storing them', () => {
    const html = `<div data-testid="critic-score-info"><div class="c-siteReviewScore"><span>670</span></div></div>
      <div data-testid="user-score-info"><div class="c-siteReviewScore"><span>89</span></div></div>`;
    expect(parseMetacriticPage(html, ctx)).toMatchObject({ metascore: null, userScore: null });
  });

  it('keeps a script-injection title as inert text', () => {
    const html = `<div data-testid="hero-title"><h1>&lt;img src=x onerror=alert(1)&gt; "Quotes" &amp; 🎬</h1></div>
      <div data-testid="critic-score-info"><div class="c-siteReviewScore"><span>61</span></div></div>`;
    expect(parseMetacriticPage(html, ctx).title).toBe('<img src=x onerror=alert(1)> "Quotes" & 🎬');
  });
});

describe('parseMetacriticPage — garbled, score-less and truncated pages', () => {
  // Sandbox pages of every kind a real one can be: both layouts, with and without JSON-LD, scored and score-less.
  const kinds: [string, Partial<SandboxMetacritic>][] = [
    ['current + JSON-LD, scored', { layout: 'current', jsonLd: true, metascore: 67, criticReviews: 36, userScore: 8.9, userRatings: 1953 }],
    ['current, no JSON-LD, scored', { layout: 'current', jsonLd: false, metascore: 44, criticReviews: 44, userScore: 6.1, userRatings: 30 }],
    ['current + JSON-LD, no score at all', { layout: 'current', jsonLd: true, metascore: null, criticReviews: null, userScore: null, userRatings: null }],
    ['current, no JSON-LD, no score at all', { layout: 'current', jsonLd: false, metascore: null, criticReviews: null, userScore: null, userRatings: null }],
    ['legacy, scored', { layout: 'legacy', jsonLd: false, metascore: 94, criticReviews: 26, userScore: 8.9, userRatings: 1104 }],
    ['legacy, no score at all', { layout: 'legacy', jsonLd: false, metascore: null, criticReviews: null, userScore: null, userRatings: null }],
  ];
  const movies = kinds.map(([, mc], i) => movie({ tmdbId: 300 + i, title: `Garble Test ${i}`, releaseDate: `201${i}-05-05`, metacritic: { slug: `garble-test-${i}`, ...mc } }));
  const catalog = catalogOf(movies);
  const served = (i: number) => {
    const res = metacriticSite.handle(
      { method: 'GET', path: `/movie/garble-test-${i}/`, query: new URLSearchParams(), headers: { host: 'sandbox.test', 'user-agent': 'Mozilla/5.0 (compatible; test)' } },
      catalog,
    );
    if (!res || res.status !== 200) throw new Error(`sandbox did not serve garble-test-${i}`);
    return res;
  };
  const cases = kinds.map(([what], i) => [what, i] as const);

  it.each(cases)('rejects the sandbox malformedRate body of a %s page with ParseError', (_what, i) => {
    const broken = malformBody(served(i)).body;
    expect(() => parseMetacriticPage(broken, { ...ctx, url: `http://sandbox.test/metacritic/movie/garble-test-${i}/` })).toThrow(ParseError);
    // Not only because the document is cut short: closed properly, the garbled markup is still no Metacritic page.
    expect(() => parseMetacriticPage(`${broken}></div></body></html>`, ctx)).toThrow(ParseError);
  });

  it.each([
    ['current.html', fixture('current.html')],
    ['current-tbd.html', fixture('current-tbd.html')],
    ['legacy.html', fixture('legacy.html')],
  ])('rejects %s garbled the way the sandbox garbles pages', (_name, html) => {
    const broken = malformBody({ status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: html }).body;
    expect(() => parseMetacriticPage(broken, ctx)).toThrow(ParseError);
    expect(() => parseMetacriticPage(`${broken}></div></body></html>`, ctx)).toThrow(ParseError);
  });

  it('rejects a lone score block with no readable score and no title header, whatever the <title> says', () => {
    const html = `<html><head><title>Fight Club reviews - Metacritic</title></head><body>
      <div class="broken" data-testid="critic-score-info"><div class="c-productScoreInfo_title">Metascore</div></div></body></html>`;
    expect(() => parseMetacriticPage(html, ctx)).toThrow(ParseError);
  });

  it('rejects a titled page whose score block lost its score box (real pages print "tbd")', () => {
    const html = fixture('current-tbd.html').replace(/<div title="User score tbd out of 10"[^]*?<\/span><\/div>/, '');
    expect(html).not.toContain('User score tbd');
    expect(() => parseMetacriticPage(html, ctx)).toThrow(/user score block shows no score/);
  });

  it.each(cases)('still parses a real %s page, score-less ones with null scores', (_what, i) => {
    const m = movies[i];
    const page = parseMetacriticPage(served(i).body, ctx);
    expect(page).toMatchObject({ ...expectedMcPage(m), criticReviews: m.metacritic?.criticReviews });
    if (m.metacritic?.metascore === null) {
      expect(page.observations.map((o) => [o.metric, o.value, o.voteCount])).toEqual([
        ['critic', null, null],
        ['user', null, null],
      ]);
    }
  });

  it('still parses the current fixture turned score-less ("tbd" everywhere, no counts) with nulls, title and year', () => {
    const html = fixture('current-tbd.html')
      .replace(/Metascore 44 out of 100/, 'Metascore tbd out of 100')
      .replace(/>44<\/span>/, '>tbd</span>')
      .replace(/<span class="c-productScoreInfo_reviewsTotal[^]*?Critic Reviews[^]*?<\/span>(\s*<\/a>)?(\s*<\/span>)?/, '');
    expect(html).not.toMatch(/>44</);
    expect(parseMetacriticPage(html, ctx)).toMatchObject({ layout: 'current', title: 'Mortal Kombat', year: 2021, metascore: null, criticReviews: null, userScore: null, userRatings: null });
  });

  /*
   * Truncated pages are ParseErrors, not partial reads: a cut can land inside a number ("6" of
   * "67", "7" of "7.5") or before the user block, and what is left would be stored as a wrong or
   * missing score. A whole document without its closing </html> is refused outright. (The HTTP
   * client already refuses the sandbox's truncateRate transfers on the Content-Length mismatch;
   * this is the parser's own guard.)
   */
  it.each(cases)('rejects every truncation of a %s page with ParseError; the whole page parses', (_what, i) => {
    const body = served(i).body;
    const end = body.search(/<\/html\s*>/i);
    expect(end).toBeGreaterThan(0);
    // Every 61st offset, plus each cut right inside or after a number (where a partial read would be wrong).
    const cuts = new Set<number>();
    for (let n = 0; n < end; n += 61) cuts.add(n);
    for (const d of body.matchAll(/\d+(\.\d)?/g)) if (d.index < end) for (const k of [1, 2, d[0].length]) cuts.add(d.index + k);
    for (const n of cuts) {
      if (n >= end) continue;
      expect(() => parseMetacriticPage(body.slice(0, n), ctx)).toThrow(ParseError);
    }
    expect(parseMetacriticPage(body.slice(0, end + '</html>'.length), ctx)).toMatchObject(expectedMcPage(movies[i]));
  });
});
