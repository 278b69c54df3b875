import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseMetacriticPage } from '../../activities/sources/metacritic/parse';
import { run } from '../../scripts/commands/parse';
import { EXIT } from '../../scripts/exit-codes';

const root = resolve(__dirname, '../..');
const fx = (p: string) => join(root, 'test/fixtures', p);

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await run(args, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), now: () => new Date('2025-03-01T05:00:00Z') });
  return { code, out, err };
}

describe('parse CLI (run() in process)', () => {
  it.each([
    ['rotten-tomatoes', 'rotten-tomatoes/scorecard-2024.html'],
    ['rotten-tomatoes', 'rotten-tomatoes/scoreboard-2021.html'],
    ['rotten-tomatoes', 'rotten-tomatoes/mop-2020-full-page.html'],
    ['metacritic', 'metacritic/current.html'],
    ['metacritic', 'metacritic/legacy.html'],
    ['tmdb-movie', 'tmdb/movie-details-2019-appended.json'],
    ['tmdb-list', 'tmdb/popular-2019.json'],
    ['tmdb-changes', 'tmdb/changes-2019-one-page.json'],
    ['omdb', 'omdb/title-current.json'],
  ])('%s %s → JSON on stdout, exit 0', async (kind, file) => {
    const r = await cli(kind, fx(file));
    expect(r.err).toBe('');
    expect(r.code).toBe(EXIT.OK);
    expect(() => JSON.parse(r.out)).not.toThrow();
  });

  it('prints the normalized page with the observation stamp and the --url given', async () => {
    const observedAt = '2024-01-02T03:04:05+01:00';
    const url = 'https://www.metacritic.com/movie/fight-club/';
    const r = await cli('metacritic', fx('metacritic/current.html'), '--url', url, '--observed-at', observedAt);
    const page = JSON.parse(r.out);
    expect(page).toMatchObject({ title: 'Fight Club', year: 1999, metascore: 67, criticReviews: 36, userScore: 8.9, userRatings: 1953 });
    // The observations' values are the parser's tests' business; the CLI must print exactly the parser's page.
    expect(page).toEqual(parseMetacriticPage(readFileSync(fx('metacritic/current.html'), 'utf8'), { observedAt, url }));
    expect(page.observations.map((o: { observedAt: string; url: string }) => [o.observedAt, o.url])).toEqual([
      [observedAt, url],
      [observedAt, url],
    ]);
    const rt = JSON.parse((await cli('rotten-tomatoes', fx('rotten-tomatoes/scorecard-2024.html'))).out);
    expect(rt.observations[0]).toMatchObject({ source: 'rotten_tomatoes', metric: 'critic', value: 93, observedAt: '2025-03-01T05:00:00.000Z' });
  });

  it.each([
    ['tmdb-movie', 'tmdb/errors/401-invalid-api-key.json', /^AuthError: .*Invalid API key.*TMDB_API_KEY/],
    ['tmdb-list', 'tmdb/errors/400-invalid-page.json', /^BadRequestError: /],
    ['tmdb-changes', 'tmdb/errors/422-invalid-date-range.json', /^BadRequestError: /],
    ['omdb', 'omdb/errors/401-request-limit-reached.json', /^QuotaExhaustedError: .*Request limit reached!/],
    ['omdb', 'omdb/errors/200-movie-not-found.json', /^NotFoundError: .*Movie not found!/],
    ['omdb', 'omdb/errors/401-invalid-api-key.json', /^AuthError: /],
  ])('%s %s → one line naming the error on stderr, exit 3', async (kind, file, line) => {
    const r = await cli(kind, fx(file));
    expect(r.code).toBe(EXIT.SOURCE_ERROR_PAYLOAD);
    expect(r.out).toBe('');
    expect(r.err).toMatch(line);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  });

  describe('unparseable input → reason on stderr, exit 4', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'parse-cli-'));
      writeFileSync(join(dir, 'empty.html'), '');
      writeFileSync(join(dir, 'garbage.json'), '\u0000\u0001{{{not json');
      writeFileSync(join(dir, 'deep.html'), '<div>'.repeat(100_000));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it.each([
      ['rotten-tomatoes', 'empty.html', /unparseable Rotten Tomatoes movie page .*none of the known score layouts/],
      ['metacritic', 'deep.html', /unparseable Metacritic movie page .*nested/],
      ['tmdb-movie', 'garbage.json', /unparseable TMDB/],
      ['omdb', 'garbage.json', /unparseable OMDb/],
      ['tmdb-list', 'empty.html', /unparseable TMDB/],
    ])('%s %s', async (kind, file, reason) => {
      const r = await cli(kind, join(dir, file));
      expect(r.code).toBe(EXIT.UNPARSEABLE);
      expect(r.out).toBe('');
      expect(r.err).toMatch(reason);
    });

    it('a page of the other site (or HTML given as OMDb) is unparseable', async () => {
      expect((await cli('rotten-tomatoes', fx('metacritic/current.html'))).code).toBe(EXIT.UNPARSEABLE);
      expect((await cli('metacritic', fx('rotten-tomatoes/scorecard-2024.html'))).code).toBe(EXIT.UNPARSEABLE);
      expect((await cli('omdb', fx('omdb/not-json.html'))).code).toBe(EXIT.UNPARSEABLE);
    });
  });

  it.each([
    [[]],
    [['rotten-tomatoes']],
    [['imdb', fx('omdb/title-current.json')]],
    [['omdb', fx('omdb/does-not-exist.json')]],
    [['omdb', fx('omdb/title-current.json'), 'extra']],
    [['omdb', fx('omdb/title-current.json'), '--verbose']],
    [['omdb', fx('omdb/title-current.json'), '--url']],
    [['omdb', fx('omdb/title-current.json'), '--observed-at', 'yesterday']],
  ])('bad arguments %j → usage on stderr, exit 2', async (args) => {
    const r = await cli(...args);
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^parse: /);
  });
});

describe('parse CLI (spawned through scripts/cli.ts)', () => {
  it('exits 0 with JSON for a page and 3 with one stderr line for OMDb "Request limit reached!"', () => {
    const opts = { cwd: root, encoding: 'utf8' as const, timeout: 120_000, env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' } };
    const ok = spawnSync('npx', ['ts-node', 'scripts/cli.ts', 'parse', 'rotten-tomatoes', 'test/fixtures/rotten-tomatoes/scoreboard-2021.html'], opts);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ title: 'The Godfather', tomatometer: 97, audienceCount: 250000, audienceCountText: '250,000+ Ratings' });
    const quota = spawnSync('npx', ['ts-node', 'scripts/cli.ts', 'parse', 'omdb', 'test/fixtures/omdb/errors/401-request-limit-reached.json'], opts);
    expect(quota.status).toBe(3);
    expect(quota.stdout).toBe('');
    expect(quota.stderr.trim()).toMatch(/^QuotaExhaustedError: .*Request limit reached!/);
  }, 150_000);
});
