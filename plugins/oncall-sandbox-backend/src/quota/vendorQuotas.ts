import { SandboxVendor } from '../control/faults';
import { QuotaWindow } from './rates';

/** One rate-limit domain (bucket) of a vendor, with its default windows. @public */
export interface QuotaDomain {
  /** The vendor's own name for it, as its headers carry it (`X-RateLimit-Reason`, `X-RateLimit-Name`). */
  name: string;
  windows: QuotaWindow[];
  /** Where the default numbers come from. */
  source: string;
  /** True when no vendor source gives the numbers and the sandbox picked them. */
  assumed: boolean;
}

/** A vendor's rate-limit domains and which of them each route spends. @public */
export interface VendorQuota {
  /** By domain id, the key of `--quota <vendor>.<domain>=…`. */
  domains: Record<string, QuotaDomain>;
  /** The domain a route (method and route pattern) counts against; undefined when unlimited. */
  domainOf(method: string, pattern: string): string | undefined;
}

const OPSGENIE_SOURCE =
  'docs.opsgenie.com/docs/api-rate-limiting: a token bucket per domain, checked per second and per minute; the numbers depend on plan and user count and were not published in a readable form';

const JSM_SOURCE =
  "oncall-providers.md: the JSM Operations spec documents 429 but no numbers; API-token traffic is under Atlassian's burst limits, whose numbers are not published";

const BLAMELESS_SOURCE =
  'Blameless never documented rate limits; 50 requests per 10 s per account is what FireHydrant, which took Blameless over, states for its API';

const PAGERDUTY_REST_SOURCE =
  'support.pagerduty.com/docs/rest-api-rate-limits: 960 requests a minute per API key (oncall-providers.md §3)';

const PAGERDUTY_EVENTS_SOURCE =
  'PagerDuty adjusts the Events API v2 budget dynamically and publishes no number; 120 events a minute per integration key is the figure its docs gave for Events API v2';

const DATADOG_RECORDED = (file: string) =>
  `recorded X-RateLimit-* headers, wire-samples/datadog/${file}`;

const quotaDomain = (
  name: string,
  windows: QuotaWindow[],
  source: string,
  assumed: boolean,
): QuotaDomain => ({ name, windows, source, assumed });

/** An assumed token bucket checked per second and per minute, a minute holding 60 seconds' worth. */
const perSecondDomain = (
  name: string,
  perSecond: number,
  source: string,
): QuotaDomain =>
  quotaDomain(
    name,
    [
      { limit: perSecond, seconds: 1 },
      { limit: perSecond * 60, seconds: 60 },
    ],
    source,
    true,
  );

/** A bucket with one 10-second window: DataDog's, and Blameless's (as FireHydrant states it). */
const tenSecondDomain = (
  name: string,
  limit: number,
  source: string,
  assumed = false,
): QuotaDomain => quotaDomain(name, [{ limit, seconds: 10 }], source, assumed);

/** A bucket with one 1-minute window (PagerDuty's). */
const perMinuteDomain = (
  name: string,
  limit: number,
  source: string,
  assumed: boolean,
): QuotaDomain => quotaDomain(name, [{ limit, seconds: 60 }], source, assumed);

/**
 * DataDog's bucket of a path or route pattern, by its `X-RateLimit-Name`; undefined for paths
 * DataDog does not serve.
 */
export function datadogBucketOf(path: string): string | undefined {
  if (/^\/api\/v1\/slo\/search(\/|$)/.test(path)) return 'slo_search';
  if (/^\/api\/v1\/slo\/[^/]+\/history/.test(path)) return 'slo_history';
  if (/^\/api\/v1\/slo\/[^/]+/.test(path)) return 'slo_get';
  if (/^\/api\/v1\/slo\/?$/.test(path)) return 'slo_get_all';
  if (/^\/api\/v1\/monitor\/[^/]+/.test(path)) return 'get_monitors';
  if (/^\/api\/v1\/monitor\/?$/.test(path)) return 'get_all_monitors';
  if (/^\/api\/v1\/validate\/?$/.test(path)) return 'validate';
  return undefined;
}

/** A record with one value per vendor. */
export function perVendor<T>(
  make: (vendor: SandboxVendor) => T,
): Record<SandboxVendor, T> {
  return {
    opsgenie: make('opsgenie'),
    blameless: make('blameless'),
    datadog: make('datadog'),
    jsm: make('jsm'),
    pagerduty: make('pagerduty'),
  };
}

