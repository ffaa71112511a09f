import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  SANDBOX_DEFAULT_KEYS,
  SANDBOX_DEFAULT_SEED,
  SandboxOptions,
} from './options';
import { readQuotaConfig } from './quota/config';

/**
 * Reads `oncall-sandbox.*`; undefined when the sandbox is disabled. Every invalid value is an
 * error naming its full key: an InputError for a value out of range, the config reader's own
 * error (which names the key too) for a mistyped one.
 */
export function readSandboxConfig(config: Config): SandboxOptions | undefined {
  const c = config.getOptionalConfig('oncall-sandbox');
  if (!c || !(c.getOptionalBoolean('enabled') ?? false)) {
    return undefined;
  }
  const scale = c.getOptionalConfig('scale');
  const scaleCount = (key: string) =>
    wholeNumber(scale, key, 'oncall-sandbox.scale', { min: 0 });
  return {
    seed:
      // seeds are 32-bit
      wholeNumber(c, 'seed', 'oncall-sandbox', { min: 0, max: 0xffff_ffff }) ??
      SANDBOX_DEFAULT_SEED,
    control: c.getOptionalBoolean('control') ?? false,
    controlKey: readControlKey(c),
    keys: {
      opsgenie:
        c.getOptionalString('opsgenie.apiKey') ?? SANDBOX_DEFAULT_KEYS.opsgenie,
      blameless:
        c.getOptionalString('blameless.apiKey') ??
        SANDBOX_DEFAULT_KEYS.blameless,
      datadogApi:
        c.getOptionalString('datadog.apiKey') ??
        SANDBOX_DEFAULT_KEYS.datadogApi,
      datadogApp:
        c.getOptionalString('datadog.applicationKey') ??
        SANDBOX_DEFAULT_KEYS.datadogApp,
      jsm: {
        email:
          c.getOptionalString('jsm.email') ?? SANDBOX_DEFAULT_KEYS.jsm.email,
        apiToken:
          c.getOptionalString('jsm.apiToken') ??
          SANDBOX_DEFAULT_KEYS.jsm.apiToken,
        cloudId:
          c.getOptionalString('jsm.cloudId') ??
          SANDBOX_DEFAULT_KEYS.jsm.cloudId,
        orgId:
          c.getOptionalString('jsm.orgId') ?? SANDBOX_DEFAULT_KEYS.jsm.orgId,
      },
      pagerduty:
        c.getOptionalString('pagerduty.apiToken') ??
        SANDBOX_DEFAULT_KEYS.pagerduty,
    },
    scale: scale
      ? {
          teams: scaleCount('teams'),
          services: scaleCount('services'),
          incidents: scaleCount('incidents'),
          slos: scaleCount('slos'),
          alerts: scaleCount('alerts'),
        }
      : undefined,
    quota: readQuotaConfig(c.getOptionalConfig('quota')),
  };
}

/** The shortest `oncall-sandbox.controlKey` accepted. */
const MIN_CONTROL_KEY_LENGTH = 16;

function readControlKey(config: Config): string | undefined {
  const key = config.getOptionalString('controlKey');
  if (key !== undefined && key.length < MIN_CONTROL_KEY_LENGTH) {
    throw new InputError(
      `oncall-sandbox.controlKey must be at least ${MIN_CONTROL_KEY_LENGTH} characters long`,
    );
  }
  return key;
}

/** A whole number of at least `min` (and at most `max`) at `key` of `prefix`; undefined when unset. */
function wholeNumber(
  config: Config | undefined,
  key: string,
  prefix: string,
  options: { min: number; max?: number },
): number | undefined {
  const { min, max } = options;
  const problem = `${prefix}.${key} must be a whole number of at least ${min}${
    max === undefined ? '' : ` and at most ${max}`
  }`;
  let value: number | undefined;
  try {
    value = config?.getOptionalNumber(key);
  } catch {
    throw new InputError(problem);
  }
  if (
    value !== undefined &&
    (!Number.isInteger(value) ||
      value < min ||
      (max !== undefined && value > max))
  ) {
    throw new InputError(problem);
  }
  return value;
}
