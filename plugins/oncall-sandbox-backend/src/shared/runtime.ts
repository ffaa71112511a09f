import { AlertStore } from '../opsgenie/alertStore';
import { FaultRegistry } from '../control/faults';
import { LiveIncidents } from '../control/liveIncidents';
import { StatsRegistry } from '../control/stats';
import { OrgIndex } from '../org/orgIndex';
import { DemoOrg } from '../org/types';
import { QuotaRegistry } from '../quota/QuotaRegistry';
import { SandboxKeys } from '../options';

/**
 * Live state of a running sandbox: its org, faults, request counters, created alerts, the
 * incidents opened through the control API and, in quota mode, the vendors' token buckets.
 *
 * @public
 */
export interface SandboxState {
  org: DemoOrg;
  faults: FaultRegistry;
  stats: StatsRegistry;
  alerts: AlertStore;
  /** Alerts created through JSM Operations' alert API. */
  jsmAlerts: AlertStore;
  incidents: LiveIncidents;
  /** Present in quota mode only. */
  quota?: QuotaRegistry;
}

/** Everything a vendor router needs. */
export interface SandboxRuntime extends SandboxState {
  index: OrgIndex;
  keys: SandboxKeys;
  control: boolean;
  /** Current time in epoch ms, from the sandbox clock. */
  now(): number;
}
