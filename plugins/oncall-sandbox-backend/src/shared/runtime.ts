import { AlertStore } from '../opsgenie/alertStore';
import { FaultRegistry } from '../control/faults';
import { LiveIncidents } from '../control/liveIncidents';
import { StatsRegistry } from '../control/stats';
import { OrgIndex } from '../org/orgIndex';
import { DemoOrg } from '../org/types';
import { SandboxKeys } from '../options';

/**
 * Live state of a running sandbox: its org, faults, request counters, created alerts and the
 * incidents opened through the control API.
 *
 * @public
 */
export interface SandboxState {
  org: DemoOrg;
  faults: FaultRegistry;
  stats: StatsRegistry;
  alerts: AlertStore;
  incidents: LiveIncidents;
}

/** Everything a vendor router needs. */
export interface SandboxRuntime extends SandboxState {
  index: OrgIndex;
  keys: SandboxKeys;
  control: boolean;
  /** Current time in epoch ms, from the sandbox clock. */
  now(): number;
}
