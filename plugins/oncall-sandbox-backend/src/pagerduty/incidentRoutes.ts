import { queryOf } from '../shared/query';
import { VendorRoutes } from '../shared/vendorRoute';
import { PdContext, linksOf } from './context';
import { PdIncidentStore, PdIncident } from './incidentStore';
import { arrayParam, sendPage } from './pagination';
import { PdLinks, ref } from './serialize';

function iso(t: number | undefined): string | null {
  return t === undefined
    ? null
    : new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function serializeIncident(
  links: PdLinks,
  ctx: PdContext,
  incident: PdIncident,
) {
  const { pd } = ctx;
  const service = pd.services.find(s => s.id === incident.serviceId)!;
  const policy = pd.policies.find(p => p.id === incident.policyId)!;
  const team = pd.teams.find(t => t.id === incident.teamId);
  const id = incident.id;
  return {
    id,
    type: 'incident',
    summary: `[#${incident.number}] ${incident.title}`,
    self: `${links.api}/incidents/${id}`,
    html_url: `${links.web}/incidents/${id}`,
    incident_number: incident.number,
    title: incident.title,
    created_at: iso(incident.createdAt),
    updated_at: iso(incident.updatedAt),
    status: incident.status,
    incident_key: incident.dedupKey,
    service: ref(links, 'service', service.id, service.name),
    assignments: [],
    assigned_via: 'escalation_policy',
    last_status_change_at: iso(incident.updatedAt),
    resolved_at: iso(incident.resolvedAt),
    first_trigger_log_entry: {
      id: `R${id}`,
      type: 'trigger_log_entry_reference',
      summary: 'Triggered through the API',
      self: `${links.api}/log_entries/R${id}?incident_id=${id}`,
      html_url: `${links.web}/incidents/${id}/log_entries/R${id}`,
    },
    alert_counts: {
      all: incident.alerts,
      triggered: incident.status === 'resolved' ? 0 : incident.alerts,
      resolved: incident.status === 'resolved' ? incident.alerts : 0,
    },
    is_mergeable: true,
    incident_type: { name: 'incident_default' },
    escalation_policy: ref(links, 'escalation_policy', policy.id, policy.name),
    teams: team ? [ref(links, 'team', team.id, team.name)] : [],
    pending_actions: [],
    acknowledgements: [],
    alert_grouping: null,
    last_status_change_by: ref(links, 'service', service.id, service.name),
    priority: null,
    resolve_reason: null,
    conference_bridge: null,
    incidents_responders: [],
    responder_requests: [],
    urgency:
      incident.severity === 'critical' || incident.severity === 'error'
        ? 'high'
        : 'low',
  };
}

/** `GET /incidents`: the incidents the Events API opened, newest first. */
export function addPdIncidentRoutes(
  routes: VendorRoutes,
  ctx: PdContext,
  store: PdIncidentStore,
) {
  routes.get('/incidents', (req, res) => {
    const query = queryOf(req);
    const statuses = arrayParam(query, 'statuses');
    const serviceIds = arrayParam(query, 'service_ids');
    const teamIds = arrayParam(query, 'team_ids');
    const incidents = store
      .list()
      .filter(
        i =>
          (statuses.length === 0 || statuses.includes(i.status)) &&
          (serviceIds.length === 0 || serviceIds.includes(i.serviceId)) &&
          (teamIds.length === 0 || teamIds.includes(i.teamId)),
      )
      .reverse();
    const links = linksOf(req);
    sendPage(req, res, 'incidents', incidents, i =>
      serializeIncident(links, ctx, i),
    );
  });
}
