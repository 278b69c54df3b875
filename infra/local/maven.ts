import { join } from 'node:path';
import { run } from './exec';
import type { Log } from './types';
import { VERSIONS } from './versions';

/**
 * Copies one artifact (`group:artifact:version[:type[:classifier]]`) out of Maven into `outDir`
 * and returns its path. Through mvn, so the machine's own repository/mirror settings apply (no
 * hard-coded host); `dependency:copy` needs no project.
 */
export async function mavenCopy(artifact: string, outDir: string, log: Log): Promise<string> {
  log(`  mvn dependency:copy ${artifact}`);
  await run(
    'mvn',
    [
      '-B',
      '-q',
      '-Dstyle.color=never',
      `org.apache.maven.plugins:maven-dependency-plugin:${VERSIONS.mavenDependencyPlugin}:copy`,
      `-Dartifact=${artifact}`,
      `-DoutputDirectory=${outDir}`,
    ],
    { log, label: `mvn ${artifact}`, cwd: outDir },
  );
  return join(outDir, mavenFileName(artifact));
}

/** The file name Maven gives an artifact: `name-version[-classifier].type` (type defaults to jar). */
export function mavenFileName(artifact: string): string {
  const [, name, version, type = 'jar', classifier] = artifact.split(':');
  return `${name}-${version}${classifier ? `-${classifier}` : ''}.${type}`;
}
