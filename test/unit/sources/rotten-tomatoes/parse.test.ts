import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParseError } from '../../../../activities/sources/errors';
import { parseRottenTomatoesPage } from '../../../../activities/sources/rotten-tomatoes/parse';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../fixtures/rotten-tomatoes', name), 'utf8');
const ctx = { observedAt: '2025-03-01T05:00:00Z' };

describe('parseRottenTomatoesPage — 2024 media-scorecard', () => {
  it('reads the JSON island (Oppenheimer) and ignores the More Like This carousel', () => {
    const page = parseRottenTomatoesPage(fixture('scorecard-2024.html'), ctx);
    expect(page).toMatchObject({
      title: 'Oppenheimer',
      year: 2023,
      url: 'https://www.rottentomatoes.com/m/oppenheimer_2023',
      layout: 'scorecard-2024',
      tomatometer: 93,
      criticReviews: 489,
      audienceScore: 91,
      audienceCount: 10000,
      audienceCountText: '10,000+ Verified Ratings',
      certifiedFresh: true,
      verifiedHot: true,
    });
    expect(page.observations).toEqual([
      {
        source: 'rotten_tomatoes',
        metric: 'critic',
        via: 'direct',
        value: 93,
        scaleMax: 100,
        value0to100: 93,
        voteCount: 489,
        voteCountText: null,
        observedAt: '2025-03-01T05:00:00Z',
        url: 'https://www.rottentomatoes.com/m/oppenheimer_2023',
      },
      {
        source: 'rotten_tomatoes',
        metric: 'audience',
        via: 'direct',
        value: 91,
        scaleMax: 100,
        value0to100: 91,
        voteCount: 10000,
        voteCountText: '10,000+ Verified Ratings',
        observedAt: '2025-03-01T05:00:00Z',
        url: 'https://www.rottentomatoes.com/m/oppenheimer_2023',
      },
    ]);
  });

  it('reads kebab-case slots scoped to <media-scorecard>, with NBSP and thousands separators, when no JSON island exists', () => {
    const page = parseRottenTomatoesPage(fixture('scorecard-2024-kebab-slots.html'), { ...ctx, url: 'https://example.test/m/parasite_2019' });
    expect(page).toMatchObject({
      title: 'Parasite',
      year: 2019,
      url: 'https://example.test/m/parasite_2019',
      layout: 'scorecard-2024',
      tomatometer: 99,
      criticReviews: 1234,
      audienceScore: 90,
      audienceCount: 250000,
      audienceCountText: '250,000+ Ratings',
      certifiedFresh: true,
      verifiedHot: false,
    });
  });

  it('gives null (never 0, never a neighbour’s score) when the film has no scores yet', () => {
    const page = parseRottenTomatoesPage(fixture('scorecard-2024-no-scores.html'), ctx);
    expect(page).toMatchObject({
      title: 'The Quiet Orchard',
      year: null,
      layout: 'scorecard-2024',
      tomatometer: null,
      criticReviews: 1,
      audienceScore: null,
      audienceCount: null,
      audienceCountText: null,
      certifiedFresh: false,
      verifiedHot: false,
    });
    expect(page.observations.map((o) => [o.metric, o.value, o.value0to100])).toEqual([
      ['critic', null, null],
      ['audience', null, null],
    ]);
  });

  it('takes the release year, not a later streaming date, from the hero metadata', () => {
    const html = `<media-hero><rt-text slot="title">Late Stream</rt-text><rt-text slot="metadataProp">Streaming Mar 1, 2024</rt-text>
      <rt-text slot="metadataProp">Released Nov 3, 2021</rt-text></media-hero><media-scorecard><rt-text slot="criticsScore">80%</rt-text></media-scorecard>`;
    expect(parseRottenTomatoesPage(html, ctx)).toMatchObject({ title: 'Late Stream', year: 2021 });
  });

  it('drops the audience score when the page hides it', () => {
    const html = `<html><body><media-scorecard hideaudiencescore="true">
      <rt-text slot="criticsScore">55%</rt-text><rt-link slot="criticsReviews">40 Reviews</rt-link>
      <rt-text slot="audienceScore">70%</rt-text></media-scorecard></body></html>`;
    const page = parseRottenTomatoesPage(html, ctx);
    expect([page.tomatometer, page.criticReviews, page.audienceScore]).toEqual([55, 40, null]);
  });

  it('falls back to slots when the JSON island is malformed', () => {
    const html = `<html><body><media-scorecard><rt-text slot="criticsScore">61%</rt-text></media-scorecard>
      <script id="media-scorecard-json" type="application/json">{"criticsScore": {"score": "9</script></body></html>`;
    expect(parseRottenTomatoesPage(html, ctx).tomatometer).toBe(61);
  });
});

