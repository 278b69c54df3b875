import { ApplicationFailure } from '@temporalio/common';
import { ConfigError } from '../../../config/errors';
import { criticSiteSchema, type CriticSite } from '../../sources/records';
import type { IngestContext } from '../context';

/** What one critic site's activities read from config, validated once per call. */
export interface CriticSiteSettings {
  site: CriticSite;
  /** Key under `sources.` of pipeline.yaml. */
  configKey: 'rottenTomatoes' | 'metacritic';
  baseUrl: string;
  userAgent: string;
  recheckAfterDays: number;
  requestsPerActivity: number;
  maxMoviesPerRun: number;
}

/** The site named by a workflow input; anything else is a caller bug, not worth a retry. */
export function checkSite(site: unknown): CriticSite {
  const parsed = criticSiteSchema.safeParse(site);
  if (!parsed.success) {
    throw ApplicationFailure.create({ type: 'InvalidCriticSite', message: `Unknown critic site ${JSON.stringify(site)}`, nonRetryable: true });
  }
  return parsed.data;
}

export function siteSettings(ctx: Pick<IngestContext, 'config'>, site: CriticSite): CriticSiteSettings {
  const configKey = site === 'rotten_tomatoes' ? 'rottenTomatoes' : 'metacritic';
  const s = ctx.config.pipeline.sources;
  const own = s[configKey];
  const baseUrl = site === 'rotten_tomatoes' ? ctx.config.sources?.rottenTomatoesBaseUrl : ctx.config.sources?.metacriticBaseUrl;
  const problems: string[] = [];
  if (!baseUrl || !isHttpUrl(baseUrl)) problems.push(`the ${configKey} base URL is missing or not an http(s) URL`);
  if (!s.userAgent?.trim()) problems.push('sources.userAgent is empty');
  for (const k of ['recheckAfterDays', 'requestsPerActivity', 'maxMoviesPerRun'] as const) {
    if (!Number.isSafeInteger(own?.[k]) || own[k] < 1) problems.push(`sources.${configKey}.${k} must be a positive integer`);
  }
  if (problems.length) throw new ConfigError(`Critic scraping of ${site} is misconfigured: ${problems.join('; ')}`, problems);
  return {
    site,
    configKey,
    baseUrl: (baseUrl as string).replace(/\/+$/, ''),
    userAgent: s.userAgent,
    recheckAfterDays: own.recheckAfterDays,
    requestsPerActivity: own.requestsPerActivity,
    maxMoviesPerRun: own.maxMoviesPerRun,
  };
}

function isHttpUrl(u: string): boolean {
  try {
    const p = new URL(u).protocol;
    return p === 'http:' || p === 'https:';
  } catch {
    return false;
  }
}
