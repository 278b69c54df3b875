import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where Debian, Temurin's packages and most distributions put JDKs. */
const JVM_DIRS = ['/usr/lib/jvm', '/usr/local/lib/jvm', '/opt/java', '/opt'];

/** Major version of a JDK from its `release` file (`JAVA_VERSION="25.0.1"`). */
export function javaMajorVersion(javaHome: string): number | undefined {
  try {
    const m = /^JAVA_VERSION="(\d+)(?:[.\-+"]|$)/m.exec(readFileSync(join(javaHome, 'release'), 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A JDK with at least `minMajor`: `$JAVA_HOME_TRINO` if set (it must qualify), else the newest
 * JDK under the usual JVM directories, else `$JAVA_HOME`. Throws with what to install.
 */
export function findJavaHome(minMajor: number, env: NodeJS.ProcessEnv = process.env): { home: string; major: number } {
  const explicit = env.JAVA_HOME_TRINO;
  if (explicit) {
    const major = javaMajorVersion(explicit);
    if (major === undefined || major < minMajor) {
      throw new Error(`JAVA_HOME_TRINO=${explicit} is not a JDK ${minMajor}+ (found ${major ?? 'no release file'}).`);
    }
    return { home: explicit, major };
  }
  const candidates: { home: string; major: number }[] = [];
  for (const base of JVM_DIRS) {
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base)) {
      const home = join(base, name);
      const major = javaMajorVersion(home);
      if (major !== undefined && existsSync(join(home, 'bin', 'java'))) candidates.push({ home, major });
    }
  }
  if (env.JAVA_HOME) {
    const major = javaMajorVersion(env.JAVA_HOME);
    if (major !== undefined) candidates.push({ home: env.JAVA_HOME, major });
  }
  const best = candidates.filter((c) => c.major >= minMajor).sort((a, b) => b.major - a.major)[0];
  if (!best) {
    throw new Error(
      `No JDK ${minMajor}+ found (looked in ${JVM_DIRS.join(', ')} and JAVA_HOME). ` +
        `Install one (e.g. Temurin 25) or set JAVA_HOME_TRINO.`,
    );
  }
  return best;
}
