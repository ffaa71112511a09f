import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { Severity } from '@oncall-for-backstage/plugin-oncall-common';
import { capEcho } from './lib/echo';
import { requireHttpUrl } from './lib/httpUrl';
import { assertNoDisabledSandbox } from './sandboxGuard';

/** Opsgenie connection; absent when `oncall.opsgenie` is not configured. */
export interface OpsgenieConfig {
  baseUrl: string;
  apiKey: string;
  webUrl?: string;
  /** Requests a minute the syncs may send to this account, spread evenly; none: unpaced. */
  requestsPerMinute?: number;
}

/** Blameless connection. */
export interface BlamelessConfig {
  baseUrl: string;
  apiKey: string;
  /** Blameless severity label (e.g. `SEV1`) → our severity. */
  severityMap: Record<string, Severity>;
  backfillDays: number;
  retentionDays: number;
  /**
   * Incidents that started within this many days (or are still open) have their retrospective
   * looked up during the sync; older ones when first viewed. Default 30.
   */
  retrospectiveDays?: number;
  /** Pending retrospectives looked up in the background after each sync. */
  retrospectiveLookupsPerRun?: number;
  /** Requests a minute the syncs may send to Blameless, spread evenly; none: unpaced. */
  requestsPerMinute?: number;
}

/** DataDog connection. */
export interface DatadogConfig {
  baseUrl: string;
  apiKey: string;
  applicationKey: string;
  webUrl: string;
  /** `burnRateMaxAgeMinutes` in ms: how old burn rates may get before they are read again. */
  burnRateMaxAgeMs: number;
  /** Requests a minute the syncs may send to DataDog, spread evenly; none: unpaced. */
  requestsPerMinute?: number;
}

/** Everything under `oncall.*`, with defaults applied. */
export interface OnCallConfig {
  opsgenie?: OpsgenieConfig;
  blameless?: BlamelessConfig;
  datadog?: DatadogConfig;
  incidentCommanderSchedule?: string;
  /** Explicit Group ref (lower-case) → Opsgenie team name. */
  teamMappings: Map<string, string>;
  refresh: {
    onCall: SchedulerServiceTaskScheduleDefinition;
    incidents: SchedulerServiceTaskScheduleDefinition;
    /** The faster sync that keeps open incidents (the live banner) current. */
    openIncidents: SchedulerServiceTaskScheduleDefinition;
    slos: SchedulerServiceTaskScheduleDefinition;
  };
  /** How the on-call sync spends its requests when it can check the vendor cheaply. */
  onCallChecks: { maxStaleMs: number; rereadMs: number };
  /** The on-call and SLO syncs are split into this many scheduled tasks (`lib/shards.ts`). */
  shards: number;
  vendorTimeoutMs: number;
  staleAfterMs: number;
}

const defaultSeverityMap: Record<string, Severity> = {
  SEV0: 'sev0',
  SEV1: 'sev1',
  SEV2: 'sev2',
  SEV3: 'sev3',
};

const defaultRefresh = {
  onCall: { frequency: { minutes: 2 }, timeout: { minutes: 2 } },
  incidents: { frequency: { minutes: 5 }, timeout: { minutes: 5 } },
  openIncidents: { frequency: { seconds: 30 }, timeout: { minutes: 1 } },
  slos: { frequency: { minutes: 5 }, timeout: { minutes: 5 } },
} satisfies OnCallConfig['refresh'];

/** The longest vendor call timeout accepted: 10 minutes. */
const MAX_VENDOR_TIMEOUT_MS = 600_000;

/**
 * Reads and validates `oncall.*`. Every invalid value is an error naming its full config key
 * (e.g. `oncall.blameless.backfillDays`): an InputError for a value of the right type out of
 * range, the config reader's own error (which names the key too) for a missing or mistyped
 * string or section.
 */
export function readOnCallConfig(root: Config): OnCallConfig {
  const config = root.getOptionalConfig('oncall');
  const opsgenie = readOpsgenie(config?.getOptionalConfig('opsgenie'));
  const blameless = readBlameless(config?.getOptionalConfig('blameless'));
  const datadog = readDatadog(config?.getOptionalConfig('datadog'));
  assertNoDisabledSandbox(root, { opsgenie, blameless, datadog });
  return {
    opsgenie,
    blameless,
    datadog,
    incidentCommanderSchedule: config?.getOptionalString(
      'incidentCommander.schedule',
    ),
    teamMappings: readTeamMappings(config),
    refresh: {
      onCall: readSchedule(config, 'onCall', defaultRefresh.onCall),
      incidents: readSchedule(config, 'incidents', defaultRefresh.incidents),
      openIncidents: readSchedule(
        config,
        'openIncidents',
        defaultRefresh.openIncidents,
      ),
      slos: readSchedule(config, 'slos', defaultRefresh.slos),
    },
    onCallChecks: readOnCallChecks(config?.getOptionalConfig('refresh')),
    shards: wholeNumber(config, 'refresh.shards', 'oncall', {
      fallback: 1,
      min: 1,
      max: 64,
    }),
    vendorTimeoutMs: wholeNumber(config, 'vendorTimeoutMs', 'oncall', {
      fallback: 5000,
      min: 1,
      max: MAX_VENDOR_TIMEOUT_MS,
    }),
    staleAfterMs:
      positiveNumber(config, 'staleAfterMinutes', 'oncall', 10) * 60_000,
  };
}

