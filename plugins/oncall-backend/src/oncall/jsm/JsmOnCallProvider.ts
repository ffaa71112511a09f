import { NotFoundError } from '@backstage/errors';
import { httpUrl } from '../../lib/httpUrl';
import { VendorPolicy } from '../../lib/resilience';
import { TtlCache } from '../../lib/TtlCache';
import { VendorHttpClient, encodePath } from '../../lib/VendorHttpClient';
import type * as api from '../OnCallProvider';
import { JsmProviderConfig } from './config';
import { JiraUsers } from './JiraUsers';
import {
  JsmNames,
  accountIds,
  toEscalation,
  toPeriods,
  toSchedule,
  clipPeriods,
} from './mapOnCall';
import { listAllPages, teamMemberIds } from './jsmPaging';
import { jsmRetryAfterMs } from './rateLimit';
import {
  JsmSchedule,
  createAlertResponse,
  listEscalationsResponse,
  listOverridesResponse,
  listSchedulesResponse,
  listTeamsResponse,
  requestStatusResponse,
  timelineResponse,
} from './wire';
import {
  AlertingProviderOptions,
  RequestFollower,
} from '../paging/waitForRequest';
import * as alertApi from '../paging/alertApi';

const DAY_MS = 86_400_000;
const SCHEDULES_REUSE_MS = 30_000;
/**
 * JSM Operations (`/jsm/ops/api/{cloudId}/v1`) behind {@link api.OnCallProvider}, with HTTP Basic
 * `email:api_token`. On-call answers carry Atlassian account ids only: names and emails come
 * from Jira's user API (cached per account id), team members from the Teams API.
 *
 * Paging (the alert API) runs under a policy of its own, as for Opsgenie: a burst of pages
 * must neither wait behind the sync nor hold it up.
 */
export class JsmOnCallProvider implements api.OnCallProvider {
  readonly id = 'jsm' as const;
  readonly #ops: VendorHttpClient;
  readonly #alertApi: alertApi.AlertApi;
  readonly #jira: VendorHttpClient;
  readonly #users: JiraUsers;
  readonly #config: JsmProviderConfig;
  readonly #requests: RequestFollower;
  readonly #schedules: TtlCache<JsmSchedule[]>;
  #teams = new Map<string, api.OnCallTeam>();
  #scheduleTeams = new Map<string, string>();

