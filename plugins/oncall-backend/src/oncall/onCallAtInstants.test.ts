import {
  OnCallSummary,
  Rotation,
} from '@oncall-for-backstage/plugin-oncall-common';
import {
  PINNED_INSTANTS,
  pinDate,
} from '@oncall-for-backstage/plugin-oncall-common/testing';
import {
  DemoOrg,
  RunningSandbox,
} from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import { DateTime } from 'luxon';
import request from 'supertest';
import { DAY_MS } from '../lib/time';
import { demoEntities } from '../__testUtils__/demoEntities';
import {
  VendorPeriod,
  sandboxOpsgenieTimeline,
} from '../__testUtils__/sandboxTimeline';
import { useOncallTestBackendAt } from '../__testUtils__/startOncallTestBackend';

jest.setTimeout(120_000);

const HORIZON = 14 * DAY_MS;
/** The sync stores timelines 8 weeks ahead (for the calendar feed): a shift is not cut at 14 days. */
const STORE_HORIZON = 56 * DAY_MS;
/** Vendor truth is read this far past the 14 days, so the last listed weekly shift ends in it. */
const TRUTH_TAIL = 8 * DAY_MS;
/** The pages were last read, and the team last synced, this long before the instant. */
const LAST_READ = 10_000;

/** The Components whose rotations are checked: one per way a rotation is built. */
const COMPONENTS = [
  'payments-api', // primary and secondary rotations → primary, secondary, whole team
  'checkout-api', // weekday and weekend schedules, each covering part of the week
  'storefront-web', // inherited from the parent Group
  'search-api', // an override in progress
  'product-catalog', // storefront-us_schedule, America/New_York
  'search-indexer', // discovery-eu_schedule, Europe/Berlin
  'event-pipeline', // the guest's own rotation
];