describe('parseRottenTomatoesPage — 2021–2023 score-board', () => {
  it('reads scoreDetails JSON ({value} scores) and the banded count (The Godfather)', () => {
    const page = parseRottenTomatoesPage(fixture('scoreboard-2021.html'), ctx);
    expect(page).toMatchObject({
      title: 'The Godfather',
      year: 1972,
      url: 'https://www.rottentomatoes.com/m/godfather',
      layout: 'scoreboard-2021',
      tomatometer: 97,
      criticReviews: 102,
      audienceScore: 98,
      audienceCount: 250000,
      audienceCountText: '250,000+ Ratings',
      certifiedFresh: true,
      verifiedHot: false,
    });
  });

  it('reads the first <score-board> attributes when there is no JSON, accents and empty scores included', () => {
    const page = parseRottenTomatoesPage(fixture('scoreboard-2021-attributes-only.html'), ctx);
    expect(page).toMatchObject({
      title: 'Amélie',
      year: 2001,
      layout: 'scoreboard-2021',
      tomatometer: 89,
      criticReviews: 1713,
      audienceScore: null,
      audienceCount: null,
      audienceCountText: 'Fewer than 50 Ratings',
      certifiedFresh: false,
    });
  });

  it('reads the 2023 <score-board-deprecated> variant (h1.title / p.info children)', () => {
    const html = `<score-board-deprecated audiencescore="68" audiencestate="upright" tomatometerscore="74" tomatometerstate="certified-fresh" rating="PG-13">
      <h1 class="title" data-qa="score-panel-title">Sample Movie</h1><p class="info" data-qa="score-panel-subtitle">2022, Action/Adventure, 2h 1m</p>
      <a slot="critics-count" href="/m/sample_movie/reviews">312 Reviews</a><a slot="audience-count" href="/m/sample_movie/reviews?type=user">5,000+ Verified Ratings</a>
    </score-board-deprecated>`;
    expect(parseRottenTomatoesPage(html, ctx)).toMatchObject({
      layout: 'scoreboard-2021',
      title: 'Sample Movie',
      year: 2022,
      tomatometer: 74,
      criticReviews: 312,
      audienceScore: 68,
      audienceCount: 5000,
      audienceCountText: '5,000+ Verified Ratings',
      certifiedFresh: true,
    });
  });

  it('accepts plain-number and empty-string scoreboard scores', () => {
    const html = `<script id="score-details-json" type="application/json">{"scoreboard":{"tomatometerScore":"","audienceScore":"77","tomatometerCount":0,"audienceBandedRatingCount":"","audienceCount":1234,"title":"Tiny Film","info":"2022, Drama, 1h 30m"}}</script>`;
    const page = parseRottenTomatoesPage(html, ctx);
    expect(page).toMatchObject({ title: 'Tiny Film', year: 2022, tomatometer: null, criticReviews: 0, audienceScore: 77, audienceCount: 1234, audienceCountText: null });
  });
});

