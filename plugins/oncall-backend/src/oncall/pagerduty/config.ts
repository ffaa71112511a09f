import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { requireHttpUrl } from '../../lib/httpUrl';

/** One PagerDuty account: `oncall.pagerduty`, or an `oncall.providers[]` entry of type `pagerduty`. */
export interface PagerDutyProviderConfig {
  /** REST API base; `https://api.eu.pagerduty.com` for EU accounts. */
  baseUrl: string;
  /** Events API v2 base. */
  eventsBaseUrl: string;
  apiToken: string;
  /** `https://<subdomain>.pagerduty.com`, for links to schedules. */
  webUrl?: string;
  /**
   * Events API v2 integration (routing) keys by team, escalation policy or service name, for
   * paging entities without a `pagerduty.com/integration-key` annotation.
   */
  integrationKeys: Record<string, string>;
}

export const PAGERDUTY_DEFAULT_BASE_URL = 'https://api.pagerduty.com';
export const PAGERDUTY_DEFAULT_EVENTS_BASE_URL = 'https://events.pagerduty.com';

function urlAt(
  config: Config,
  key: string,
  prefix: string,
  fallback?: string,
): string | undefined {
  const value = config.getOptionalString(key) ?? fallback;
  return value === undefined
    ? undefined
    : requireHttpUrl(value, `${prefix}.${key}`).replace(/\/+$/, '');
}

/**
 * Reads and validates one PagerDuty section; every problem is an error naming the key,
 * e.g. `oncall.pagerduty.apiToken is required`.
 */
export function readPagerDutyProviderConfig(
  config: Config,
  prefix = 'oncall.pagerduty',
): PagerDutyProviderConfig {
  const apiToken = config.getOptionalString('apiToken');
  if (!apiToken) {
    throw new InputError(`${prefix}.apiToken is required`);
  }
  const keys = config.getOptionalConfig('integrationKeys');
  const integrationKeys: Record<string, string> = {};
  for (const name of keys?.keys() ?? []) {
    const value = keys!.getString(name);
    if (!/^[A-Za-z0-9]{32}$/.test(value)) {
      throw new InputError(
        `${prefix}.integrationKeys.${name} must be a 32-character Events API v2 integration key`,
      );
    }
    integrationKeys[name.toLocaleLowerCase('en-US')] = value;
  }
  return {
    baseUrl: urlAt(config, 'baseUrl', prefix, PAGERDUTY_DEFAULT_BASE_URL)!,
    eventsBaseUrl: urlAt(
      config,
      'eventsBaseUrl',
      prefix,
      PAGERDUTY_DEFAULT_EVENTS_BASE_URL,
    )!,
    apiToken,
    webUrl: urlAt(config, 'webUrl', prefix),
    integrationKeys,
  };
}
