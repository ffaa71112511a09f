import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { Severity } from '@internal/plugin-oncall-common';

/** Opsgenie connection; absent when `oncall.opsgenie` is not configured. */
export interface OpsgenieConfig {
  baseUrl: string;
  apiKey: string;
  webUrl?: string;
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
}

/** DataDog connection. */
export interface DatadogConfig {
  baseUrl: string;
  apiKey: string;
  applicationKey: string;
  webUrl: string;
  /** `burnRateMaxAgeMinutes` in ms: how old burn rates may get before they are read again. */
  burnRateMaxAgeMs: number;
}

/** Everything under `oncall.*`, with defaults applied. */
export interface OncallConfig {
  opsgenie?: OpsgenieConfig;
  blameless?: BlamelessConfig;
  datadog?: DatadogConfig;
  incidentCommanderSchedule?: string;
  /** Explicit Group ref (lower-case) → Opsgenie team name. */
  teamMappings: Map<string, string>;
  refresh: {
    onCall: SchedulerServiceTaskScheduleDefinition;
    incidents: SchedulerServiceTaskScheduleDefinition;
    slos: SchedulerServiceTaskScheduleDefinition;
  };
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
  slos: { frequency: { minutes: 5 }, timeout: { minutes: 5 } },
} satisfies OncallConfig['refresh'];

/** Reads and validates `oncall.*`; an invalid value is an InputError naming its config key. */
export function readOncallConfig(root: Config): OncallConfig {
  const config = root.getOptionalConfig('oncall');
  const teamMappings = new Map<string, string>();
  for (const mapping of config?.getOptionalConfigArray('teamMappings') ?? []) {
    teamMappings.set(
      normaliseGroupRef(mapping.getString('group')),
      mapping.getString('team'),
    );
  }
  return {
    opsgenie: readOpsgenie(config?.getOptionalConfig('opsgenie')),
    blameless: readBlameless(config?.getOptionalConfig('blameless')),
    datadog: readDatadog(config?.getOptionalConfig('datadog')),
    incidentCommanderSchedule: config?.getOptionalString(
      'incidentCommander.schedule',
    ),
    teamMappings,
    refresh: {
      onCall: readSchedule(config, 'onCall', defaultRefresh.onCall),
      incidents: readSchedule(config, 'incidents', defaultRefresh.incidents),
      slos: readSchedule(config, 'slos', defaultRefresh.slos),
    },
    vendorTimeoutMs: positive(config, 'vendorTimeoutMs', 5000),
    staleAfterMs: positive(config, 'staleAfterMinutes', 10) * 60_000,
  };
}

function readOpsgenie(config: Config | undefined): OpsgenieConfig | undefined {
  if (!config) {
    return undefined;
  }
  return {
    baseUrl: url(config, 'baseUrl', 'oncall.opsgenie.baseUrl'),
    apiKey: config.getString('apiKey'),
    webUrl: config.getOptionalString('webUrl'),
  };
}

function readBlameless(
  config: Config | undefined,
): BlamelessConfig | undefined {
  if (!config) {
    return undefined;
  }
  const severityMap = { ...defaultSeverityMap };
  const custom = config.getOptionalConfig('severityMap');
  for (const label of custom?.keys() ?? []) {
    const value = custom!.getString(label);
    if (!isSeverity(value)) {
      throw new InputError(
        `oncall.blameless.severityMap.${label} must be one of sev0, sev1, sev2, sev3`,
      );
    }
    severityMap[label.toLocaleUpperCase('en-US')] = value;
  }
  return {
    baseUrl: url(config, 'baseUrl', 'oncall.blameless.baseUrl'),
    apiKey: config.getString('apiKey'),
    severityMap,
    backfillDays: positive(config, 'backfillDays', 365),
    retentionDays: positive(config, 'retentionDays', 730),
    retrospectiveDays: wholeNumber(
      config,
      'retrospectiveDays',
      'oncall.blameless.retrospectiveDays',
      30,
      1,
    ),
    retrospectiveLookupsPerRun: wholeNumber(
      config,
      'retrospectiveLookupsPerRun',
      'oncall.blameless.retrospectiveLookupsPerRun',
      200,
      0,
    ),
  };
}

function readDatadog(config: Config | undefined): DatadogConfig | undefined {
  if (!config) {
    return undefined;
  }
  const site = config.getOptionalString('site') ?? 'datadoghq.com';
  const baseUrl = config.has('baseUrl')
    ? url(config, 'baseUrl', 'oncall.datadog.baseUrl')
    : `https://api.${site}`;
  return {
    baseUrl,
    apiKey: config.getString('apiKey'),
    applicationKey: config.getString('applicationKey'),
    webUrl: config.getOptionalString('webUrl') ?? `https://app.${site}`,
    burnRateMaxAgeMs:
      positiveNumber(
        config,
        'burnRateMaxAgeMinutes',
        'oncall.datadog.burnRateMaxAgeMinutes',
        10,
      ) * 60_000,
  };
}

function readSchedule(
  config: Config | undefined,
  key: keyof OncallConfig['refresh'],
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

function url(config: Config, key: string, path: string): string {
  const value = config.getString(key);
  try {
    return new URL(value).toString().replace(/\/+$/, '');
  } catch {
    throw new InputError(`${path} must be an absolute URL, got "${value}"`);
  }
}

function positive(
  config: Config | undefined,
  key: string,
  fallback: number,
): number {
  const value = config?.getOptionalNumber(key);
  if (value === undefined) {
    return fallback;
  }
  if (!Number.isFinite(value) || value <= 0) {
    throw new InputError(`oncall.${key} must be a positive number`);
  }
  return value;
}

/** A positive number at `key` of a vendor block; the error names the full key `path`. */
function positiveNumber(
  config: Config,
  key: string,
  path: string,
  fallback: number,
): number {
  let value: number | undefined;
  try {
    value = config.getOptionalNumber(key);
  } catch {
    throw new InputError(`${path} must be a positive number`);
  }
  if (value === undefined) {
    return fallback;
  }
  if (!Number.isFinite(value) || value <= 0) {
    throw new InputError(`${path} must be a positive number`);
  }
  return value;
}

/** A whole number of at least `min` (1: positive, 0: zero allowed), or `fallback` when unset. */
function wholeNumber(
  config: Config,
  key: string,
  name: string,
  fallback: number,
  min: 0 | 1,
): number {
  const value = config.getOptionalNumber(key);
  if (value === undefined) {
    return fallback;
  }
  if (!Number.isInteger(value) || value < min) {
    throw new InputError(
      min === 1
        ? `${name} must be a positive whole number`
        : `${name} must be a whole number (0 or more)`,
    );
  }
  return value;
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
