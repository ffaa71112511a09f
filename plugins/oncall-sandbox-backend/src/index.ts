/**
 * Vendor sandbox for the on-call plugins: Opsgenie, Blameless and DataDog fakes with a
 * deterministic demo organisation, fault injection, request stats, live demo incidents, a
 * scale mode and a quota mode (the vendors' rate limits).
 *
 * @packageDocumentation
 */
export { oncallSandboxPlugin as default } from './plugin';
export { createSandbox, createSandboxApp } from './app';
export type { Sandbox } from './app';
export { startSandboxServer } from './server';
export type { RunningSandbox } from './server';
export { createDemoOrg, INCIDENT_COMMANDER_SCHEDULE } from './org/demoOrg';
export type { CreateDemoOrgOptions } from './org/demoOrg';
export { demoPagerDuty, PAGERDUTY_GROUP } from './org/pagerdutyOrg';
export type {
  PagerDutyOrg,
  PdPolicy,
  PdRule,
  PdService,
  PdTarget,
  PdTeam,
} from './org/pagerdutyOrg';
export { SANDBOX_DEFAULT_KEYS, SANDBOX_DEFAULT_SEED } from './options';
export {
  sandboxDemoOnCallConfig,
  sandboxVendorSections,
} from './backendConfig';
export type { SandboxKeys, SandboxOptions } from './options';
export type { SandboxState } from './shared/runtime';
export { FaultRegistry, SANDBOX_VENDORS } from './control/faults';
export type { SandboxFault, SandboxVendor } from './control/faults';
export { StatsRegistry } from './control/stats';
export type { SandboxStatsSnapshot, VendorStats } from './control/stats';
export { LiveIncidents } from './control/liveIncidents';
export type {
  LiveIncidentStatus,
  LiveIncidentSummary,
  OpenIncidentInput,
  UpdateIncidentInput,
} from './control/liveIncidents';
export { QuotaRegistry } from './quota/QuotaRegistry';
export type {
  QuotaDomainStats,
  QuotaStatsSnapshot,
  RateLimitStatus,
} from './quota/QuotaRegistry';
export { defaultQuotaLimits, quotaFromFlags } from './quota/limits';
export type { QuotaLimits } from './quota/limits';
export { formatRates } from './quota/rates';
export type { QuotaWindow } from './quota/rates';
export { VENDOR_QUOTAS } from './quota/vendorQuotas';
export type { QuotaDomain, VendorQuota } from './quota/vendorQuotas';
export { AlertStore } from './opsgenie/alertStore';
export type {
  SandboxAlert,
  SandboxAlertResponder,
} from './opsgenie/alertStore';
export { participantAt, finalPeriods } from './org/rotation';
export { PageStream } from './org/alerts/stream';
export { pageStateAt } from './org/alerts/types';
export type {
  SandboxPage,
  PageState,
  PageIntegration,
} from './org/alerts/types';
export {
  ALERT_HISTORY_DAYS,
  OVERLOADED_TEAM,
  QUIET_TEAM,
  NOISY_TEAM,
  NOISY_ALIAS,
} from './org/alerts/profiles';
export type { Period } from './org/rotation';
export type * from './org/types';