  private constructor(options: AlertingProviderOptions<JsmProviderConfig>) {
    const { config } = options;
    const basic = Buffer.from(`${config.email}:${config.apiToken}`).toString(
      'base64',
    );
    const client = (baseUrl: string, policy: VendorPolicy) =>
      new VendorHttpClient({
        vendor: 'jsm',
        baseUrl,
        policy,
        authHeaders: async () => ({ Authorization: `Basic ${basic}` }),
        retryAfterMs: headers => jsmRetryAfterMs(headers),
      });
    const opsBase = `${config.baseUrl}/${encodePath(
      'jsm',
      'ops',
      'api',
      config.cloudId,
    )}`;
    this.#config = config;
    this.#ops = client(opsBase, options.policy);
    const alerts = options.pagingPolicy
      ? client(opsBase, options.pagingPolicy)
      : this.#ops;
    this.#alertApi = new alertApi.AlertApi(alerts, 'v1', createAlertResponse);
    this.#jira = client(config.jiraBaseUrl, options.policy);
    this.#users = new JiraUsers({ http: this.#jira });
    this.#requests = new RequestFollower({
      alerts,
      getRequestStatus: requestId => this.getRequestStatus(requestId),
      pollDelayMs: options.pollDelayMs,
    });
    this.#schedules = new TtlCache({
      ttlMs: SCHEDULES_REUSE_MS,
      maxEntries: 1,
    });
  }

  static create(
    options: AlertingProviderOptions<JsmProviderConfig>,
  ): JsmOnCallProvider {
    return new JsmOnCallProvider(options);
  }

  async listTeams(): Promise<api.OnCallTeam[]> {
    const body = await this.#ops.request({
      path: encodePath('v1', 'teams'),
      schema: listTeamsResponse,
    });
    const teams = body.platformTeams.map(t => ({
      id: t.teamId,
      name: t.teamName,
    }));
    this.#teams = new Map(teams.map(t => [t.id, t]));
    return teams;
  }

  async getTeam(teamId: string): Promise<api.OnCallTeamDetails> {
    const team = (await this.#knownTeams()).get(teamId);
    if (!team) {
      throw new NotFoundError(`JSM Operations has no team ${teamId}`);
    }
    const ids = await teamMemberIds(this.#jira, this.#config.orgId, teamId);
    const users = await this.#users.resolve(ids);
    return {
      ...team,
      members: ids.map(id => users.get(id)?.username ?? id),
    };
  }

  async listSchedules(): Promise<api.OnCallSchedule[]> {
    const [schedules, teams] = await Promise.all([
      this.#rawSchedules(),
      this.#knownTeams(),
    ]);
    const users = await this.#users.resolve(
      accountIds(
        schedules.flatMap(s =>
          (s.rotations ?? []).flatMap(r => r.participants ?? []),
        ),
      ),
    );
    const names = this.#names(users, teams, schedules);
    return schedules.map(s => toSchedule(s, names));
  }

  async getTimeline(
    scheduleId: string,
    from: Date,
    to: Date,
  ): Promise<api.ScheduleTimeline> {
    // JSM starts the range at the start of the day holding `date`: ask for the days up to `to`
    const dayStart = Math.floor(from.getTime() / DAY_MS) * DAY_MS;
    const days = Math.max(1, Math.ceil((to.getTime() - dayStart) / DAY_MS));
    const body = await this.#ops.request({
      path: encodePath('v1', 'schedules', scheduleId, 'timeline'),
      query: {
        date: from.toISOString(),
        interval: days,
        intervalUnit: 'days',
      },
      schema: timelineResponse,
    });
    const responders = body.finalTimeline.rotations.flatMap(r =>
      (r.periods ?? []).map(p => p.responder),
    );
    const users = await this.#users.resolve(accountIds(responders));
    const names = this.#names(users, await this.#knownTeams(), []);
    // the answer covers whole days: keep the asked window, as the other tools answer it
    return {
      scheduleId,
      start: from,
      end: to,
      periods: clipPeriods(toPeriods(body.finalTimeline, names), from, to),
    };
  }

  async listEscalations(): Promise<api.EscalationPolicy[]> {
    const teams = [...(await this.#knownTeams(true)).values()];
    const perTeam = await Promise.all(
      teams.map(async team => ({
        team,
        escalations: await listAllPages(
          this.#ops,
          encodePath('v1', 'teams', team.id, 'escalations'),
          { size: 100 },
          listEscalationsResponse,
        ),
      })),
    );
    const users = await this.#users.resolve(
      accountIds(
        perTeam.flatMap(t =>
          t.escalations.flatMap(e => e.rules.map(r => r.recipient)),
        ),
      ),
    );
    const schedules = await this.#rawSchedules();
    const names = this.#names(users, this.#teams, schedules);
    return perTeam.flatMap(({ team, escalations }) =>
      escalations.map(e => toEscalation(e, team, names)),
    );
  }

  /**
   * Everyone the on-call model can meet: rotation participants, people covering through an
   * override, and (with an organisation id) the teams' members. JSM has no user directory of
   * its own; names and emails come from Jira.
   */
  async listUsers(): Promise<api.OnCallUser[]> {
    const schedules = await this.#rawSchedules();
    const overrides = await Promise.all(
      schedules.map(s =>
        listAllPages(
          this.#ops,
          encodePath('v1', 'schedules', s.id, 'overrides'),
          { size: 50 },
          listOverridesResponse,
        ),
      ),
    );
    const members = this.#config.orgId
      ? await Promise.all(
          [...(await this.#knownTeams()).keys()].map(id =>
            teamMemberIds(this.#jira, this.#config.orgId, id),
          ),
        )
      : [];
    const ids = [
      ...accountIds(
        schedules.flatMap(s =>
          (s.rotations ?? []).flatMap(r => r.participants ?? []),
        ),
      ),
      ...accountIds(overrides.flat().map(o => o.responder)),
      ...members.flat(),
    ];
    return [...(await this.#users.resolve(ids)).values()];
  }

  async createAlert(alert: api.AlertRequest): Promise<{ requestId: string }> {
    const team = [...(await this.#knownTeams()).values()].find(
      t =>
        t.name.toLocaleLowerCase('en-US') ===
        alert.team.toLocaleLowerCase('en-US'),
    );
    if (!team) {
      throw new NotFoundError(`JSM Operations has no team named ${alert.team}`);
    }
    return this.#alertApi.post({
      ...alertApi.alertBody(alert, { id: team.id }),
      extraProperties: alert.user ? { raisedBy: alert.user } : undefined,
    });
  }

  async getRequestStatus(requestId: string): Promise<api.RequestStatus> {
    const response = await this.#alertApi.requestStatus(requestId);
    if (response.status === 404) {
      // JSM answers 404 both before the request is processed and for an unknown one
      return { state: 'pending' };
    }
    const parsed = requestStatusResponse.safeParse(response.body);
    if (!parsed.success) {
      return { state: 'pending' };
    }
    return alertApi.processedRequest(parsed.data.isSuccess, parsed.data);
  }

  waitForRequest(
    requestId: string,
    timeoutMs: number,
  ): Promise<api.RequestStatus> {
    return this.#requests.follow(requestId, timeoutMs);
  }

  /** The owning team's on-call page in Jira Service Management; only ever an http(s) link. */
  scheduleUrl(schedule: api.ScheduleRef): string | undefined {
    const web = this.#config.webUrl ?? this.#config.jiraBaseUrl;
    const teamId =
      this.#scheduleTeams.get(schedule.id) ?? schedule.ownerTeam?.id;
    return teamId
      ? httpUrl(`${web}/jira/ops/teams/${encodeURIComponent(teamId)}/on-call`)
      : undefined;
  }

  async #rawSchedules(): Promise<JsmSchedule[]> {
    const schedules = await this.#schedules.get('all', () =>
      listAllPages(
        this.#ops,
        encodePath('v1', 'schedules'),
        { expand: 'rotation', size: 50 },
        listSchedulesResponse,
      ),
    );
    this.#scheduleTeams = new Map(
      schedules.flatMap(s => (s.teamId ? [[s.id, s.teamId] as const] : [])),
    );
    return schedules;
  }

  async #knownTeams(refresh = false): Promise<Map<string, api.OnCallTeam>> {
    if (refresh || this.#teams.size === 0) {
      await this.listTeams();
    }
    return this.#teams;
  }

  #names(
    users: Map<string, api.OnCallUser>,
    teams: Map<string, api.OnCallTeam>,
    schedules: JsmSchedule[],
  ): JsmNames {
    return {
      users,
      teams,
      schedules: new Map(schedules.map(s => [s.id, s])),
    };
  }
}
