/** Every vendor this backend talks to. */
export const VENDORS = [
  'opsgenie',
  'jsm',
  'pagerduty',
  'blameless',
  'datadog',
] as const;

/** A vendor this backend talks to. */
export type Vendor = (typeof VENDORS)[number];

/** Whether a stored string names a vendor. */
export function isVendor(value: string): value is Vendor {
  return (VENDORS as readonly string[]).includes(value);
}
