import { DateTime } from 'luxon';

/**
 * An independent computation of the weekly health figures straight from Opsgenie's wire
 * (users, teams, escalations, schedules, timelines, List Alerts) with plain fetch: no plugin
 * code. The acceptance test compares the plugin's figures with these.
 */

const DAY = 86_400_000;
const WEEK = 7 * DAY;

type Rule = {
  delay: { timeAmount: number };
  recipient: { type: string; id?: string; name?: string };
};
type Alert = {
  id: string;
  alias: string;
  status: string;
  count: number;
  createdAt: string;
  report?: { ackTime?: number; acknowledgedBy?: string; closedBy?: string };
};
type Period = { rotation: string; start: number; end: number; user: string };

export interface WireWeek {
  pages: number;
  businessHours: number;
  offHours: number;
  sleepHours: number;
  sleepNights: number;
  escalated: number;
  closedWithoutAck: number;
  ackP50Ms?: number;
  ackP90Ms?: number;
  overloaded: boolean;
}

export interface WireTeamHealth {
  team: string;
  weeks: WireWeek[];
  noisiest?: { key: string; occurrences: number };
}

async function get<T>(base: string, key: string, path: string): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    headers: { Authorization: `GenieKey ${key}` },
  });
  if (res.status !== 200) {
    throw new Error(`${path}: ${res.status}`);
  }
  return (await res.json()) as T;
}

const nearestRank = (values: number[], p: number) => {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(1, Math.ceil((p / 100) * s.length)) - 1];
};

/** Every team's last `weeks` 7-day windows ending at `now`, oldest first. */
export async function wireHealth(
  base: string,
  key: string,
  now: number,
  weeks: number,
): Promise<WireTeamHealth[]> {
  const zones = new Map<string, string>();
  for (let offset = 0; ; offset += 100) {
    const page = await get<{
      data: Array<{ username: string; timeZone?: string }>;
      paging?: { next?: string };
    }>(base, key, `/v2/users?limit=100&offset=${offset}`);
    for (const u of page.data)
      if (u.timeZone) zones.set(u.username, u.timeZone);
    if (!page.paging?.next) break;
  }
  const policies = (
    await get<{ data: Array<{ ownerTeam?: { id: string }; rules: Rule[] }> }>(
      base,
      key,
      '/v2/escalations',
    )
  ).data;
  const schedules = (
    await get<{
      data: Array<{
        id: string;
        name: string;
        timezone: string;
        ownerTeam?: { id: string };
        rotations: Array<{ name: string }>;
      }>;
    }>(base, key, '/v2/schedules?expand=rotation')
  ).data;
  const teams = (
    await get<{ data: Array<{ id: string; name: string }> }>(
      base,
      key,
      '/v2/teams',
    )
  ).data;
  const start = now - weeks * WEEK;
  const result: WireTeamHealth[] = [];
  for (const team of teams) {
    const rule = policies
      .find(p => p.ownerTeam?.id === team.id)
      ?.rules.filter(r => r.recipient.type === 'schedule')
      .sort((a, b) => a.delay.timeAmount - b.delay.timeAmount)[0];
    const schedule =
      schedules.find(s => s.id === rule?.recipient.id) ??
      schedules.find(s => s.ownerTeam?.id === team.id);
    let periods: Period[] = [];
    if (schedule) {
      const timeline = await get<{
        data: {
          finalTimeline: {
            rotations: Array<{
              name: string;
              periods?: Array<{
                startDate: string;
                endDate: string;
                recipient: { type: string; name?: string };
              }>;
            }>;
          };
        };
      }>(
        base,
        key,
        `/v2/schedules/${schedule.id}/timeline?date=${encodeURIComponent(
          new Date(start - DAY).toISOString(),
        )}&interval=${weeks + 1}&intervalUnit=weeks`,
      );
      const primary =
        schedule.rotations.find(r => !/secondary/i.test(r.name))?.name ??
        schedule.rotations[0]?.name;
      periods = timeline.data.finalTimeline.rotations
        .filter(r => r.name === primary)
        .flatMap(r =>
          (r.periods ?? [])
            .filter(p => p.recipient.type === 'user' && p.recipient.name)
            .map(p => ({
              rotation: r.name,
              start: Date.parse(p.startDate),
              end: Date.parse(p.endDate),
              user: p.recipient.name!,
            })),
        );
    }
    const alerts: Alert[] = [];
    const q = `teams:"${team.name}" AND createdAt>=${start} AND createdAt<${now}`;
    for (let offset = 0; ; offset += 100) {
      const page = await get<{ data: Alert[]; paging?: { next?: string } }>(
        base,
        key,
        `/v2/alerts?query=${encodeURIComponent(
          q,
        )}&limit=100&offset=${offset}&order=asc`,
      );
      alerts.push(...page.data);
      if (!page.paging?.next) break;
    }
    const primaryAt = (t: number) =>
      periods.find(p => p.start <= t && t < p.end)?.user;
    const weekList: WireWeek[] = [];
    for (let k = 0; k < weeks; k++) {
      const from = start + k * WEEK;
      const inWeek = alerts.filter(a => {
        const t = Date.parse(a.createdAt);
        return t >= from && t < from + WEEK;
      });
      const w: WireWeek = {
        pages: inWeek.length,
        businessHours: 0,
        offHours: 0,
        sleepHours: 0,
        sleepNights: 0,
        escalated: 0,
        closedWithoutAck: 0,
        overloaded: false,
      };
      const nights = new Set<string>();
      const acks: number[] = [];
      for (const a of inWeek) {
        const t = Date.parse(a.createdAt);
        const primary = primaryAt(t);
        const zone =
          (primary && zones.get(primary)) || schedule?.timezone || 'UTC';
        const clock = DateTime.fromMillis(t, { zone });
        if (clock.hour < 7) {
          w.sleepHours++;
          nights.add(clock.toISODate()!);
        } else if (clock.weekday <= 5 && clock.hour >= 8 && clock.hour < 18) {
          w.businessHours++;
        } else {
          w.offHours++;
        }
        const by = a.report?.acknowledgedBy;
        if (a.report?.ackTime !== undefined) acks.push(a.report.ackTime);
        if (by && primary && by.toLowerCase() !== primary.toLowerCase()) {
          w.escalated++;
        }
        if (a.status === 'closed' && a.report?.ackTime === undefined) {
          w.closedWithoutAck++;
        }
      }
      w.sleepNights = nights.size;
      w.ackP50Ms = nearestRank(acks, 50);
      w.ackP90Ms = nearestRank(acks, 90);
      w.overloaded = inWeek.length / 14 > 2 || nights.size >= 2;
      weekList.push(w);
    }
    const counts = new Map<string, number>();
    for (const a of alerts)
      counts.set(a.alias, (counts.get(a.alias) ?? 0) + a.count);
    const [top] = [...counts].sort(
      (x, y) => y[1] - x[1] || x[0].localeCompare(y[0]),
    );
    result.push({
      team: team.name,
      weeks: weekList,
      noisiest: top ? { key: top[0], occurrences: top[1] } : undefined,
    });
  }
  return result;
}
