import { Express } from 'express';
import request from 'supertest';
import { OG_AUTH } from './sandbox';
import { DAY } from '../org/time';

/** A List Alerts item as the wire has it. */
export interface WireAlert {
  id: string;
  tinyId: string;
  alias: string;
  message: string;
  status: 'open' | 'closed';
  acknowledged: boolean;
  count: number;
  createdAt: string;
  updatedAt: string;
  lastOccurredAt: string;
  priority: string;
  owner: string;
  tags: string[];
  responders: Array<{ type: string; id: string }>;
  report?: {
    ackTime?: number;
    acknowledgedBy?: string;
    closeTime?: number;
    closedBy?: string;
  };
}

/** A period of a schedule's final timeline. */
export interface WirePeriod {
  rotation: string;
  start: number;
  end: number;
  /** Username (e-mail). */
  user: string;
}

export interface WireRule {
  notifyType: string;
  delay: number;
  recipient: { type: string; id: string; name: string };
}

export interface WireTeam {
  id: string;
  name: string;
  members: string[];
  /** The team's escalation policy rules, by delay. */
  rules: WireRule[];
}

export interface WireRotation {
  name: string;
  startDate: string;
  participants: Array<{ username?: string }>;
}

export interface WireSchedule {
  id: string;
  name: string;
  timezone: string;
  ownerTeam: { id: string };
  rotations: WireRotation[];
}

/** What an Opsgenie client can read about the org: enough to compute the figures itself. */
export interface OpsgenieWire {
  timeZoneOf: Map<string, string>;
  teams: WireTeam[];
  schedules: WireSchedule[];
  /** Final timeline periods per schedule id. */
  periods: Map<string, WirePeriod[]>;
  overrides: Map<string, Array<{ user: string; start: number; end: number }>>;
  /** Alerts per team name, oldest first. */
  alerts: Map<string, WireAlert[]>;
}

/** Reads the org and every alert of the last `days` days through the Opsgenie API. */
export async function readOpsgenie(
  app: Express,
  now: number,
  days = 180,
): Promise<OpsgenieWire> {
  const get = async (path: string) => {
    const res = await request(app).get(`/opsgenie${path}`).set(OG_AUTH);
    if (res.status !== 200) {
      throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    return res.body;
  };

  const timeZoneOf = new Map<string, string>();
  for (let offset = 0; ; offset += 100) {
    const page = await get(`/v2/users?limit=100&offset=${offset}`);
    for (const u of page.data) timeZoneOf.set(u.username, u.timeZone);
    if (!page.paging.next) break;
  }

  const policies: Array<{ ownerTeam: { id: string }; rules: WireRule[] }> = (
    await get('/v2/escalations')
  ).data.map(
    (e: {
      ownerTeam: { id: string };
      rules: Array<{
        notifyType: string;
        delay: { timeAmount: number };
        recipient: { type: string; id: string; name: string };
      }>;
    }) => ({
      ownerTeam: e.ownerTeam,
      rules: e.rules
        .map(r => ({
          notifyType: r.notifyType,
          delay: r.delay.timeAmount,
          recipient: r.recipient,
        }))
        .sort((a, b) => a.delay - b.delay),
    }),
  );
  const teams: WireTeam[] = [];
  for (const t of (await get('/v2/teams')).data) {
    const full = (await get(`/v2/teams/${t.id}`)).data;
    teams.push({
      id: t.id,
      name: t.name,
      members: full.members.map(
        (m: { user: { username: string } }) => m.user.username,
      ),
      rules: policies.find(p => p.ownerTeam.id === t.id)?.rules ?? [],
    });
  }

  const schedules: WireSchedule[] = (await get('/v2/schedules?expand=rotation'))
    .data;
  const periods = new Map<string, WirePeriod[]>();
  const overrides = new Map<
    string,
    Array<{ user: string; start: number; end: number }>
  >();
  const from = new Date(now - (days + 2) * DAY).toISOString();
  for (const s of schedules) {
    const timeline = (
      await get(
        `/v2/schedules/${s.id}/timeline?date=${encodeURIComponent(
          from,
        )}&interval=7&intervalUnit=months`,
      )
    ).data;
    periods.set(
      s.id,
      timeline.finalTimeline.rotations.flatMap(
        (r: {
          name: string;
          periods: Array<{
            startDate: string;
            endDate: string;
            recipient: { name: string };
          }>;
        }) =>
          r.periods.map(p => ({
            rotation: r.name,
            start: Date.parse(p.startDate),
            end: Date.parse(p.endDate),
            user: p.recipient.name,
          })),
      ),
    );
    overrides.set(
      s.id,
      (await get(`/v2/schedules/${s.id}/overrides`)).data.map(
        (o: {
          user: { username: string };
          startDate: string;
          endDate: string;
        }) => ({
          user: o.user.username,
          start: Date.parse(o.startDate),
          end: Date.parse(o.endDate),
        }),
      ),
    );
  }

  // a client narrows by createdAt windows: one query may page through 20,000 alerts at most
  const alerts = new Map<string, WireAlert[]>();
  const step = 30 * DAY;
  for (const team of teams) {
    const list: WireAlert[] = [];
    for (let start = now - days * DAY; start <= now; start += step) {
      const q = `teams:"${
        team.name
      }" AND createdAt>=${start} AND createdAt<${Math.min(
        start + step,
        now + 1,
      )}`;
      for (let offset = 0; ; offset += 100) {
        const page = await get(
          `/v2/alerts?query=${encodeURIComponent(
            q,
          )}&limit=100&offset=${offset}&order=asc`,
        );
        list.push(...page.data);
        if (!page.paging.next) break;
      }
    }
    alerts.set(team.name, list);
  }
  return { timeZoneOf, teams, schedules, periods, overrides, alerts };
}
