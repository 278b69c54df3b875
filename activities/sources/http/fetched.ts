/**
 * What every source client's fetch method returns: the raw body (the pipeline stores every raw
 * payload in the S3 raw zone) beside what was parsed from it.
 */
export interface Fetched<T> {
  raw: string;
  parsed: T;
  /** Request URL with credentials redacted. */
  url: string;
  status: number;
  /** ISO-8601 UTC, when the response arrived. */
  fetchedAt: string;
}
