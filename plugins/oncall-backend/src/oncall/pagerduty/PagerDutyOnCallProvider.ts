import { InputError } from '@backstage/errors';
import { ZodType, ZodTypeDef } from 'zod';
import { httpUrl } from '../../lib/httpUrl';
import { VendorPolicy } from '../../lib/resilience';
import { VendorError } from '../../lib/VendorError';
import {
  QueryParams,
  VendorHttpClient,
  encodePath,
  secondsHeaderMs,
} from '../../lib/VendorHttpClient';
import type * as api from '../OnCallProvider';
import { PagerDutyProviderConfig } from './config';
import {
  PRIMARY_ROTATION,
  PolicyStructure,
  policyStructure,
  secondaryRotationName,
  teamOfPolicy,
  toEscalation,
  toPeriods,
  toSchedule,
  toUser,
} from './mapOnCall';
import {
  PdEscalationPolicy,
  enqueueResponse,
  getScheduleResponse,
  listEscalationPoliciesResponse,
  listSchedulesResponse,
  listTeamsResponse,
  listUsersResponse,
  teamMembersResponse,
} from './wire';

/** PagerDuty's largest page. */
const PAGE_SIZE = 100;
/** Classic pagination refuses `offset + limit` past this. */
export const PAGERDUTY_ITERATION_LIMIT = 10_000;
const ACCEPT = 'application/vnd.pagerduty+json;version=2';

/**
 * The wait PagerDuty asks for once the rate limit is spent (`ratelimit-remaining: 0`):
 * `ratelimit-reset` is the seconds until the window resets. PagerDuty sends these headers on
 * every answer, so a 5xx with budget left is retried with the policy's own backoff, and so is
 * an nginx 429 that carries no header at all.
 */
export function pagerdutyRetryAfterMs(headers: Headers): number | undefined {
  return headers.get('ratelimit-remaining') === '0'
    ? secondsHeaderMs(headers, 'ratelimit-reset')
    : undefined;
}

const PRIORITY_SEVERITY: Record<
  NonNullable<api.AlertRequest['priority']>,
  string
> = {
  P1: 'critical',
  P2: 'error',
  P3: 'warning',
  P4: 'info',
  P5: 'info',
};

/**
 * PagerDuty REST API v2 (reads) and Events API v2 (paging) behind {@link api.OnCallProvider}.
 * Escalation policies map onto rotations as {@link PolicyStructure} describes.
 */
export class PagerDutyOnCallProvider implements api.OnCallProvider {
  readonly id = 'pagerduty' as const;
  readonly #http: VendorHttpClient;
  readonly #events: VendorHttpClient;
  readonly #config: PagerDutyProviderConfig;
  /** Usernames (emails) by PagerDuty user id, from the last user listing. */
  #usernames = new Map<string, string>();
  #policies?: Promise<PdEscalationPolicy[]>;
  /** Team names by id from the last team listing (a sync lists teams, then reads each one). */
  #teamNames = new Map<string, string>();
  /** Dedup keys of pages PagerDuty accepted. */
  readonly #accepted = new Set<string>();

