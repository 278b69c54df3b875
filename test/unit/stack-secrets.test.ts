import { mkdtempSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ConfigError, loadConfig } from '../../config';
import { ensureStackSecrets, renderEnvFile } from '../../infra/local/secrets';

function config(env: Record<string, string> = {}) {
  const state = mkdtempSync(join(tmpdir(), 'stack-secrets-'));
  return loadConfig({ env: { LAKEHOUSE_STATE_DIR: state, LAKEHOUSE_CACHE_DIR: join(state, 'cache'), ...env } });
}

describe('generated stack secrets', () => {
  it('generates all four on first use into a 0600 file, KEY=value lines', async () => {
    const c = config();
    const { secrets, generated } = await ensureStackSecrets(c);
    expect(generated.sort()).toEqual(['POLARIS_ROOT_CLIENT_ID', 'POLARIS_ROOT_CLIENT_SECRET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']);
    const file = c.paths.generatedEnvFile;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(`S3_ACCESS_KEY_ID=${secrets.s3AccessKeyId}\n`);
    expect(text).toContain(`POLARIS_ROOT_CLIENT_SECRET=${secrets.polarisRootClientSecret}\n`);
    expect(secrets.s3SecretAccessKey).toMatch(/^[0-9a-f]{40}$/);
    expect(secrets.polarisRootClientId).toMatch(/^[0-9a-f]{16}$/);
    // The caller's config sees them too.
    expect(c.secrets.s3AccessKeyId).toBe(secrets.s3AccessKeyId);
  });

  it('does not overwrite them on a second run, nor in a fresh load of the config', async () => {
    const c = config();
    const first = await ensureStackSecrets(c);
    const before = readFileSync(c.paths.generatedEnvFile, 'utf8');
    const again = await ensureStackSecrets(loadConfig({ env: { LAKEHOUSE_STATE_DIR: c.paths.stateDir, LAKEHOUSE_CACHE_DIR: c.paths.cacheDir } }));
    expect(again.generated).toEqual([]);
    expect(again.secrets).toEqual(first.secrets);
    expect(readFileSync(c.paths.generatedEnvFile, 'utf8')).toBe(before);
  });

  it('re-tightens the mode of an existing file', async () => {
    const c = config();
    await ensureStackSecrets(c);
    const { chmodSync } = await import('node:fs');
    chmodSync(c.paths.generatedEnvFile, 0o644);
    await ensureStackSecrets(loadConfig({ env: { LAKEHOUSE_STATE_DIR: c.paths.stateDir, LAKEHOUSE_CACHE_DIR: c.paths.cacheDir } }));
    expect(statSync(c.paths.generatedEnvFile).mode & 0o777).toBe(0o600);
  });

  it('uses credentials from the environment and generates only the missing pair', async () => {
    const c = config({ S3_ACCESS_KEY_ID: 'userkey', S3_SECRET_ACCESS_KEY: 'usersecret' });
    const { secrets, generated } = await ensureStackSecrets(c);
    expect(secrets.s3AccessKeyId).toBe('userkey');
    expect(generated).toEqual(['POLARIS_ROOT_CLIENT_ID', 'POLARIS_ROOT_CLIENT_SECRET']);
    expect(readFileSync(c.paths.generatedEnvFile, 'utf8')).not.toContain('usersecret');
  });

  it('keeps entries already in the file when adding a pair', async () => {
    const c = config({ POLARIS_ROOT_CLIENT_ID: 'pid', POLARIS_ROOT_CLIENT_SECRET: 'psecret' });
    mkdirSync(dirname(c.paths.generatedEnvFile), { recursive: true });
    writeFileSync(c.paths.generatedEnvFile, 'OTHER_SETTING=keep\n', { mode: 0o600 });
    await ensureStackSecrets(c);
    expect(readFileSync(c.paths.generatedEnvFile, 'utf8')).toContain('OTHER_SETTING=keep\n');
  });

  it('refuses half a pair (a generated secret would never match the given id)', async () => {
    await expect(ensureStackSecrets(config({ S3_ACCESS_KEY_ID: 'only-the-id' }))).rejects.toBeInstanceOf(ConfigError);
  });

  it('never writes a value that would break the env file', () => {
    expect(() => renderEnvFile({ A: 'x y' })).toThrow();
    expect(() => renderEnvFile({ 'bad key': 'x' })).toThrow();
  });
});
