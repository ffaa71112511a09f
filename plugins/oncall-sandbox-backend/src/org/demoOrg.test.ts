import { createDemoOrg } from './demoOrg';
import { finalPeriods, participantAt } from './rotation';
import { DAY, HOUR, WEEK } from './time';
import { DemoOrg, DemoSchedule } from './types';

const NOW = new Date('2026-03-04T10:15:00Z');

function onCallNow(
  org: DemoOrg,
  scheduleName: string,
  rotationName: string,
  t = NOW.getTime(),
) {
  const schedule = org.schedules.find(s => s.name === scheduleName)!;
  const rotation = schedule.rotations.find(r => r.name === rotationName)!;
  const period = participantAt(schedule, rotation, t);
  return period && org.users.find(u => u.id === period.participant.id)?.email;
}

describe('createDemoOrg', () => {
  const org = createDemoOrg({ seed: 42, now: NOW });

  it('is deterministic for a seed and a clock, and differs across seeds', () => {
    expect(createDemoOrg({ seed: 42, now: NOW })).toEqual(org);
    const other = createDemoOrg({ seed: 43, now: NOW });
    expect(other.schedules[0].id).not.toBe(org.schedules[0].id);
    expect(other.groups).toEqual(org.groups);
  });

  it('has the binding teams, schedules and the Incident Commander schedule', () => {
    expect(org.teams.map(t => t.name).sort()).toEqual([
      'checkout',
      'commerce',
      'data-platform',
      'discovery-eu',
      'discovery-ops',
      'payments-team',
      'sre',
      'storefront-us',
    ]);
    expect(org.schedules.map(s => s.name).sort()).toEqual([
      'checkout_weekday',
      'checkout_weekend',
      'commerce_schedule',
      'data-platform_schedule',
      'discovery-eu_schedule',
      'discovery-ops_schedule',
      'payments_schedule',
      'sre_ic_schedule',
      'storefront-us_schedule',
    ]);
    expect(
      org.schedules
        .filter(s => s.timezone !== 'UTC')
        .map(s => [s.name, s.timezone]),
    ).toEqual([
      ['storefront-us_schedule', 'America/New_York'],
      ['discovery-eu_schedule', 'Europe/Berlin'],
    ]);
    expect(org.incidentCommanderSchedule).toBe('sre_ic_schedule');
    expect(org.users.find(u => u.name === 'guest')).toMatchObject({
      email: 'guest@example.com',
      group: 'data-platform',
    });
    for (const u of org.users.filter(x => x.name !== 'guest')) {
      expect(u.email).toMatch(/^[a-z]+\.[a-z]+@example\.com$/);
    }
  });

  it('has someone on call now in every rotation, with the guest as data-platform secondary', () => {
    expect(onCallNow(org, 'data-platform_schedule', 'secondary')).toBe(
      'guest@example.com',
    );
    for (const schedule of org.schedules.filter(
      s => !s.name.startsWith('checkout'),
    )) {
      for (const rotation of schedule.rotations) {
        expect(onCallNow(org, schedule.name, rotation.name)).toBeDefined();
      }
    }
  });

  it('hands over every weekly rotation within the next days', () => {
    for (const schedule of org.schedules) {
      for (const rotation of schedule.rotations) {
        const periods = finalPeriods(schedule, rotation, {
          start: NOW.getTime(),
          end: NOW.getTime() + 2 * WEEK,
        });
        const handoff = periods.find(p => p.start > NOW.getTime());
        expect(handoff).toBeDefined();
        expect(handoff!.start - NOW.getTime()).toBeLessThanOrEqual(7 * DAY);
      }
    }
  });

  it('has someone on call in every schedule throughout the 180 days of pages', () => {
    const range = { start: NOW.getTime() - 181 * DAY, end: NOW.getTime() };
    // the checkout schedules take turns: weekdays, then the weekend
    const groups = new Map<string, DemoSchedule[]>();
    for (const schedule of org.schedules) {
      const key = schedule.name.startsWith('checkout_')
        ? 'checkout'
        : schedule.name;
      groups.set(key, [...(groups.get(key) ?? []), schedule]);
    }
    for (const [name, schedules] of groups) {
      const periods = schedules
        .flatMap(s =>
          s.rotations
            .filter(r => r.name !== 'secondary')
            .flatMap(r => finalPeriods(s, r, range)),
        )
        .sort((a, b) => a.start - b.start);
      let covered = range.start;
      for (const p of periods) {
        if (p.start > covered) break;
        covered = Math.max(covered, p.end);
      }
      expect({ name, coveredUntil: new Date(covered) }).toEqual({
        name,
        coveredUntil: new Date(range.end),
      });
    }
  });

  it('keeps the discovery override in progress', () => {
    const schedule = org.schedules.find(
      s => s.name === 'discovery-ops_schedule',
    )!;
    const [override] = schedule.overrides;
    expect(override.startDate).toBeLessThan(NOW.getTime());
    expect(override.endDate).toBeGreaterThan(NOW.getTime() + 12 * HOUR);
    expect(onCallNow(org, 'discovery-ops_schedule', 'primary')).toBe(
      org.users.find(u => u.id === override.userId)!.email,
    );
  });

  it('has 4–10+ incidents per component over more than six months, commanded from SRE', () => {
    const sre = new Set(
      org.users.filter(u => u.group === 'sre').map(u => u.id),
    );
    const services = org.services
      .filter(s => s.kind === 'Component')
      .map(s => s.blamelessService);
    for (const service of services) {
      const count = org.incidents.filter(i => i.service === service).length;
      expect(count).toBeGreaterThanOrEqual(4);
      expect(count).toBeLessThanOrEqual(13);
    }
    const oldest = Math.min(...org.incidents.map(i => i.created));
    expect(NOW.getTime() - oldest).toBeGreaterThan(180 * DAY);
    expect(org.incidents.every(i => sre.has(i.commanderUserId))).toBe(true);
    expect(new Set(org.incidents.map(i => i.severity))).toEqual(
      new Set([0, 1, 2, 3]),
    );
    expect(
      org.incidents
        .filter(i => i.status !== 'RESOLVED')
        .map(i => i.status)
        .sort(),
    ).toEqual(['IDENTIFIED', 'INVESTIGATING', 'MONITORING']);
    expect(
      new Set(
        org.incidents.flatMap(i =>
          i.retrospective ? [i.retrospective.state] : [],
        ),
      ),
    ).toEqual(new Set(['NOT_STARTED', 'INCOMPLETE', 'IN_REVIEW', 'COMPLETED']));
    const sorted = [...org.incidents].sort(
      (a, b) => b.updated - a.updated || b.id - a.id,
    );
    expect(org.incidents).toEqual(sorted);
  });

  it('names the commander from the IC rotation at the time of the incident', () => {
    const incident = org.incidents[org.incidents.length - 1];
    const commander = org.users.find(
      u => u.id === incident.commanderUserId,
    )!.email;
    expect(onCallNow(org, 'sre_ic_schedule', 'primary', incident.created)).toBe(
      commander,
    );
  });

  it('generates scale mode on top of the demo org, quickly', () => {
    const start = Date.now();
    const big = createDemoOrg({
      seed: 1,
      now: NOW,
      scale: { teams: 500, services: 5000, incidents: 100_000, slos: 10_000 },
    });
    expect(Date.now() - start).toBeLessThan(15_000);
    expect(big.teams).toHaveLength(org.teams.length + 500);
    expect(big.schedules).toHaveLength(org.schedules.length + 500);
    expect(big.services).toHaveLength(org.services.length + 5000);
    expect(big.incidents.length).toBeGreaterThanOrEqual(100_000);
    expect(big.slos).toHaveLength(org.slos.length + 10_000);
    expect(new Set(big.incidents.map(i => i.id)).size).toBe(
      big.incidents.length,
    );
  });
});
