import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParseError } from '../../../../activities/sources/errors';
import { parseMetacriticPage } from '../../../../activities/sources/metacritic/parse';

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