export function readOpsgenie(
  config: Config | undefined,
  prefix = 'oncall.opsgenie',
): OpsgenieConfig | undefined {
  if (!config) {
    return undefined;
  }
  const webUrl = config.getOptionalString('webUrl');
  return {
    baseUrl: url(config, 'baseUrl', prefix),
    apiKey: config.getString('apiKey'),
    webUrl: webUrl === undefined ? undefined : url(config, 'webUrl', prefix),
    requestsPerMinute: requestsPerMinute(config, prefix),
  };
}

function readBlameless(
  config: Config | undefined,
): BlamelessConfig | undefined {
  if (!config) {
    return undefined;
  }
  const prefix = 'oncall.blameless';
  const severityMap = { ...defaultSeverityMap };
  const custom = config.getOptionalConfig('severityMap');
  for (const label of custom?.keys() ?? []) {
    const value = custom!.getString(label);
    if (!isSeverity(value)) {
      throw new InputError(
        `${prefix}.severityMap.${label} must be one of sev0, sev1, sev2, sev3`,
      );
    }
    severityMap[label.toLocaleUpperCase('en-US')] = value;
  }
  return {
    baseUrl: url(config, 'baseUrl', prefix),
    apiKey: config.getString('apiKey'),
    severityMap,
    backfillDays: positiveNumber(config, 'backfillDays', prefix, 365),
    retentionDays: positiveNumber(config, 'retentionDays', prefix, 730),
    retrospectiveDays: wholeNumber(config, 'retrospectiveDays', prefix, {
      fallback: 30,
      min: 1,
    }),
    retrospectiveLookupsPerRun: wholeNumber(
      config,
      'retrospectiveLookupsPerRun',
      prefix,
      { fallback: 200, min: 0 },
    ),
    requestsPerMinute: requestsPerMinute(config, prefix),
  };
}

/** A DataDog site: a host name such as `datadoghq.com`, `datadoghq.eu` or `us5.datadoghq.com`. */
const SITE =
  /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;

function readDatadog(config: Config | undefined): DatadogConfig | undefined {
  if (!config) {
    return undefined;
  }
  const prefix = 'oncall.datadog';
  const site = config.getOptionalString('site') ?? 'datadoghq.com';
  if (!SITE.test(site)) {
    throw new InputError(
      `${prefix}.site must be a DataDog site host name such as datadoghq.com or datadoghq.eu, got ${JSON.stringify(
        capEcho(site),
      )}`,
    );
  }
  return {
    baseUrl: config.has('baseUrl')
      ? url(config, 'baseUrl', prefix)
      : `https://api.${site}`,
    apiKey: config.getString('apiKey'),
    applicationKey: config.getString('applicationKey'),
    webUrl: config.has('webUrl')
      ? url(config, 'webUrl', prefix)
      : `https://app.${site}`,
    burnRateMaxAgeMs:
      positiveNumber(config, 'burnRateMaxAgeMinutes', prefix, 10) * 60_000,
    requestsPerMinute: requestsPerMinute(config, prefix),
  };
}

/** `oncall.teamMappings`: Group ref (lower-case, full) → Opsgenie team name. */
function readTeamMappings(config: Config | undefined): Map<string, string> {
  const teamMappings = new Map<string, string>();
  (config?.getOptionalConfigArray('teamMappings') ?? []).forEach(
    (mapping, index) => {
      const group = mapping.getString('group');
      const groupRef = normaliseGroupRef(group);
      if (!isGroupRef(groupRef)) {
        throw new InputError(
          `oncall.teamMappings[${index}].group must be a Group ref such as group:default/payments, got ${JSON.stringify(
            capEcho(group),
          )}`,
        );
      }
      teamMappings.set(groupRef, mapping.getString('team'));
    },
  );
  return teamMappings;
}

