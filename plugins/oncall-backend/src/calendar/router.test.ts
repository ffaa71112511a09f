import { mockCredentials } from '@backstage/backend-test-utils';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import request from 'supertest';
import { demoEntities } from '../__testUtils__/demoEntities';
import { useOncallTestBackendAt } from '../__testUtils__/startOncallTestBackend';

jest.setTimeout(120_000);

/**
 * Tuesday 2 March 2027, 12:00 UTC: New York springs forward on Sunday 14 March, inside the
 * shift from Monday 8 March to Monday 15 March (09:00 local), which is wholly ahead of now;
 * Berlin on Sunday 28 March, past the 14 days of /me/on-call but inside the feed's 8 weeks.
 */
const PINNED = new Date('2027-03-02T12:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The clock changes the feed's shifts run across: each shift across one hands off at 09:00
 * local on both sides, so it starts and ends at different UTC hours and lasts 167 hours.
 */
const CLOCK_CHANGES = [
  // New York, 14 March: 14:00 UTC before the change, 13:00 UTC after it
  {
    schedule: 'storefront-us_schedule',
    zone: 'America/New_York',
    at: Date.parse('2027-03-14T07:00:00Z'),
    utcHours: { start: 14, end: 13 },
  },
  // Berlin, 28 March (26 days ahead): 08:00 UTC before, 07:00 UTC after
  {
    schedule: 'discovery-eu_schedule',
    zone: 'Europe/Berlin',
    at: Date.parse('2027-03-28T01:00:00Z'),
    utcHours: { start: 8, end: 7 },
  },
];

type FeedEvent = {
  uid: string;
  summary: string;
  description: string;
  url?: string;
  start: Date;
  end: Date;
};

/** /me/on-call starts a running shift at "now"; the feed gives its real start. */
function startOrNow(start: Date): string {
  return start.getTime() <= PINNED.getTime() ? 'now' : start.toISOString();
}

function parseFeed(text: string): FeedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe('vcalendar');
  return calendar.getAllSubcomponents('vevent').map(component => {
    const event = new ICAL.Event(component);
    const url = component.getFirstPropertyValue('url');
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      url: typeof url === 'string' ? url : undefined,
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
    };
  });
}

