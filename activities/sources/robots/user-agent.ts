/**
 * The User-Agent of page fetches: browser-shaped (some sites refuse bare clients) yet honest —
 * it names the project and its contact from `sources.userAgent`, the way search crawlers do
 * ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)").
 */

export function browserLikeUserAgent(configured: string): string {
  const ua = configured.trim();
  if (/^Mozilla\//.test(ua)) return ua;
  return `Mozilla/5.0 (compatible; ${ua})`;
}

/** The product token robots.txt groups are matched against, e.g. "movie-ratings-lakehouse". */
export function robotsProductToken(userAgent: string): string {
  const ua = userAgent.trim();
  const compatible = /compatible;\s*([^;/()\s]+)/i.exec(ua);
  if (compatible) return compatible[1];
  const first = /^([^\s/()]+)/.exec(ua);
  return first ? first[1] : '*';
}
