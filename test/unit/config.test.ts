import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, SANDBOX_KEYS, sourceCredentials } from '../../config';

const good = join(__dirname, '..', '..', 'config', 'pipeline.yaml');

function yamlFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
  const f = join(dir, 'p.yaml');
  writeFileSync(f, text);
  return f;
}

describe('config', () => {
  it('loads the shipped pipeline.yaml with no environment', () => {
    const c = loadConfig({ file: good, env: {} });
    expect(c.pipeline.temporal.address).toBe('127.0.0.1:7233');
    expect(c.pipeline.schedules.map((s) => s.workflow)).toEqual(['DailyIngest', 'EnrichOmdb', 'ScrapeCritics']);
    expect(c.secrets).toEqual({});
    expect(c.sources.sandbox).toBe(true);
    expect(c.sources.tmdbBaseUrl).toBe('http://127.0.0.1:8787/tmdb/3');
  });

  it('applies environment overrides, including the envconfig variables', () => {
    const c = loadConfig({ file: good, env: { TEMPORAL_ADDRESS: '10.0.0.1:7233', TEMPORAL_NAMESPACE: 'prod', SANDBOX_PORT: '9000' } });
    expect(c.pipeline.temporal.address).toBe('10.0.0.1:7233');
    expect(c.pipeline.temporal.namespace).toBe('prod');
    expect(c.sources.omdbBaseUrl).toBe('http://127.0.0.1:9000/omdb/');
  });

  it('switches to the real APIs when a TMDB key is set', () => {
    const c = loadConfig({ file: good, env: { TMDB_API_KEY: 'k', OMDB_API_KEY: 'o' } });
    expect(c.sources.sandbox).toBe(false);
    expect(c.sources.tmdbBaseUrl).toBe('https://api.themoviedb.org/3');
    expect(sourceCredentials(c)).toEqual({ tmdbApiKey: 'k', tmdbReadAccessToken: undefined, omdbApiKey: 'o' });
  });

  it('uses the sandbox keys in sandbox mode', () => {
    const c = loadConfig({ file: good, env: {} });
    expect(sourceCredentials(c).tmdbApiKey).toBe(SANDBOX_KEYS.tmdbApiKey);
  });

  it('reports every bad key in one message', () => {
    const f = yamlFile(
      readFileSync(good, 'utf8')
        .replace('provider: local', 'provider: kubernetes')
        .replace('catalog: movies_catalog', 'catalog: "Movies; DROP"')
        .replace('bucket: lakehouse', 'bucket: X')
        .replace('  taskQueue: lakehouse', '  taskQueue: lakehouse\n  colour: blue'),
    );
    let err: ConfigError | undefined;
    try {
      loadConfig({ file: f, env: { SANDBOX_PORT: 'eighty' } });
    } catch (e) {
      err = e as ConfigError;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect(err!.problems.length).toBe(5);
    expect(err!.message).toMatch(/infrastructure\.provider/);
    expect(err!.message).toMatch(/polaris\.catalog/);
    expect(err!.message).toMatch(/s3\.bucket/);
    expect(err!.message).toMatch(/colour/);
    expect(err!.message).toMatch(/SANDBOX_PORT/);
  });

  it('explains an unreadable file', () => {
    expect(() => loadConfig({ file: '/nonexistent/p.yaml', env: {} })).toThrow(/Cannot read config file/);
    expect(() => loadConfig({ file: yamlFile('just a string'), env: {} })).toThrow(/YAML mapping/);
    expect(() => loadConfig({ file: yamlFile('a: [1, 2'), env: {} })).toThrow(ConfigError);
  });
});