describe('calendar feed', () => {
  // the clock stands still at PINNED (real timers run): every read sees the same "now"
  const backend = useOncallTestBackendAt(PINNED.getTime(), {
    runningFor: 0,
    vendors: ['opsgenie'],
    entities: demoEntities,
  });
  const user = (ref: string) => mockCredentials.user.header(ref);

  async function subscribe(userRef: string): Promise<string> {
    const res = await request(backend.server)
      .post('/api/oncall/me/calendar-token')
      .set('Authorization', user(userRef))
      .expect(201);
    const url = new URL(res.body.url);
    expect(url.pathname).toBe('/api/oncall/me/calendar.ics');
    const token = url.searchParams.get('token');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    return token!;
  }

  /** The feed as a calendar app asks for it: no Backstage credential at all. */
  const feed = (token: string) =>
    request(backend.server)
      .get('/api/oncall/me/calendar.ics')
      .set('Authorization', mockCredentials.none.header())
      .query({ token });

  /** The participants of a schedule's rotations, as catalog users. */
  function participantsOf(scheduleName: string) {
    const schedule = backend.sandbox.org.schedules.find(
      s => s.name === scheduleName,
    )!;
    const ids = new Set(
      schedule.rotations.flatMap(r => r.participants.map(p => p.id)),
    );
    return backend.sandbox.org.users.filter(u => ids.has(u.id));
  }

  it('lists the shifts of /me/on-call, and 8 weeks of them, across both clock changes, as parsed iCalendar', async () => {
    const participants = [
      ...participantsOf('storefront-us_schedule'),
      ...participantsOf('discovery-eu_schedule'),
    ];
    expect(participants.length).toBeGreaterThan(2);
    /** The shifts found across each of the CLOCK_CHANGES, in order. */
    const crossings = CLOCK_CHANGES.map((): FeedEvent[] => []);
    let latestEnd = 0;
    for (const participant of participants) {
      const ref = `user:default/${participant.name}`;
      const token = await subscribe(ref);
      const res = await feed(token).expect(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      const events = parseFeed(res.text);

      // the first 14 days: the same shifts the store gives /me/on-call (whose current shift
      // starts "now"); the feed goes on for 8 weeks
      const inTwoWeeks = events.filter(
        e => e.start.getTime() < PINNED.getTime() + 14 * DAY,
      );
      for (const e of events) {
        expect(e.start.getTime()).toBeLessThan(PINNED.getTime() + 56 * DAY);
        latestEnd = Math.max(latestEnd, e.end.getTime());
      }
      const mine = await request(backend.server)
        .get('/api/oncall/me/on-call')
        .set('Authorization', user(ref))
        .expect(200);
      const expected = mine.body.upcoming.map(
        (s: {
          start: string;
          end: string;
          role: string;
          schedule: { name: string; timezone: string; url?: string };
        }) => ({
          summary: `On call: ${s.schedule.name} (${s.role})`,
          start: startOrNow(new Date(s.start)),
          end: s.end,
          timezone: s.schedule.timezone,
          url: s.schedule.url,
        }),
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(
        inTwoWeeks.map(e => ({
          summary: e.summary,
          start: startOrNow(e.start),
          end: e.end.toISOString(),
          timezone: /Time zone: (.*)/.exec(e.description)?.[1],
          url: e.url,
        })),
      ).toEqual(expected);
      for (const e of events) {
        expect(e.description).toContain('Role: ');
        expect(e.description).toContain('Schedule: ');
        expect(e.uid).toMatch(/@oncall-for-backstage$/);
      }

      // the shifts running across a clock change: checked below
      CLOCK_CHANGES.forEach((change, k) => {
        const across = events.find(
          e =>
            e.summary.includes(change.schedule) &&
            e.start.getTime() < change.at &&
            e.end.getTime() > change.at,
        );
        if (across) {
          crossings[k].push(across);
        }
      });

      // UIDs are stable: the same shifts again have the same UIDs
      const again = parseFeed((await feed(token).expect(200)).text);
      expect(again.map(e => e.uid)).toEqual(events.map(e => e.uid));
      expect(new Set(events.map(e => e.uid)).size).toBe(events.length);
    }
    CLOCK_CHANGES.forEach(({ zone, utcHours }, k) => {
      expect(crossings[k].length).toBeGreaterThan(0);
      for (const shift of crossings[k]) {
        expect(DateTime.fromJSDate(shift.start, { zone }).hour).toBe(9);
        expect(DateTime.fromJSDate(shift.end, { zone }).hour).toBe(9);
        expect(shift.start.getUTCHours()).toBe(utcHours.start);
        expect(shift.end.getUTCHours()).toBe(utcHours.end);
        expect(shift.end.getTime() - shift.start.getTime()).toBe(167 * HOUR);
      }
    });
    // shifts reach past the first 14 days, up to 8 weeks ahead
    expect(latestEnd).toBeGreaterThan(PINNED.getTime() + 49 * DAY);
  });

  it('answers 404 for a missing or wrong token', async () => {
    await request(backend.server)
      .get('/api/oncall/me/calendar.ics')
      .expect(404);
    await feed('not-a-token').expect(404);
    await feed('x'.repeat(43)).expect(404);
  });

  it('answers 400 for a token given twice', async () => {
    await request(backend.server)
      .get('/api/oncall/me/calendar.ics?token=a&token=b')
      .expect(400);
  });

  it('voids the old token when a new one is created, and 404s a revoked one', async () => {
    const ref = 'user:default/guest';
    const first = await subscribe(ref);
    await feed(first).expect(200);
    const second = await subscribe(ref);
    expect(second).not.toBe(first);
    await feed(first).expect(404);
    await feed(second).expect(200);
    await request(backend.server)
      .delete('/api/oncall/me/calendar-token')
      .set('Authorization', user(ref))
      .expect(204);
    await feed(second).expect(404);
  });

  it('needs a signed-in user to create or revoke a token', async () => {
    await request(backend.server)
      .post('/api/oncall/me/calendar-token')
      .set('Authorization', mockCredentials.none.header())
      .expect(401);
    await request(backend.server)
      .delete('/api/oncall/me/calendar-token')
      .set('Authorization', mockCredentials.service.header())
      .expect(403);
  });
});
