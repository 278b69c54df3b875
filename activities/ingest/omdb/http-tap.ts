import type { HttpClient, HttpResponse } from '../../sources/http';

/**
 * The worker's HttpClient (shared limits) seen through a tap that keeps the last response, so a
 * body the OMDb client refused (not found, unparseable) can still be stored as the raw object
 * its quarantine row points at. One tap per activity call: the calls are sequential.
 */
export interface HttpTap {
  http: HttpClient;
  last(): HttpResponse | undefined;
  clear(): void;
}

export function tapHttp(inner: HttpClient): HttpTap {
  let last: HttpResponse | undefined;
  const http = Object.create(inner) as HttpClient;
  http.get = async (req) => {
    const res = await inner.get(req);
    last = res;
    return res;
  };
  return { http, last: () => last, clear: () => void (last = undefined) };
}
