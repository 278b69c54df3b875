import { candidatesKey, safeRunId } from '../../../activities/ingest/critics/candidate-list';
import { candidateFromRow, recheckCutoff, selectCandidatesSql } from '../../../activities/ingest/critics/select-query';
import { StateKeyError } from '../../../activities/ingest/state-store';

describe('recheckCutoff', () => {
  it('is the run day minus recheckAfterDays, across month, year and leap-day boundaries', () => {
    expect(recheckCutoff('2026-03-31', 30)).toBe('2026-03-01');
    expect(recheckCutoff('2026-01-10', 30)).toBe('2025-12-11');
    expect(recheckCutoff('2024-03-01', 1)).toBe('2024-02-29');
    expect(recheckCutoff('2025-03-01', 1)).toBe('2025-02-28');
  });

  it('refuses a day that is not YYYY-MM-DD and a negative interval', () => {
    expect(() => recheckCutoff('2026-1-10', 30)).toThrow(RangeError);
    expect(() => recheckCutoff("2026-01-10'; --", 30)).toThrow(RangeError);
    expect(() => recheckCutoff('2026-01-10', -1)).toThrow(RangeError);
  });
});

describe('selectCandidatesSql', () => {
  const q = { catalog: 'iceberg', schema: 'movies', site: 'metacritic' as const, day: '2026-03-31', recheckAfterDays: 30, limit: 500 };

  it('joins critic_pages of the site and applies the three rules with encoded values', () => {
    const s = selectCandidatesSql(q);
    expect(s).toContain('FROM iceberg.movies.movies m LEFT JOIN iceberg.movies.critic_pages p ON p.tmdb_id = m.tmdb_id AND p.site = \'metacritic\'');
    expect(s).toContain('WHERE p.tmdb_id IS NULL');
    // found: any day but the run's own
    expect(s).toContain(`p.status = 'found' AND (p.checked_at IS NULL OR CAST(p.checked_at AT TIME ZONE 'UTC' AS date) <> DATE '2026-03-31')`);
    // the others: once the cutoff day is reached
    expect(s).toContain(`p.status IN ('not_found', 'blocked_by_robots', 'error') AND (p.checked_at IS NULL OR CAST(p.checked_at AT TIME ZONE 'UTC' AS date) <= DATE '2026-03-01')`);
    expect(s).toMatch(/ORDER BY p\.checked_at ASC NULLS FIRST, m\.tmdb_id ASC LIMIT 500$/);
  });

  it('refuses unsafe identifiers and limits instead of quoting them', () => {
    expect(() => selectCandidatesSql({ ...q, schema: 'movies; DROP TABLE x' })).toThrow(/unsafe SQL identifier/);
    expect(() => selectCandidatesSql({ ...q, limit: 0 })).toThrow(RangeError);
    expect(() => selectCandidatesSql({ ...q, limit: 1.5 })).toThrow(RangeError);
  });
});

describe('candidateFromRow', () => {
  it('keeps titles byte for byte and a known URL only when there is one', () => {
    const hostile = "'; DROP TABLE movies; -- \\ 🎬 \u2028";
    expect(candidateFromRow([42, hostile, null, 2019, null])).toEqual({ tmdbId: 42, title: hostile, originalTitle: null, year: 2019, knownUrl: null });
    expect(candidateFromRow(['7', 'A', 'B', null, 'http://x/m/a'])).toEqual({ tmdbId: 7, title: 'A', originalTitle: 'B', year: null, knownUrl: 'http://x/m/a' });
    expect(candidateFromRow([7, 'A', 'B', null, ''])).toMatchObject({ knownUrl: null });
  });

  it('rejects a row without a usable tmdb_id', () => {
    expect(() => candidateFromRow([null, 'A', null, null, null])).toThrow(TypeError);
    expect(() => candidateFromRow([-3, 'A', null, null, null])).toThrow(TypeError);
  });
});

describe('candidatesKey', () => {
  it('turns any run id into a valid state key, one per run and site', () => {
    const ids = ['wf-123', "critics/run#1 'héllo'; --", '../../etc/passwd', '🎬', 'A'.repeat(500), 'WF-123'];
    const keys = ids.map((id) => candidatesKey(id, 'rotten_tomatoes'));
    for (const k of keys) expect(k).toMatch(/^state\/runs\/[a-z0-9-]+\/critics-rotten_tomatoes\.json$/);
    expect(new Set(keys).size).toBe(ids.length); // "wf-123" and "WF-123" sanitize alike but do not collide
    expect(candidatesKey('wf-123', 'metacritic')).not.toBe(keys[0]);
    expect(candidatesKey('wf-123', 'rotten_tomatoes')).toBe(keys[0]);
    expect(safeRunId('wf-123')).toMatch(/^wf-123-[0-9a-f]{16}$/);
    expect(() => candidatesKey('x', 'bad site' as never)).toThrow(StateKeyError);
  });
});
