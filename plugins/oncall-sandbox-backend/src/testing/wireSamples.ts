import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

/** Vendors with recorded wire samples. @public */
export type WireSampleVendor =
  | 'opsgenie'
  | 'blameless'
  | 'datadog'
  | 'jsm-ops'
  | 'pagerduty';

/** Directory holding the copied wire samples (`<vendor>/<file>`). @public */
export const WIRE_SAMPLES_DIR = resolvePackagePath(
  '@oncall-for-backstage/plugin-oncall-sandbox-backend',
  'src/__fixtures__/wire-samples',
);

/**
 * Reads one recorded vendor response, e.g. `loadWireSample('opsgenie', 'get-v2-schedules.json')`
 * or `loadWireSample('jsm-ops', 'GET_schedules_{id}_timeline.json')`.
 *
 * @public
 */
export function loadWireSample(
  vendor: WireSampleVendor,
  file: string,
): unknown {
  if (!/^[\w.{}-]+\.json$/.test(file)) {
    throw new Error(`Invalid wire sample file name '${file}'`);
  }
  return JSON.parse(
    readFileSync(resolve(WIRE_SAMPLES_DIR, vendor, file), 'utf8'),
  );
}
