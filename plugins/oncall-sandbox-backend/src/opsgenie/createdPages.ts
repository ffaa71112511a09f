import { SandboxPage } from '../org/alerts/types';
import { OrgIndex } from '../org/orgIndex';
import { SandboxAlert, SandboxAlertResponder } from './alertStore';

/** The integration alerts created through `POST /v2/alerts` come in by. */
export const API_INTEGRATION = {
  id: 'c9cec2cb-e782-4ebb-bc1d-1b2fa703cf03',
  name: 'Default API',
  type: 'API',
};

/** The id of a requested responder (looked up by name or username when no id was given). */
function responderId(index: OrgIndex, r: SandboxAlertResponder): string {
  if (r.id) {
    return r.id;
  }
  const name = r.name ?? r.username ?? '';
  switch (r.type) {
    case 'team':
      return index.teamsByName.get(name)?.id ?? name;
    case 'user':
      return index.usersByEmail.get(name)?.id ?? name;
    case 'schedule':
      return index.schedulesByName.get(name)?.id ?? name;
    default:
      return index.escalationsByName.get(name)?.id ?? name;
  }
}

/** The team an alert is routed to: its first team responder, or the owner of a schedule or policy. */
function routedTeam(
  index: OrgIndex,
  responders: Array<{ type: string; id: string }>,
): string | undefined {
  for (const r of responders) {
    if (r.type === 'team' && index.teamsById.has(r.id)) {
      return r.id;
    }
    if (r.type === 'schedule') {
      const owner = index.schedulesById.get(r.id)?.ownerTeamId;
      if (owner) return owner;
    }
    if (r.type === 'escalation') {
      const owner = index.escalationsById.get(r.id)?.ownerTeamId;
      if (owner) return owner;
    }
  }
  return undefined;
}

/** An alert created through the API, as a page of the stream: open, never acknowledged. */
export function createdPage(index: OrgIndex, alert: SandboxAlert): SandboxPage {
  const responders = alert.responders.map(r => ({
    type: r.type,
    id: responderId(index, r),
  }));
  return {
    id: alert.id,
    tinyId: alert.tinyId,
    alias: alert.alias,
    message: alert.message,
    description: alert.description ?? '',
    priority: alert.priority,
    tags: alert.tags,
    entity: '',
    source: alert.source,
    integration: API_INTEGRATION,
    details: alert.details,
    teamId: routedTeam(index, responders),
    responders,
    createdAt: alert.createdAt,
    occurrences: [
      alert.createdAt,
      ...Array.from({ length: alert.count - 1 }, () => alert.lastOccurredAt),
    ],
  };
}
