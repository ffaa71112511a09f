import { OpsgenieConfig } from '../../config';
import { httpUrl } from '../../lib/httpUrl';
import { VendorError } from '../../lib/VendorError';
import { VendorHttpClient, encodePath } from '../../lib/VendorHttpClient';
import type * as api from '../OnCallProvider';
import {
  toEscalation,
  toPeriods,
  toRecipient,
  toSchedule,
  toUser,
} from './mapOnCall';
import { createOpsgenieClient, opsgenieUserPages } from './opsgenieApi';
import {
  OpsgenieOnCallParticipant,
  allOnCallsResponse,
  createAlertResponse,
  getTeamResponse,
  listEscalationsResponse,
  listSchedulesResponse,
  listTeamsResponse,
  listUsersResponse,
  onCallsResponse,
  requestStatusResponse,
  timelineResponse,
} from './wire';
import {
  AlertingProviderOptions,
  RequestFollower,
} from '../paging/waitForRequest';
import * as alertApi from '../paging/alertApi';

/** The longest timeline interval asked for in days (Opsgenie's sandbox caps `interval` at 52). */
const MAX_TIMELINE_DAYS = 52;

/**
 * The Opsgenie REST API v2 behind {@link api.OnCallProvider}; authenticates with a GenieKey.
 *
 * Paging (alerts and their request status) runs under a policy of its own: its own
 * concurrency cap and queue, breaker and rate-limit pause. Opsgenie limits the Alert API
 * apart from the configuration APIs the sync reads, and a burst of pages must neither wait
 * behind the sync nor hold the sync up.
 */
export class OpsgenieOnCallProvider implements api.OnCallProvider {
  readonly id = 'opsgenie' as const;
  readonly #http: VendorHttpClient;
  readonly #alertApi: alertApi.AlertApi;
  readonly #webUrl?: string;
  readonly #requests: RequestFollower;