/**
 * Every vendor's rate-limit domains. Adding a vendor (JSM Operations, PagerDuty) is one entry
 * here, e.g. PagerDuty's REST API: `{ domains: { rest: { name: 'rest', windows: [{ limit: 960,
 * seconds: 60 }], source: 'oncall-providers.md', assumed: false } }, domainOf: () => 'rest' }`,
 * plus its 429 writer (`ratelimit-*` headers) in the vendor's responder.
 *
 * @public
 */
export const VENDOR_QUOTAS: Record<SandboxVendor, VendorQuota> = {
  opsgenie: {
    domains: {
      alert: perSecondDomain('Alert', 30, OPSGENIE_SOURCE),
      configuration: perSecondDomain('Configuration', 10, OPSGENIE_SOURCE),
      search: perSecondDomain('Search', 10, OPSGENIE_SOURCE),
      'schedule-oncalls': perSecondDomain(
        'Schedule-oncalls',
        10,
        OPSGENIE_SOURCE,
      ),
    },
    // Opsgenie's grouping: who-is-on-call calls are Schedule-oncalls, listing alerts and users
    // is Search, the Alert API is Alert, every other REST call (teams, users, schedules,
    // timelines, overrides, escalations) is Configuration.
    domainOf(method, pattern) {
      if (
        /^\/v2\/schedules\/(:\w+\/)?(on-calls|next-on-calls)$/.test(pattern)
      ) {
        return 'schedule-oncalls';
      }
      if (
        method === 'GET' &&
        (pattern === '/v2/alerts' || pattern === '/v2/users')
      ) {
        return 'search';
      }
      if (/^\/v2\/alerts(\/|$)/.test(pattern)) {
        return 'alert';
      }
      return /^\/v2\//.test(pattern) ? 'configuration' : undefined;
    },
  },
  blameless: {
    domains: { api: tenSecondDomain('api', 50, BLAMELESS_SOURCE, true) },
    domainOf: (_method, pattern) =>
      /^\/api\//.test(pattern) ? 'api' : undefined,
  },
  datadog: {
    domains: {
      slo_get_all: tenSecondDomain(
        'slo_get_all',
        1000,
        DATADOG_RECORDED('get-api-v1-slo-ids.headers.json'),
      ),
      slo_get: tenSecondDomain(
        'slo_get',
        3000,
        DATADOG_RECORDED('get-api-v1-slo-id-monitor.headers.json'),
      ),
      slo_history: tenSecondDomain(
        'slo_history',
        150,
        DATADOG_RECORDED('get-api-v1-slo-id-history-monitor.headers.json'),
      ),
      slo_search: tenSecondDomain(
        'slo_search',
        1000,
        'not recorded; name and limit assumed like slo_get_all',
        true,
      ),
      get_all_monitors: tenSecondDomain(
        'get_all_monitors',
        1000,
        DATADOG_RECORDED('get-api-v1-monitor-id-offset.headers.json'),
      ),
      get_monitors: tenSecondDomain(
        'get_monitors',
        3000,
        DATADOG_RECORDED('get-api-v1-monitor-id-404.headers.json'),
      ),
      validate: tenSecondDomain(
        'validate',
        1000,
        'not recorded; name and limit assumed',
        true,
      ),
    },
    domainOf: (_method, pattern) => datadogBucketOf(pattern),
  },
  jsm: {
    domains: {
      ops: perSecondDomain('jsm-ops', 10, JSM_SOURCE),
      users: perSecondDomain('jira-users', 10, JSM_SOURCE),
    },
    // the JSM Operations REST API under /v1, and Jira's user API the adapter resolves names with
    domainOf(_method, pattern) {
      if (/^\/v1\//.test(pattern)) return 'ops';
      return /^\/rest\/api\/3\/user/.test(pattern) ? 'users' : undefined;
    },
  },
  pagerduty: {
    domains: {
      rest: perMinuteDomain('rest', 960, PAGERDUTY_REST_SOURCE, false),
      events: perMinuteDomain('events', 120, PAGERDUTY_EVENTS_SOURCE, true),
    },
    // The Events API (its router's only route) has its own budget; every REST route spends
    // the account's 960 a minute.
    domainOf: (_method, pattern) =>
      pattern === '/v2/enqueue' ? 'events' : 'rest',
  },
};
