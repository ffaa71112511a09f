import { OnCallSource } from '@oncall-for-backstage/plugin-oncall-common';

const VENDOR_NAMES: Record<OnCallSource, string> = {
  opsgenie: 'Opsgenie',
  jsm: 'JSM Operations',
  pagerduty: 'PagerDuty',
  blameless: 'Blameless',
  datadog: 'DataDog',
};

/** Display name of a data source. */
export function vendorName(source: OnCallSource): string {
  return VENDOR_NAMES[source] ?? source;
}