  constructor(options: {
    config: PagerDutyProviderConfig;
    policy: VendorPolicy;
    /** Guards paging calls; default: the same policy as the reads. */
    pagingPolicy?: VendorPolicy;
  }) {
    const { config } = options;
    this.#config = config;
    this.#http = new VendorHttpClient({
      vendor: 'pagerduty',
      baseUrl: config.baseUrl,
      policy: options.policy,
      authHeaders: async () => ({
        Authorization: `Token token=${config.apiToken}`,
        Accept: ACCEPT,
      }),
      retryAfterMs: pagerdutyRetryAfterMs,
    });
    this.#events = new VendorHttpClient({
      vendor: 'pagerduty',
      baseUrl: config.eventsBaseUrl,
      policy: options.pagingPolicy ?? options.policy,
      authHeaders: async () => ({}),
      retryAfterMs: pagerdutyRetryAfterMs,
    });
  }

  /**
   * Every page of a classic-paginated list, up to PagerDuty's 10,000-record cap: the `key`
   * array of each answer, read from `/<key>` unless another `path` is given.
   */
  async #all<T, K extends string>(
    key: K,
    schema: ZodType<
      { [P in K]: T[] } & { more?: boolean | null },
      ZodTypeDef,
      unknown
    >,
    options: { path?: string; query?: QueryParams } = {},
  ): Promise<T[]> {
    const { path = encodePath(key), query = {} } = options;
    const items: T[] = [];
    for (
      let offset = 0;
      offset + PAGE_SIZE <= PAGERDUTY_ITERATION_LIMIT;
      offset += PAGE_SIZE
    ) {
      const body = await this.#http.request({
        path,
        query: { ...query, limit: PAGE_SIZE, offset },
        schema,
      });
      const page = body[key];
      items.push(...page);
      if (!body.more || page.length === 0) {
        break;
      }
    }
    return items;
  }

  #usernameOf = (id: string) => this.#usernames.get(id);

  async #knownUsers(): Promise<void> {
    if (this.#usernames.size === 0) {
      await this.listUsers();
    }
  }

  /** Escalation policies, read once per sync pass (a listing refreshes them). */
  async #allPolicies(refresh = false): Promise<PdEscalationPolicy[]> {
    if (!this.#policies || refresh) {
      const read = this.#all(
        'escalation_policies',
        listEscalationPoliciesResponse,
      );
      this.#policies = read;
      read.catch(() => {
        if (this.#policies === read) this.#policies = undefined;
      });
    }
    return this.#policies;
  }

  async #structure(refresh = false): Promise<PolicyStructure> {
    return policyStructure(await this.#allPolicies(refresh));
  }

  async listTeams(): Promise<api.OnCallTeam[]> {
    const teams = await this.#all('teams', listTeamsResponse);
    this.#teamNames = new Map(teams.map(t => [t.id, t.name]));
    const policies = await this.#allPolicies(true);
    const result: api.OnCallTeam[] = teams.map(t => ({
      id: t.id,
      name: t.name,
    }));
    for (const policy of policies) {
      const team = teamOfPolicy(policy);
      if (!result.some(t => t.id === team.id)) {
        result.push(team);
      }
    }
    return result;
  }

  async getTeam(teamId: string): Promise<api.OnCallTeamDetails> {
    await this.#knownUsers();
    const policy = (await this.#allPolicies()).find(p => p.id === teamId);
    if (policy && !policy.teams?.length) {
      // a policy without a PagerDuty team stands for its own team: its user targets
      const members = policy.escalation_rules
        .flatMap(r => r.targets)
        .filter(t => t.type.startsWith('user'))
        .map(t => this.#usernameOf(t.id) ?? t.summary ?? t.id);
      return {
        id: policy.id,
        name: policy.name,
        members: [...new Set(members)],
      };
    }
    const body = await this.#all('members', teamMembersResponse, {
      path: encodePath('teams', teamId, 'members'),
      query: { 'include[]': 'users' },
    });
    // the name from the last listing; a team created since then costs one listing
    if (!this.#teamNames.has(teamId)) {
      const teams = await this.#all('teams', listTeamsResponse);
      this.#teamNames = new Map(teams.map(t => [t.id, t.name]));
    }
    const name = this.#teamNames.get(teamId) ?? teamId;
    return {
      id: teamId,
      name,
      members: body.map(m =>
        'email' in m.user
          ? m.user.email
          : this.#usernameOf(m.user.id) ?? m.user.summary ?? m.user.id,
      ),
    };
  }

  async listSchedules(): Promise<api.OnCallSchedule[]> {
    await this.#knownUsers();
    const schedules = await this.#all('schedules', listSchedulesResponse);
    const structure = await this.#structure(true);
    const byId = new Map(schedules.map(s => [s.id, s]));
    return schedules
      .filter(s => !structure.folded.has(s.id))
      .map(s => toSchedule(s, structure, byId, this.#usernameOf));
  }

  async #entries(scheduleId: string, from: Date, to: Date) {
    const body = await this.#http.request({
      path: encodePath('schedules', scheduleId),
      query: {
        since: from.toISOString(),
        until: to.toISOString(),
        time_zone: 'UTC',
      },
      schema: getScheduleResponse,
    });
    return body.schedule;
  }

  async getTimeline(
    scheduleId: string,
    from: Date,
    to: Date,
  ): Promise<api.ScheduleTimeline> {
    await this.#knownUsers();
    const structure = await this.#structure();
    const own = await this.#entries(scheduleId, from, to);
    const periods = toPeriods(
      own.final_schedule.rendered_schedule_entries ?? [],
      own.overrides_subschedule?.rendered_schedule_entries ?? [],
      { id: scheduleId, name: PRIMARY_ROTATION },
      this.#usernameOf,
    );
    for (const secondaryId of structure.secondaryOf.get(scheduleId) ?? []) {
      const secondary = await this.#entries(secondaryId, from, to);
      periods.push(
        ...toPeriods(
          secondary.final_schedule.rendered_schedule_entries ?? [],
          secondary.overrides_subschedule?.rendered_schedule_entries ?? [],
          { id: secondaryId, name: secondaryRotationName(secondary) },
          this.#usernameOf,
        ),
      );
    }
    return { scheduleId, start: from, end: to, periods };
  }

  async listEscalations(): Promise<api.EscalationPolicy[]> {
    await this.#knownUsers();
    const policies = await this.#allPolicies(true);
    const structure = policyStructure(policies);
    return policies.map(p => toEscalation(p, structure, this.#usernameOf));
  }

  async listUsers(): Promise<api.OnCallUser[]> {
    const users = await this.#all('users', listUsersResponse);
    this.#usernames = new Map(users.map(u => [u.id, u.email]));
    return users.map(toUser);
  }

  /**
   * Pages through Events API v2 with the request's de-duplication key as `dedup_key`: a retried
   * trigger with the same key joins the open incident instead of paging again.
   */
  async createAlert(alert: api.AlertRequest): Promise<{ requestId: string }> {
    const routingKey =
      alert.integrationKey ??
      this.#config.integrationKeys[alert.team.toLocaleLowerCase('en-US')];
    if (!routingKey) {
      throw new InputError(
        `No PagerDuty integration key for ${alert.team}: add the pagerduty.com/integration-key annotation or oncall.pagerduty.integrationKeys`,
      );
    }
    const body = await this.#events.request({
      method: 'POST',
      path: encodePath('v2', 'enqueue'),
      body: {
        routing_key: routingKey,
        event_action: 'trigger',
        dedup_key: alert.dedupKey,
        payload: {
          summary: alert.message.slice(0, 1024),
          source: alert.source ?? 'backstage',
          severity: PRIORITY_SEVERITY[alert.priority ?? 'P3'],
          component: alert.entity,
          custom_details: {
            description: alert.description,
            requestedBy: alert.user,
            tags: alert.tags,
          },
        },
        client: 'Backstage',
      },
      schema: enqueueResponse,
    });
    const requestId = body.dedup_key ?? alert.dedupKey;
    this.#accepted.add(requestId);
    return { requestId };
  }

  /** The Events API answers once it has processed the event: an accepted page is done. */
  async getRequestStatus(requestId: string): Promise<api.RequestStatus> {
    if (!this.#accepted.has(requestId)) {
      throw new VendorError({
        vendor: 'pagerduty',
        kind: 'http',
        status: 404,
        message: `pagerduty accepted no event ${requestId} here`,
      });
    }
    return { state: 'processed', success: true, status: 'Event processed' };
  }

  async waitForRequest(
    requestId: string,
    _timeoutMs?: number,
  ): Promise<api.RequestStatus> {
    return this.getRequestStatus(requestId);
  }

  scheduleUrl(schedule: api.ScheduleRef): string | undefined {
    return this.#config.webUrl
      ? httpUrl(
          `${this.#config.webUrl}/schedules/${encodeURIComponent(schedule.id)}`,
        )
      : undefined;
  }
}