  private constructor(options: {
    http: VendorHttpClient;
    alerts: VendorHttpClient;
    webUrl?: string;
    pollDelayMs?: number;
  }) {
    this.#http = options.http;
    this.#alertApi = new alertApi.AlertApi(
      options.alerts,
      'v2',
      createAlertResponse,
    );
    this.#webUrl = options.webUrl?.replace(/\/+$/, '');
    this.#requests = new RequestFollower({
      alerts: options.alerts,
      getRequestStatus: requestId => this.getRequestStatus(requestId),
      pollDelayMs: options.pollDelayMs,
    });
  }

  static create(
    options: AlertingProviderOptions<OpsgenieConfig>,
  ): OpsgenieOnCallProvider {
    const http = createOpsgenieClient(options.config, options.policy);
    return new OpsgenieOnCallProvider({
      http,
      alerts: options.pagingPolicy
        ? createOpsgenieClient(options.config, options.pagingPolicy)
        : http,
      webUrl: options.config.webUrl,
      pollDelayMs: options.pollDelayMs,
    });
  }

  async listTeams(): Promise<api.OnCallTeam[]> {
    const body = await this.#http.request({
      path: encodePath('v2', 'teams'),
      schema: listTeamsResponse,
    });
    return body.data.map(team => ({ id: team.id, name: team.name }));
  }

  async getTeam(teamId: string): Promise<api.OnCallTeamDetails> {
    const body = await this.#http.request({
      path: encodePath('v2', 'teams', teamId),
      query: { identifierType: 'id' },
      schema: getTeamResponse,
    });
    return {
      id: body.data.id,
      name: body.data.name,
      members: (body.data.members ?? []).flatMap(m =>
        m.user.username ? [m.user.username] : [],
      ),
    };
  }

  async listSchedules(): Promise<api.OnCallSchedule[]> {
    const body = await this.#http.request({
      path: encodePath('v2', 'schedules'),
      query: { expand: 'rotation' },
      schema: listSchedulesResponse,
    });
    return body.data.map(toSchedule);
  }

  async getTimeline(
    scheduleId: string,
    from: Date,
    to: Date,
  ): Promise<api.ScheduleTimeline> {
    const days = Math.max(
      1,
      Math.ceil((to.getTime() - from.getTime()) / 86_400_000),
    );
    // a window longer than MAX_TIMELINE_DAYS is asked for in whole weeks
    const interval =
      days <= MAX_TIMELINE_DAYS
        ? { interval: days, intervalUnit: 'days' }
        : { interval: Math.ceil(days / 7), intervalUnit: 'weeks' };
    const body = await this.#http.request({
      path: encodePath('v2', 'schedules', scheduleId, 'timeline'),
      query: {
        identifierType: 'id',
        expand: 'override',
        date: from.toISOString(),
        ...interval,
      },
      schema: timelineResponse,
    });
    return {
      scheduleId,
      start: new Date(body.data.startDate),
      end: new Date(body.data.endDate),
      periods: toPeriods(body.data.finalTimeline, body.data.overrideTimeline),
    };
  }

  async listEscalations(): Promise<api.EscalationPolicy[]> {
    const body = await this.#http.request({
      path: encodePath('v2', 'escalations'),
      schema: listEscalationsResponse,
    });
    return body.data.map(toEscalation);
  }

  async listUsers(): Promise<api.OnCallUser[]> {
    const users: api.OnCallUser[] = [];
    for await (const body of opsgenieUserPages(this.#http, listUsersResponse)) {
      users.push(...body.data.map(toUser));
      if (body.totalCount !== undefined && users.length >= body.totalCount) {
        break;
      }
    }
    return users;
  }

  /** Who is on call for a schedule at `at`, as Opsgenie's who-is-on-call API answers. */
  async getOnCallNow(
    scheduleId: string,
    at: Date,
  ): Promise<api.OnCallRecipient[]> {
    const body = await this.#http.request({
      path: encodePath('v2', 'schedules', scheduleId, 'on-calls'),
      query: {
        scheduleIdentifierType: 'id',
        flat: false,
        date: at.toISOString(),
      },
      schema: onCallsResponse,
    });
    return flattenParticipants(body.data.onCallParticipants);
  }

  /** Who is on call in every schedule at `at`: one request to Opsgenie's List On Calls API. */
  async onCallsAt(at: Date): Promise<api.ScheduleOnCalls[]> {
    const body = await this.#http.request({
      path: encodePath('v2', 'schedules', 'on-calls'),
      query: { flat: false, date: at.toISOString() },
      schema: allOnCallsResponse,
    });
    return body.data.map(entry => ({
      scheduleId: entry._parent.id,
      enabled: entry._parent.enabled,
      recipients: entry.onCallParticipants.map(p =>
        toRecipient({ type: p.type, id: p.id, name: p.name }),
      ),
    }));
  }

  async createAlert(alert: api.AlertRequest): Promise<{ requestId: string }> {
    return this.#alertApi.post({
      ...alertApi.alertBody(alert, { name: alert.team }),
      user: alert.user,
    });
  }

  async getRequestStatus(requestId: string): Promise<api.RequestStatus> {
    const response = await this.#alertApi.requestStatus(requestId);
    if (response.status === 404) {
      if (
        response.headers.get('X-Opsgenie-Errortype') === 'RequestNotProcessed'
      ) {
        return { state: 'pending' };
      }
      throw new VendorError({
        vendor: 'opsgenie',
        kind: 'http',
        status: 404,
        message: `opsgenie knows no request ${requestId}`,
      });
    }
    const parsed = requestStatusResponse.safeParse(response.body);
    if (!parsed.success) {
      throw new VendorError({
        vendor: 'opsgenie',
        kind: 'malformed',
        status: response.status,
        message: 'opsgenie sent an unexpected request status body',
      });
    }
    const data = parsed.data.data;
    return alertApi.processedRequest(data.isSuccess ?? data.success, data);
  }

  waitForRequest(
    requestId: string,
    timeoutMs: number,
  ): Promise<api.RequestStatus> {
    return this.#requests.follow(requestId, timeoutMs);
  }

  /** The schedule's page in Opsgenie's web UI; only ever an http(s) link. */
  scheduleUrl(schedule: api.ScheduleRef): string | undefined {
    return this.#webUrl
      ? httpUrl(
          `${this.#webUrl}/schedule/whoIsOnCall?scheduleId=${encodeURIComponent(
            schedule.id,
          )}`,
        )
      : undefined;
  }
}

function flattenParticipants(
  participants: OpsgenieOnCallParticipant[],
): api.OnCallRecipient[] {
  return participants.flatMap(p =>
    p.type === 'user'
      ? [{ type: 'user' as const, id: p.id, name: p.name }]
      : flattenParticipants(p.onCallParticipants ?? []),
  );
}
