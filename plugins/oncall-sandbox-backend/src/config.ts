import { Config } from '@backstage/config';
import {
  SANDBOX_DEFAULT_KEYS,
  SANDBOX_DEFAULT_SEED,
  SandboxOptions,
} from './options';

/** Reads `oncall-sandbox.*`; undefined when the sandbox is disabled. */
export function readSandboxConfig(config: Config): SandboxOptions | undefined {
  const c = config.getOptionalConfig('oncall-sandbox');
  if (!c || !(c.getOptionalBoolean('enabled') ?? false)) {
    return undefined;
  }
  const scale = c.getOptionalConfig('scale');
  return {
    seed: c.getOptionalNumber('seed') ?? SANDBOX_DEFAULT_SEED,
    control: c.getOptionalBoolean('control') ?? false,
    controlKey: c.getOptionalString('controlKey'),
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
    },
    scale: scale
      ? {
          teams: scale.getOptionalNumber('teams'),
          services: scale.getOptionalNumber('services'),
          incidents: scale.getOptionalNumber('incidents'),
          slos: scale.getOptionalNumber('slos'),
        }
      : undefined,
  };
}