function isGroupRef(ref: string): boolean {
  try {
    const parsed = parseEntityRef(ref);
    return (
      parsed.kind === 'group' &&
      parsed.namespace.length > 0 &&
      parsed.name.length > 0
    );
  } catch {
    return false;
  }
}

function readSchedule(
  config: Config | undefined,
  key: keyof OnCallConfig['refresh'],
  fallback: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition {
  const scheduleConfig = config?.getOptionalConfig(`refresh.${key}`);
  if (!scheduleConfig) {
    return fallback;
  }
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig);
  } catch (error) {
    throw new InputError(`oncall.refresh.${key} is invalid: ${error}`);
  }
}

/** An absolute http(s) URL at `key`, without a trailing slash. */
function url(config: Config, key: string, prefix: string): string {
  return requireHttpUrl(config.getString(key), `${prefix}.${key}`).replace(
    /\/+$/,
    '',
  );
}

/** The number at `key`, or undefined when unset; any other type is `problem` for `name`. */
function optionalNumber(
  config: Config | undefined,
  key: string,
  name: string,
  problem: string,
): number | undefined {
  try {
    return config?.getOptionalNumber(key);
  } catch {
    throw new InputError(`${name} ${problem}`);
  }
}

/**
 * `oncall.refresh.onCallMaxStaleMinutes` and `onCallRereadMinutes` (at least the former), in
 * milliseconds.
 */
function readOnCallChecks(refresh: Config | undefined) {
  const maxStale = wholeNumber(
    refresh,
    'onCallMaxStaleMinutes',
    'oncall.refresh',
    {
      fallback: 15,
      min: 1,
      max: 1440,
    },
  );
  const reread = wholeNumber(refresh, 'onCallRereadMinutes', 'oncall.refresh', {
    fallback: Math.max(60, maxStale),
    min: 1,
    max: 10_080,
  });
  if (reread < maxStale) {
    throw new InputError(
      `oncall.refresh.onCallRereadMinutes must be at least oncall.refresh.onCallMaxStaleMinutes (${maxStale})`,
    );
  }
  return { maxStaleMs: maxStale * 60_000, rereadMs: reread * 60_000 };
}

/** A finite number above 0 at `key` of the section `prefix`, or `fallback` when unset. */
function positiveNumber(
  config: Config | undefined,
  key: string,
  prefix: string,
  fallback: number,
): number {
  const name = `${prefix}.${key}`;
  const problem = 'must be a positive number';
  const value = optionalNumber(config, key, name, problem);
  if (value === undefined) {
    return fallback;
  }
  if (!Number.isFinite(value) || value <= 0) {
    throw new InputError(`${name} ${problem}`);
  }
  return value;
}

/**
 * A whole number of at least `min` (1: positive, 0: zero allowed) and at most `max` at `key`
 * of the section `prefix`, or `fallback` when unset.
 */
function wholeNumber(
  config: Config | undefined,
  key: string,
  prefix: string,
  options: { fallback: number; min: 0 | 1; max?: number },
): number {
  const { fallback, min, max } = options;
  const name = `${prefix}.${key}`;
  const problem = `${
    min === 1
      ? 'must be a positive whole number'
      : 'must be a whole number (0 or more)'
  }${max === undefined ? '' : ` of at most ${max}`}`;
  const value = optionalNumber(config, key, name, problem);
  if (value === undefined) {
    return fallback;
  }
  if (
    !Number.isInteger(value) ||
    value < min ||
    (max !== undefined && value > max)
  ) {
    throw new InputError(`${name} ${problem}`);
  }
  return value;
}

/** The largest request budget accepted: 100,000 a minute. */
const MAX_REQUESTS_PER_MINUTE = 100_000;

/** `<prefix>.requestsPerMinute`: a whole number from 1 to 100,000, or undefined when unset. */
function requestsPerMinute(config: Config, prefix: string): number | undefined {
  if (!config.has('requestsPerMinute')) {
    return undefined;
  }
  return wholeNumber(config, 'requestsPerMinute', prefix, {
    fallback: 0,
    min: 1,
    max: MAX_REQUESTS_PER_MINUTE,
  });
}

function isSeverity(value: string): value is Severity {
  return ['sev0', 'sev1', 'sev2', 'sev3'].includes(value);
}

/** `payments` / `group:payments` / `Group:default/Payments` → `group:default/payments`. */
export function normaliseGroupRef(ref: string): string {
  const lower = ref.trim().toLocaleLowerCase('en-US');
  const withKind = lower.includes(':') ? lower : `group:${lower}`;
  const [kind, rest] = withKind.split(':', 2);
  return rest.includes('/') ? `${kind}:${rest}` : `${kind}:default/${rest}`;
}
