export { PageFetcher } from './page-fetcher';
export type { PageFetcherOptions, PageFetchResult, PageRequest } from './page-fetcher';
export { RobotsCache } from './robots-cache';
export type { PageHttp, RobotsCacheOptions } from './robots-cache';
export { RobotsPolicy, sitePath, MAX_ROBOTS_CHARS } from './robots-policy';
export type { RobotsSource } from './robots-policy';
export { browserLikeUserAgent, robotsProductToken } from './user-agent';
