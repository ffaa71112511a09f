import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { isPathSegment } from '../../lib/VendorHttpClient';
import { requireHttpUrl } from '../../lib/httpUrl';

/** One JSM Operations provider's connection, read from its config section. */
export interface JsmProviderConfig {
  /** `https://api.atlassian.com` (default); requests go to `{baseUrl}/jsm/ops/api/{cloudId}/v1/…`. */
  baseUrl: string;
  cloudId: string;
  /** Basic `email:api_token` of an Atlassian account with Operations access. */
  email: string;
  apiToken: string;
  /** `https://<site>.atlassian.net`: Jira's user API (names, emails) and the Teams API. */
  jiraBaseUrl: string;
  /** The site's organisation id, for team members (the "whole team" level); absent: none listed. */
  orgId?: string;
  /** `https://<site>.atlassian.net`, for links to schedules; default `jiraBaseUrl`. */
  webUrl?: string;
}

export const JSM_DEFAULT_BASE_URL = 'https://api.atlassian.com';

function segment(config: Config, key: string, prefix: string): string {
  const value = config.getString(key).trim();
  if (!isPathSegment(value)) {
    throw new InputError(
      `${prefix}.${key} must be one path segment (no "/", not empty, "." or "..")`,
    );
  }
  return value;
}

/**
 * Reads and validates one JSM Operations section (`oncall.jsm`, or an `oncall.providers[]`
 * entry with `type: jsm`); every problem names its full key under `prefix`.
 */
export function readJsmProviderConfig(
  config: Config,
  prefix = 'oncall.jsm',
): JsmProviderConfig {
  const url = (key: string, fallback?: string) => {
    const value = config.getOptionalString(key) ?? fallback;
    if (value === undefined) {
      throw new InputError(`${prefix}.${key} is required`);
    }
    return requireHttpUrl(value, `${prefix}.${key}`).replace(/\/+$/, '');
  };
  const email = config.getString('email').trim();
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) {
    throw new InputError(`${prefix}.email must be an email address`);
  }
  const apiToken = config.getString('apiToken');
  if (apiToken.trim() === '') {
    throw new InputError(`${prefix}.apiToken must not be empty`);
  }
  const jiraBaseUrl = url('jiraBaseUrl');
  const orgId = config.getOptionalString('orgId');
  return {
    baseUrl: url('baseUrl', JSM_DEFAULT_BASE_URL),
    cloudId: segment(config, 'cloudId', prefix),
    email,
    apiToken,
    jiraBaseUrl,
    orgId: orgId === undefined ? undefined : segment(config, 'orgId', prefix),
    webUrl: config.has('webUrl') ? url('webUrl') : undefined,
  };
}
