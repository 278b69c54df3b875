import { outcomeRows, type OutcomeContext } from '../../../activities/ingest/critics/outcome-rows';
import type { RatingObservation } from '../../../activities/sources/records';

const c: OutcomeContext = { tmdbId: 42, site: 'rotten_tomatoes', runId: 'run-1', day: '2026-03-31', checkedAt: '2026-04-01T00:30:00.000Z', rawObjectKey: 'raw/rotten_tomatoes/dt=2026-03-31/movie-42.html.gz' };
const obs = (metric: 'critic' | 'audience', value: number | null): RatingObservation => ({
  source: 'rotten_tomatoes',
  metric,
  via: 'direct',
  value,
  scaleMax: 100,
  value0to100: value,
  voteCount: 10,
  voteCountText: null,
  observedAt: c.checkedAt,
  url: 'http://x/m/a',
});
const v = (row: Record<string, { value: unknown }>, col: string) => row[col].value;

describe('outcomeRows', () => {
  it('found: a found critic_pages row and the observations, observed on the run day (not the clock day)', () => {
    const r = outcomeRows({ status: 'found', url: 'http://x/m/a', confidence: 0.9, observations: [obs('critic', 80), obs('audience', null)], body: '<html>' }, c);
    expect(r.critic_pages).toHaveLength(1);
    const p = r.critic_pages[0];
    expect([v(p, 'status'), v(p, 'url'), v(p, 'match_confidence'), v(p, 'checked_at'), v(p, 'raw_object_key'), v(p, 'run_id')]).toEqual([
      'found',
      'http://x/m/a',
      0.9,
      c.checkedAt,
      c.rawObjectKey,
      'run-1',
    ]);
    expect(r.rating_observations.map((o) => [v(o, 'metric'), v(o, 'value'), v(o, 'observed_on'), v(o, 'via'), v(o, 'raw_object_key')])).toEqual([
      ['critic', 80, '2026-03-31', 'direct', c.rawObjectKey],
      ['audience', null, '2026-03-31', 'direct', c.rawObjectKey],
    ]);
    expect(r.quarantine).toEqual([]);
  });

  it('found without a stored page is refused (nothing in silver without its raw object)', () => {
    expect(() => outcomeRows({ status: 'found', url: 'u', confidence: 1, observations: [], body: '' }, { ...c, rawObjectKey: null })).toThrow(/not stored/);
  });

  it('not_found and blocked_by_robots: only the critic_pages row', () => {
    const nf = outcomeRows({ status: 'not_found' }, { ...c, rawObjectKey: null });
    expect(nf.critic_pages.map((p) => [v(p, 'status'), v(p, 'url'), v(p, 'match_confidence'), v(p, 'raw_object_key')])).toEqual([['not_found', null, null, null]]);
    expect(nf.rating_observations).toEqual([]);
    const b = outcomeRows({ status: 'blocked_by_robots', url: 'http://x/m/b' }, { ...c, rawObjectKey: null });
    expect(b.critic_pages.map((p) => [v(p, 'status'), v(p, 'url')])).toEqual([['blocked_by_robots', 'http://x/m/b']]);
    expect(b.rating_observations).toEqual([]);
    expect(b.quarantine).toEqual([]);
  });

  it('error: an error row and a quarantine row naming the site, the movie, the reason and the raw page', () => {
    const r = outcomeRows({ status: 'error', url: 'http://x/m/a', reason: 'no known layout', body: '<html>' }, c);
    expect(r.critic_pages.map((p) => v(p, 'status'))).toEqual(['error']);
    expect(r.quarantine.map((q) => [v(q, 'source'), v(q, 'record_key'), v(q, 'reason'), v(q, 'raw_object_key'), v(q, 'run_id'), v(q, 'quarantined_at')])).toEqual([
      ['rotten_tomatoes', '42', 'no known layout', c.rawObjectKey, 'run-1', c.checkedAt],
    ]);
    expect(r.rating_observations).toEqual([]);
  });

  it('robots.txt unavailable: no row at all, so the movie stays due', () => {
    expect(outcomeRows({ status: 'robots_unavailable', url: 'http://x/m/a' }, c)).toEqual({ critic_pages: [], rating_observations: [], quarantine: [] });
  });
});
