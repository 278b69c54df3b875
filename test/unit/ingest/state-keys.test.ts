import { createHash } from 'node:crypto';
import { runStateKey, stateKey, StateKeyError } from '../../../activities/ingest/state-store';

const VALID = /^state\/[a-z0-9][a-z0-9._=/-]*$/;

function expectValid(key: string): void {
  expect(key).toMatch(VALID);
  expect(key).not.toContain('..');
  expect(key).not.toContain('//');
  expect(key.endsWith('/')).toBe(false);
  expect(key.length).toBeLessThanOrEqual(401);
}

describe('stateKey', () => {
  it('joins parts under state/', () => {
    expect(stateKey('omdb-budget', '2024-03-10.json')).toBe('state/omdb-budget/2024-03-10.json');
    expect(stateKey('runs', 'abc', 'k=v_1.json')).toBe('state/runs/abc/k=v_1.json');
  });

  it.each([
    ['upper case', ['Runs']],
    ['a space', ['a b']],
    ['a quote', ["it's"]],
    ['a double quote', ['"x"']],
    ['unicode', ['café']],
    ['traversal', ['..', 'x']],
    ['traversal inside a part', ['a..b']],
    ['an empty middle part', ['a', '', 'b']],
    ['an empty first part', ['', 'x']],
    ['a leading slash', ['a', '/b']],
    ['a backslash', ['a\\b']],
    ['a newline', ['a\nb']],
    ['a NUL', ['a\u0000b']],
    ['too long', ['x'.repeat(400)]],
  ])('refuses %s with a StateKeyError', (_what, parts) => {
    expect(() => stateKey(...parts)).toThrow(StateKeyError);
    expect(() => stateKey(...parts)).toThrow(/Invalid state key .*: use \[a-z0-9\._=-\] parts separated by \//);
  });

  // BUG (activities/ingest/state-store.ts, stateKey): an empty part is refused in the middle
  // (`state//x` trips the `//` check) but not at the end: stateKey('runs', 'x', '') returns
  // 'state/runs/x/' — a "folder" key, and runStateKey(runId, '') returns 'state/runs/<hash>/'.
  it('refuses an empty last part (no key ending in /)', () => {
    expect(() => stateKey('runs', 'x', '')).toThrow(StateKeyError);
  });

  it('StateKeyError is an Error named StateKeyError', () => {
    let caught: unknown;
    try {
      stateKey('BAD');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(StateKeyError);
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).name).toBe('StateKeyError');
  });
});

describe('runStateKey', () => {
  const hostile = [
    'DailyIngest-2024-03-10',
    'run/with/slashes',
    '../../etc/passwd',
    '..',
    '.',
    '',
    ' ',
    'Ünïcödé-ラン-🎬',
    `quote"and'apostrophe`,
    'back\\slash',
    'new\nline',
    'a'.repeat(5000),
    'UPPER',
    'upper',
    'run/x',
    'run_x',
    'run-x',
  ];

  it('gives a valid key for any run id, under state/runs/<24 hex>/<name>', () => {
    for (const id of hostile) {
      const key = runStateKey(id, 'tmdb-ids.json');
      expectValid(key);
      expect(key).toMatch(/^state\/runs\/[0-9a-f]{24}\/tmdb-ids\.json$/);
      // The run folder is the hash of the id, so nothing of the id leaks into the key.
      expect(key).toBe(`state/runs/${createHash('sha256').update(id).digest('hex').slice(0, 24)}/tmdb-ids.json`);
    }
  });

  it('is deterministic', () => {
    for (const id of hostile) expect(runStateKey(id, 'x.json')).toBe(runStateKey(`${id}`, 'x.json'));
    expect(runStateKey('run-1', 'tmdb-ids-3.json')).toBe('state/runs/' + createHash('sha256').update('run-1').digest('hex').slice(0, 24) + '/tmdb-ids-3.json');
  });

  it('distinct run ids give distinct keys, including ids that would sanitize alike', () => {
    const keys = hostile.map((id) => runStateKey(id, 'x.json'));
    expect(new Set(keys).size).toBe(hostile.length);
  });

  it('distinct names in one run give distinct keys in the same folder', () => {
    const a = runStateKey('r', 'tmdb-ids-0.json');
    const b = runStateKey('r', 'tmdb-ids-1.json');
    expect(a).not.toBe(b);
    expect(a.split('/').slice(0, 3)).toEqual(b.split('/').slice(0, 3));
  });

  it.each(['../x.json', 'UPPER.json', 'a b.json', 'naïve.json', '"q".json', '/abs.json'])('refuses the invalid name %j', (name) => {
    expect(() => runStateKey('r', name)).toThrow(StateKeyError);
  });
});
