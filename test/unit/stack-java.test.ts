import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findJavaHome, javaMajorVersion } from '../../infra/local/java';

function fakeJdk(version: string): string {
  const home = mkdtempSync(join(tmpdir(), 'jdk-'));
  mkdirSync(join(home, 'bin'));
  writeFileSync(join(home, 'bin', 'java'), '');
  writeFileSync(join(home, 'release'), `IMPLEMENTOR="Test"\nJAVA_VERSION="${version}"\n`);
  return home;
}

describe('finding a JDK for Trino', () => {
  it('reads the major version from the release file', () => {
    expect(javaMajorVersion(fakeJdk('25.0.3'))).toBe(25);
    expect(javaMajorVersion(fakeJdk('24'))).toBe(24);
    expect(javaMajorVersion(fakeJdk('1.8.0_402'))).toBe(1);
    expect(javaMajorVersion('/no/such/jdk')).toBeUndefined();
  });

  it('honours JAVA_HOME_TRINO and rejects one that is too old', () => {
    const jdk25 = fakeJdk('25.0.1');
    expect(findJavaHome(24, { JAVA_HOME_TRINO: jdk25 })).toEqual({ home: jdk25, major: 25 });
    expect(() => findJavaHome(24, { JAVA_HOME_TRINO: fakeJdk('17.0.15') })).toThrow('JAVA_HOME_TRINO');
  });

  it('falls back to JAVA_HOME when it qualifies', () => {
    const jdk = fakeJdk('99.0.0');
    expect(findJavaHome(99, { JAVA_HOME: jdk })).toEqual({ home: jdk, major: 99 });
    expect(() => findJavaHome(1000, { JAVA_HOME: jdk })).toThrow('No JDK 1000+');
  });
});