describe('parseRottenTomatoesPage — ≤2020 mop-ratings-wrap', () => {
  it('reads a full 2020 page (The Shawshank Redemption) without picking sidebar scores', () => {
    const page = parseRottenTomatoesPage(fixture('mop-2020-full-page.html'), ctx);
    expect(page).toMatchObject({
      title: 'The Shawshank Redemption',
      year: 1994,
      url: 'https://www.rottentomatoes.com/m/shawshank_redemption',
      layout: 'mop-2020',
      tomatometer: 90,
      criticReviews: 71,
      audienceScore: 98,
      audienceCount: 885688,
      audienceCountText: null,
      certifiedFresh: true,
      verifiedHot: false,
    });
    expect(page.observations[1]).toMatchObject({ metric: 'audience', value: 98, voteCount: 885688, voteCountText: null });
  });

  it('takes the Tomatometer from JSON-LD when the markup has none, and treats "want to see" as no score', () => {
    const html = `<html><head><script type="application/ld+json">{"@type":"Movie","name":"Old Film","aggregateRating":{"@type":"AggregateRating","name":"Tomatometer","bestRating":"100","worstRating":"0","ratingValue":64,"reviewCount":25}}</script></head>
      <body><div class="mop-ratings-wrap"><h1 class="mop-ratings-wrap__title mop-ratings-wrap__title--top">Old Film</h1>
      <div class="mop-ratings-wrap__half"><span class="mop-ratings-wrap__icon meter-tomato icon big fresh"></span></div>
      <div class="mop-ratings-wrap__half audience-score"><span class="mop-ratings-wrap__percentage">85%</span> want to see</div></div></body></html>`;
    const page = parseRottenTomatoesPage(html, ctx);
    expect(page).toMatchObject({ layout: 'mop-2020', tomatometer: 64, criticReviews: 25, audienceScore: null, certifiedFresh: false });
  });

  it('reads "liked it" audience percentages and "Verified Ratings" counts', () => {
    const html = `<div class="mop-ratings-wrap"><div class="mop-ratings-wrap__half"><span class="mop-ratings-wrap__percentage">45%</span>
      <small class="mop-ratings-wrap__text--small">N/A</small><strong class="mop-ratings-wrap__text--small">Total Count: 1,021</strong></div>
      <div class="mop-ratings-wrap__half audience-score"><span class="mop-ratings-wrap__percentage">72%
      liked it</span><strong class="mop-ratings-wrap__text--small">Verified Ratings: 12,345</strong></div></div>`;
    const page = parseRottenTomatoesPage(html, ctx);
    expect([page.tomatometer, page.criticReviews, page.audienceScore, page.audienceCount]).toEqual([45, 1021, 72, 12345]);
  });
});

describe('parseRottenTomatoesPage — JSON-LD only and garbage', () => {
  it('falls back to the JSON-LD Tomatometer (ratingCount variant) when no known markup exists', () => {
    const html = `<script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":"Movie","name":"Dune: Part Two","aggregateRating":{"@type":"AggregateRating","name":"Tomatometer","ratingValue":"92","ratingCount":466}}]</script>`;
    const page = parseRottenTomatoesPage(html, ctx);
    expect(page).toMatchObject({ layout: 'json-ld', title: 'Dune: Part Two', tomatometer: 92, criticReviews: 466, audienceScore: null });
  });

  it.each([
    ['an empty string', ''],
    ['a 404 page', '<html><head><title>404 - Not Found | Rotten Tomatoes</title></head><body><h1>404 - Not Found</h1></body></html>'],
    ['a JSON body', '{"error":"not html"}'],
    ['binary noise', '\u0000\u0001\u0002<<<>>>\uffff'],
  ])('throws ParseError for %s', (_what, html) => {
    expect(() => parseRottenTomatoesPage(html, ctx)).toThrow(ParseError);
  });

  it('throws ParseError (not RangeError) for a huge page', () => {
    const huge = '<div>' + 'x'.repeat(13_000_000) + '</div>';
    expect(() => parseRottenTomatoesPage(huge, ctx)).toThrow(ParseError);
  });

  it('survives broken HTML and script-injection titles', () => {
    const html = `<html><head><title><script>alert(1)</script>"&lt;/title&gt; | Rotten Tomatoes</title></head><body>
      <media-scorecard><rt-text slot="criticsScore">7%<rt-link slot="criticsReviews">3 Reviews<div><span></media-scorecard><a<a<a`;
    const page = parseRottenTomatoesPage(html, ctx);
    expect(page.tomatometer).toBe(7);
    expect(page.criticReviews).toBe(3);
    expect(page.title).toBe('<script>alert(1)</script>"</title>');
  });

  it('rejects absurd nesting quickly with a ParseError instead of hanging or overflowing the stack', () => {
    const html = `<media-scorecard><rt-text slot="criticsScore">7%</rt-text></media-scorecard>${'<div>'.repeat(50_000)}`;
    const started = Date.now();
    expect(() => parseRottenTomatoesPage(html, ctx)).toThrow(/nested/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('stays linear on unclosed tag soup', () => {
    const started = Date.now();
    expect(() => parseRottenTomatoesPage('<script'.repeat(100_000), ctx)).toThrow(ParseError);
    expect(() => parseRottenTomatoesPage('<a'.repeat(250_000), ctx)).toThrow(ParseError);
    // Quadratic behaviour on ~0.5 MB would take minutes; the bound leaves room for a loaded machine.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('refuses an invalid observedAt as a caller error, not a ParseError', () => {
    expect(() => parseRottenTomatoesPage(fixture('scorecard-2024.html'), { observedAt: 'yesterday' })).toThrow(TypeError);
  });
});
