import { DateTime } from 'luxon';
import { PagerDutyOrg, PdPolicy, PdService, PdTeam } from '../org/pagerdutyOrg';
import { DemoSchedule, DemoUser } from '../org/types';

/** Where the fake says it lives, for `self` and `html_url` links. */
export interface PdLinks {
  /** REST base, e.g. `http://localhost:7007/api/oncall-sandbox/pagerduty`. */
  api: string;
  /** Web UI base, `https://<subdomain>.pagerduty.com`. */
  web: string;
}

export const PD_WEB_URL = 'https://demo.pagerduty.com';

/** An instant as PagerDuty prints it: ISO 8601 with the offset of `zone`, no milliseconds. */
export function pdTime(t: number, zone: string): string {
  return DateTime.fromMillis(t, { zone }).toISO({
    suppressMilliseconds: true,
  })!;
}

type RefType = 'user' | 'schedule' | 'escalation_policy' | 'team' | 'service';

const WEB_PATHS: Record<RefType, string> = {
  user: 'users',
  schedule: 'schedules',
  escalation_policy: 'escalation_policies',
  team: 'teams',
  service: 'service-directory',
};

const API_PATHS: Record<RefType, string> = {
  user: 'users',
  schedule: 'schedules',
  escalation_policy: 'escalation_policies',
  team: 'teams',
  service: 'services',
};

/** A `<type>_reference` object (with `type` the full object's type when `full`). */
export function ref(
  links: PdLinks,
  type: RefType,
  id: string,
  summary: string,
  full = false,
) {
  return {
    id,
    type: full ? type : `${type}_reference`,
    summary,
    self: `${links.api}/${API_PATHS[type]}/${id}`,
    html_url: `${links.web}/${WEB_PATHS[type]}/${id}`,
  };
}

export function userRef(links: PdLinks, pd: PagerDutyOrg, user: DemoUser) {
  return ref(links, 'user', pd.userIdOf.get(user.id)!, user.fullName);
}

/** A full user object, as `GET /users/{id}` and `include[]=users` answer. */
export function serializeUser(
  links: PdLinks,
  pd: PagerDutyOrg,
  user: DemoUser,
) {
  const id = pd.userIdOf.get(user.id)!;
  const teams = pd.teams.filter(t => t.members.some(m => m.userId === user.id));
  const manager = teams.some(t =>
    t.members.some(m => m.userId === user.id && m.role === 'manager'),
  );
  return {
    ...ref(links, 'user', id, user.fullName, true),
    name: user.fullName,
    email: user.email,
    time_zone: user.timeZone,
    color: 'green',
    role: manager ? 'admin' : 'user',
    avatar_url: 'https://pd-static-assets.pagerduty.com/users/blank-avatar.png',
    description: '',
    invitation_sent: false,
    created_via_sso: true,
    contact_methods: [
      {
        id: `${id.slice(0, 4)}CM1`,
        type: 'email_contact_method_reference',
        summary: 'Default',
        self: `${links.api}/users/${id}/contact_methods/${id.slice(0, 4)}CM1`,
      },
    ],
    notification_rules: [
      {
        id: `${id.slice(0, 4)}NR1`,
        type: 'assignment_notification_rule_reference',
        summary: 'Default',
        self: `${links.api}/users/${id}/notification_rules/${id.slice(
          0,
          4,
        )}NR1`,
        html_url: null,
      },
    ],
    job_title: 'Engineer',
    teams: teams.map(t => ref(links, 'team', t.id, t.name)),
  };
}

export function serializeTeam(links: PdLinks, team: PdTeam) {
  return {
    ...ref(links, 'team', team.id, team.name, true),
    name: team.name,
    description: team.description,
  };
}

/** The escalation policies that target a schedule. */
function policiesOf(pd: PagerDutyOrg, schedule: DemoSchedule): PdPolicy[] {
  return pd.policies.filter(p =>
    p.rules.some(r => r.targets.some(t => t.id === schedule.id)),
  );
}

/** A schedule as `GET /schedules` lists it. */
export function serializeScheduleSummary(
  links: PdLinks,
  pd: PagerDutyOrg,
  schedule: DemoSchedule,
) {
  const userIds = new Set(
    schedule.rotations.flatMap(r => r.participants.map(p => p.id)),
  );
  return {
    ...ref(links, 'schedule', schedule.id, schedule.name, true),
    name: schedule.name,
    time_zone: schedule.timezone,
    description: schedule.description,
    escalation_policies: policiesOf(pd, schedule).map(p =>
      ref(links, 'escalation_policy', p.id, p.name),
    ),
    users: pd.users
      .filter(u => userIds.has(u.id))
      .map(u => userRef(links, pd, u)),
  };
}

export function serializePolicy(
  links: PdLinks,
  pd: PagerDutyOrg,
  policy: PdPolicy,
) {
  const team = pd.teams.find(t => t.id === policy.teamId);
  return {
    ...ref(links, 'escalation_policy', policy.id, policy.name, true),
    on_call_handoff_notifications: 'if_has_services',
    name: policy.name,
    escalation_rules: policy.rules.map(rule => ({
      id: rule.id,
      escalation_delay_in_minutes: rule.delayMinutes,
      targets: rule.targets.map(t => {
        if (t.type === 'schedule') {
          const s = pd.schedules.find(x => x.id === t.id);
          return ref(links, 'schedule', t.id, s?.name ?? '');
        }
        const u = pd.users.find(x => x.id === t.id)!;
        return userRef(links, pd, u);
      }),
    })),
    services: pd.services
      .filter(s => s.policyId === policy.id)
      .map(s => ref(links, 'service', s.id, s.name)),
    num_loops: policy.numLoops,
    teams: team ? [ref(links, 'team', team.id, team.name)] : [],
  };
}

export function serializeService(
  links: PdLinks,
  pd: PagerDutyOrg,
  service: PdService,
  createdAt: number,
) {
  const policy = pd.policies.find(p => p.id === service.policyId)!;
  const team = pd.teams.find(t => t.id === service.teamId);
  return {
    ...ref(links, 'service', service.id, service.name, true),
    name: service.name,
    description: service.description,
    auto_resolve_timeout: 14400,
    acknowledgement_timeout: 600,
    created_at: pdTime(createdAt, 'UTC'),
    status: 'active',
    alert_creation: 'create_alerts_and_incidents',
    escalation_policy: ref(links, 'escalation_policy', policy.id, policy.name),
    teams: team ? [ref(links, 'team', team.id, team.name)] : [],
    integrations: [
      {
        id: `${service.id.slice(0, 4)}EV2`,
        type: 'events_api_v2_inbound_integration_reference',
        summary: 'Events API v2',
        self: `${links.api}/services/${
          service.id
        }/integrations/${service.id.slice(0, 4)}EV2`,
        html_url: `${links.web}/services/${
          service.id
        }/integrations/${service.id.slice(0, 4)}EV2`,
      },
    ],
    incident_urgency_rule: { type: 'constant', urgency: 'high' },
  };
}
