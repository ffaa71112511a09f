/** A vendor this backend talks to. */
export type Vendor = 'opsgenie' | 'jsm' | 'pagerduty' | 'blameless' | 'datadog';