/** What a Rotation must say, worked out from the sandbox's own timeline and escalation. */
interface Expected {
  levels: Array<{ role: string; afterMinutes: number; emails: string[] }>;
  shiftEnds: Record<string, string>;
  nextHandoff?: string;
  upcoming: Array<{
    rotation: string;
    email: string;
    start: string;
    end: string;
  }>;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Periods of every rotation over [from, to), as Opsgenie's timeline has them, one recipient each. */
async function vendorTimeline(
  sandbox: RunningSandbox,
  scheduleId: string,
  from: number,
  to: number,
): Promise<VendorPeriod[]> {
  const periods = await sandboxOpsgenieTimeline(
    sandbox.url,
    scheduleId,
    from,
    Math.round((to - from) / DAY_MS),
  );
  // one stretch per person: back-to-back periods of the same recipient are one shift
  const merged: VendorPeriod[] = [];
  for (const p of periods.sort(
    (a, b) => a.rotation.localeCompare(b.rotation) || a.start - b.start,
  )) {
    const last = merged[merged.length - 1];
    if (
      last &&
      last.rotation === p.rotation &&
      last.username === p.username &&
      last.end === p.start
    ) {
      last.end = p.end;
    } else {
      merged.push({ ...p });
    }
  }
  return merged;
}

/**
 * The rotation at `t` from the vendor's periods; the next 14 days end 14 days after the sync
 * (`syncedAt`) the store holds.
 */
function expectedRotation(
  org: DemoOrg,
  scheduleName: string,
  periods: VendorPeriod[],
  t: number,
  syncedAt: number,
): Expected {
  const schedule = org.schedules.find(s => s.name === scheduleName)!;
  const isSecondary = (p: VendorPeriod) => /secondary/i.test(p.rotation);
  const covering = (p: VendorPeriod) => p.start <= t && t < p.end;
  const primaryNow = periods.filter(p => !isSecondary(p) && covering(p));
  const secondaryNow = periods.filter(p => isSecondary(p) && covering(p));
  const team = org.teams.find(x => x.id === schedule.ownerTeamId)!;
  const email = (userId: string) => org.users.find(u => u.id === userId)!.email;
  const escalation = org.escalations.find(e => e.ownerTeamId === team.id)!;
  const levels = escalation.rules
    .filter(
      r =>
        r.recipient.type === 'team' ||
        // a team's rules naming its other schedule belong to that schedule's card
        r.recipient.id === schedule.id,
    )
    .map(r => {
      if (r.recipient.type === 'team') {
        return {
          role: 'team',
          afterMinutes: r.delayMinutes,
          emails: team.members.map(m => email(m.userId)).sort(),
        };
      }
      const now = r.notifyType === 'next' ? secondaryNow : primaryNow;
      return {
        role: r.notifyType === 'next' ? 'secondary' : 'primary',
        afterMinutes: r.delayMinutes,
        emails: now.map(p => p.username).sort(),
      };
    });
  const primaryNext = periods
    .filter(p => !isSecondary(p) && p.start > t)
    .sort((a, b) => a.start - b.start)[0];
  return {
    levels,
    shiftEnds: Object.fromEntries(
      [...primaryNow, ...secondaryNow].map(p => [p.username, iso(p.end)]),
    ),
    nextHandoff:
      primaryNow.length > 0
        ? iso(Math.min(...primaryNow.map(p => p.end)))
        : primaryNext && iso(primaryNext.start),
    upcoming: periods
      .filter(p => p.end > t && p.start < syncedAt + HORIZON)
      .map(p => ({
        rotation: p.rotation,
        email: p.username,
        start: iso(Math.max(p.start, t)),
        end: iso(Math.min(p.end, syncedAt + STORE_HORIZON)),
      }))
      .sort(
        (a, b) =>
          Date.parse(a.start) - Date.parse(b.start) ||
          a.rotation.localeCompare(b.rotation),
      ),
  };
}

/** What the rotation says; a shift in progress counts from `t` however early it was read. */
function actual(rotation: Rotation, t: number): Expected {
  const responders = rotation.levels.flatMap(l =>
    l.role === 'team' ? [] : l.responders,
  );
  return {
    levels: rotation.levels.map(l => ({
      role: l.role,
      afterMinutes: l.afterMinutes,
      emails: l.responders.map(r => r.email ?? r.name).sort(),
    })),
    shiftEnds: Object.fromEntries(
      responders.map(r => [r.email ?? r.name, r.shiftEnd ?? 'none']),
    ),
    nextHandoff: rotation.nextHandoff,
    upcoming: [...rotation.upcoming]
      .sort(
        (a, b) =>
          Date.parse(a.start) - Date.parse(b.start) ||
          (a.rotation ?? '').localeCompare(b.rotation ?? ''),
      )
      .map(s => ({
        rotation: s.rotation ?? '',
        email: s.responder.email ?? s.responder.name,
        start: iso(Math.max(Date.parse(s.start), t)),
        end: s.end,
      })),
  };
}

/** The next Monday 09:00 on `zone`'s wall clock after `t`, worked out with luxon. */
function nextMondayNine(t: number, zone: string): string {
  const local = DateTime.fromMillis(t, { zone });
  let handoff = local.startOf('week').set({ hour: 9, minute: 0 });
  while (handoff <= local) {
    handoff = handoff.plus({ weeks: 1 });
  }
  return iso(handoff.toMillis());
}

describe.each(PINNED_INSTANTS)('on-call at $label', ({ at }) => {
  const t = Date.parse(at);
  const started = useOncallTestBackendAt(t, {
    readAgo: LAST_READ,
    vendors: ['opsgenie'],
    entities: demoEntities,
    config: {
      incidentCommander: { schedule: 'sre_ic_schedule' },
      teamMappings: [
        { group: 'group:default/discovery', team: 'discovery-ops' },
      ],
      refresh: {
        onCall: { frequency: { hours: 1 }, timeout: { minutes: 1 } },
      },
    },
  });

  beforeAll(async () => {
    // someone had every page open a moment before: the teams are synced, the answers cached
    for (const component of COMPONENTS) {
      await summary(component);
    }
    pinDate(t);
  });

  async function summary(component: string): Promise<OnCallSummary> {
    const res = await request(started.server)
      .get(`/api/oncall/entities/component/default/${component}/on-call`)
      .expect(200);
    return res.body;
  }

  it.each(COMPONENTS)(
    '%s: the escalation chain, shift ends, next handoff and next 14 days are Opsgenie’s',
    async component => {
      const body = await summary(component);
      expect(body.rotations.length).toBeGreaterThan(0);
      for (const rotation of body.rotations) {
        const periods = await vendorTimeline(
          started.sandbox,
          rotation.schedule.id,
          t - DAY_MS,
          t + HORIZON + TRUTH_TAIL,
        );
        expect({
          schedule: rotation.schedule.name,
          ...actual(rotation, t),
        }).toEqual({
          schedule: rotation.schedule.name,
          ...expectedRotation(
            started.sandbox.org,
            rotation.schedule.name,
            periods,
            t,
            t - LAST_READ,
          ),
        });
      }
    },
  );

  it('names the Incident Commander Opsgenie has on call, until the end of the shift', async () => {
    const { incidentCommander } = await summary('payments-api');
    const ic = incidentCommander!;
    const periods = await vendorTimeline(
      started.sandbox,
      ic.schedule.id,
      t - DAY_MS,
      t + HORIZON + TRUTH_TAIL,
    );
    const now = periods.filter(p => p.start <= t && t < p.end);
    expect(now).toHaveLength(1);
    expect(ic.levels).toEqual([
      {
        role: 'primary',
        afterMinutes: 0,
        responders: [
          expect.objectContaining({
            email: now[0].username,
            shiftEnd: iso(now[0].end),
          }),
        ],
      },
    ]);
  });

  it.each([
    ['product-catalog', 'storefront-us_schedule', 'America/New_York'],
    ['search-indexer', 'discovery-eu_schedule', 'Europe/Berlin'],
  ])(
    '%s: %s hands off on Monday 09:00 %s wall-clock time',
    async (component, scheduleName, zone) => {
      const [rotation] = (await summary(component)).rotations;
      expect(rotation.schedule).toMatchObject({
        name: scheduleName,
        timezone: zone,
      });
      const handoff = nextMondayNine(t, zone);
      expect(rotation.nextHandoff).toBe(handoff);
      expect(rotation.levels[0].responders[0].shiftEnd).toBe(handoff);
      const starts = rotation.upcoming.map(s => s.start).slice(1);
      expect(starts[0]).toBe(handoff);
      for (const start of starts) {
        expect(DateTime.fromISO(start, { zone }).toFormat('ccc HH:mm')).toBe(
          'Mon 09:00',
        );
      }
    },
  );
});
