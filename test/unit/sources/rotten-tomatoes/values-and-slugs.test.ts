import { matchMovie, normalizeTitle, titleSimilarity } from '../../../../activities/sources/critic-match';
import { metacriticSlug, metacriticSlugCandidates } from '../../../../activities/sources/metacritic/slug';
import { rtSlug, rtSlugCandidates } from '../../../../activities/sources/rotten-tomatoes/slug';
import { parseCount, parsePercent } from '../../../../activities/sources/critic-pages/values';

describe('Rotten Tomatoes value parsing', () => {
  it.each([
    [82, 82],
    ['82', 82],
    ['82%', 82],
    [' 82\u00a0% ', 82],
    ['100%', 100],
    ['0%', 0],
    ['- -', null],
    ['--', null],
    ['', null],
    ['N/A', null],
    ['101%', null],
    [82.5, null],
    [null, null],
  ])('parsePercent(%p) = %p', (raw, expected) => {
    expect(parsePercent(raw)).toBe(expected);
  });

  it.each([
    ['257 Reviews', 257, null],
    ['1,234 Reviews', 1234, null],
    ['1\u00a0234 Reviews', 1234, null],
    ['1.234 Reviews', 1234, null],
    ['250,000+ Ratings', 250000, '250,000+ Ratings'],
    ['10,000+ Verified Ratings', 10000, '10,000+ Verified Ratings'],
    ['2.5K+ Ratings', 2500, '2.5K+ Ratings'],
    ['User Ratings: 885,688', 885688, null],
    ['Fewer than 50 Ratings', null, 'Fewer than 50 Ratings'],
    ['No Reviews', null, null],
    [489, 489, null],
  ])('parseCount(%p)', (raw, value, bandText) => {
    expect(parseCount(raw)).toEqual({ value, bandText });
  });
});

describe('slugs', () => {
  it('builds RT slugs: lowercase, "_" joined, punctuation dropped', () => {
    expect(rtSlug("Schindler's List")).toBe('schindlers_list');
    expect(rtSlug('Star Wars: The Rise of Skywalker')).toBe('star_wars_the_rise_of_skywalker');
    expect(rtSlug('Amélie')).toBe('amelie');
    expect(rtSlugCandidates(['The Shawshank Redemption'], 1994)).toEqual([
      'the_shawshank_redemption',
      'the_shawshank_redemption_1994',
      'shawshank_redemption',
      'shawshank_redemption_1994',
    ]);
    expect(rtSlugCandidates(['Parasite', '기생충'], 2019)).toEqual(['parasite', 'parasite_2019']);
  });

  it('builds Metacritic slugs: hyphenated, apostrophes dropped', () => {
    expect(metacriticSlug("Schindler's List")).toBe('schindlers-list');
    expect(metacriticSlug('Mortal Kombat')).toBe('mortal-kombat');
    expect(metacriticSlugCandidates(['Mortal Kombat'], 2021)).toEqual(['mortal-kombat', 'mortal-kombat-2021']);
  });
});

describe('critic-match', () => {
  it('normalizes accents, punctuation, articles and sequel numerals', () => {
    expect(normalizeTitle('The Shawshank Redemption')).toBe('shawshank redemption');
    expect(normalizeTitle('Shawshank Redemption, The')).toBe('shawshank redemption');
    expect(normalizeTitle('Amélie')).toBe('amelie');
    expect(normalizeTitle("Schindler’s List")).toBe('schindlers list');
    expect(normalizeTitle('Fast & Furious')).toBe('fast and furious');
    expect(normalizeTitle('Rocky II')).toBe('rocky 2');
    expect(titleSimilarity('Rocky II', 'Rocky 2')).toBe(1);
    expect(titleSimilarity('🚀🌕', ' 🚀🌕 ')).toBe(1);
    expect(titleSimilarity('🚀🌕', '🚀')).toBe(0);
    expect(titleSimilarity('🚀🌕', 'Moon')).toBe(0);
  });

  it('accepts the same title within ±1 year and rejects remakes and other films', () => {
    expect(matchMovie({ title: 'Little Women', year: 2019 }, { title: 'Little Women', year: 2019 })).toMatchObject({ accepted: true, confidence: 1 });
    expect(matchMovie({ title: 'Little Women', year: 2019 }, { title: 'Little Women', year: 2020 })).toMatchObject({ accepted: true, confidence: 0.9 });
    expect(matchMovie({ title: 'Little Women', year: 2019 }, { title: 'Little Women', year: 1994 })).toMatchObject({ accepted: false, confidence: 0 });
    expect(matchMovie({ title: 'Parasite', year: 2019 }, { title: 'Parasites', year: 2019 }).accepted).toBe(true);
    expect(matchMovie({ title: 'Parasite', year: 2019 }, { title: 'Paradise', year: 2019 }).accepted).toBe(false);
    expect(matchMovie({ title: 'Little Women', year: 2019 }, { title: 'Little Women', year: null })).toMatchObject({ accepted: false, confidence: 0.5 });
  });

  it('matches the original title too', () => {
    const m = matchMovie({ title: 'Parasite', originalTitle: '기생충', year: 2019 }, { title: '기생충', year: 2019 });
    expect(m).toMatchObject({ accepted: true, confidence: 1 });
  });
});
