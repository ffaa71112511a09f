/**
 * The on-call tools a rotation can come from. An organisation moving off Opsgenie runs several
 * at once, team by team.
 */

/** The on-call tools the backend reads rotations from. @public */
export type OnCallProviderType = 'opsgenie' | 'jsm' | 'pagerduty';

/** Every {@link OnCallProviderType}, in display order. @public */
export const ONCALL_PROVIDER_TYPES: readonly OnCallProviderType[] = [
  'opsgenie',
  'jsm',
  'pagerduty',
];

/** Display names of the on-call tools. @public */
export const ONCALL_PROVIDER_NAMES: Record<OnCallProviderType, string> = {
  opsgenie: 'Opsgenie',
  jsm: 'JSM Operations',
  pagerduty: 'PagerDuty',
};

/**
 * Where a rotation comes from: the tool, the configured provider (`oncall.providers[].id`;
 * `opsgenie`, `jsm` or `pagerduty` for the single-provider sections) and a link to the
 * schedule or escalation policy in that tool.
 *
 * @public
 */
export interface RotationSource {
  provider: OnCallProviderType;
  providerId: string;
  url?: string;
}

/** Catalog annotation pinning a Group or entity to one configured provider id. @public */
export const ONCALL_PROVIDER_ANNOTATION = 'oncall.backstage.io/provider';

/** The day Opsgenie's REST API stops answering (UTC). @public */
export const OPSGENIE_API_END_DATE = '2027-04-05';

/** Days an Opsgenie account stays on after its migration date before it is switched off. @public */
export const OPSGENIE_SWITCH_OFF_DAYS_AFTER_MIGRATION = 120;
