import { DemoMonitor, DemoSlo } from '../org/types';

/** DataDog's display form of a target: `95.` for whole numbers, `99.9` otherwise. */
export function display(n: number): string {
  return Number.isInteger(n) ? `${n}.` : String(n);
}

export const CREATOR = {
  name: null,
  handle: 'sre-bot@example.com',
  email: 'sre-bot@example.com',
};

export function sloThreshold(slo: DemoSlo) {
  return {
    timeframe: slo.timeframe,
    target: slo.target,
    target_display: display(slo.target),
    warning: slo.warning,
    warning_display: display(slo.warning),
  };
}

/** An SLO as `GET /api/v1/slo` and `GET /api/v1/slo/:id` return it. */
export function serializeSlo(slo: DemoSlo) {
  return {
    id: slo.id,
    name: slo.name,
    tags: slo.tags,
    monitor_tags: [],
    thresholds: [sloThreshold(slo)],
    type: slo.type,
    type_id: slo.type === 'metric' ? 1 : 0,
    description: slo.description,
    timeframe: slo.timeframe,
    warning_threshold: slo.warning,
    target_threshold: slo.target,
    ...(slo.type === 'metric' && slo.query
      ? { query: slo.query }
      : { monitor_ids: slo.monitorIds }),
    creator: CREATOR,
    created_at: slo.createdAt,
    modified_at: slo.createdAt,
  };
}

/** DataDog's ISO form with microseconds and `+00:00`. */
export function ddIso(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '000+00:00');
}

export function serializeMonitor(m: DemoMonitor) {
  return {
    id: m.id,
    org_id: 321813,
    type: m.type,
    name: m.name,
    message: m.message,
    tags: m.tags,
    query: m.query,
    options: {
      notify_audit: false,
      locked: false,
      include_tags: true,
      thresholds: m.thresholds,
      new_host_delay: 300,
      require_full_window: true,
      notify_no_data: m.state === 'No Data',
      silenced: {},
    },
    multi: false,
    created_at: m.created,
    created: ddIso(m.created),
    modified: ddIso(m.created),
    deleted: null,
    restricted_roles: null,
    priority: m.priority,
    overall_state_modified: ddIso(m.stateModified),
    overall_state: m.state,
    creator: { ...CREATOR, id: 1445416 },
    matching_downtimes: [],
  };
}
