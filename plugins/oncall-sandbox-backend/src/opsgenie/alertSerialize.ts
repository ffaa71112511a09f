import { SandboxPage, pageStateAt } from '../org/alerts/types';
import { iso } from '../org/time';

/**
 * `BaseAlert` as List Alerts returns it, at the clock's `now`. `report` appears once the
 * alert was acknowledged or closed; its `ackTime` and `closeTime` are milliseconds after
 * `createdAt`, as in Opsgenie's documented sample.
 */
export function serializeBaseAlert(page: SandboxPage, now: number) {
  const state = pageStateAt(page, now);
  const hasReport = state.acknowledged || state.status === 'closed';
  return {
    id: page.id,
    tinyId: page.tinyId,
    alias: page.alias,
    message: page.message,
    status: state.status,
    acknowledged: state.acknowledged,
    isSeen: state.isSeen,
    tags: page.tags,
    snoozed: false,
    count: state.count,
    lastOccurredAt: iso(state.lastOccurredAt),
    createdAt: iso(page.createdAt),
    updatedAt: iso(state.updatedAt),
    source: page.source,
    owner: state.owner,
    priority: page.priority,
    responders: page.responders,
    integration: page.integration,
    ...(hasReport ? { report: state.report } : {}),
    ...(page.teamId ? { ownerTeamId: page.teamId } : {}),
  };
}

/** The full `Alert` of Get Alert: `BaseAlert` with `actions`, `entity`, `description`, `details`. */
export function serializeAlert(page: SandboxPage, now: number) {
  return {
    ...serializeBaseAlert(page, now),
    actions: [],
    entity: page.entity,
    description: page.description,
    details: page.details,
  };
}
