/** A vendor this backend talks to. */
export type Vendor = 'opsgenie' | 'blameless' | 'datadog';
