import request from 'supertest';
import { MINUTE, checkedSync } from '../../__testUtils__/checkedSync';
import { createTestStores } from '../../__testUtils__/createTestStores';
import { fastResiliencePolicy } from '../../__testUtils__/fastResilience';
import { sandboxVendorSections } from '../../__testUtils__/startOncallTestBackend';
import { OpsgenieOnCallProvider } from '../opsgenie/OpsgenieOnCallProvider';
import { CHECK_OFFSETS_MINUTES } from './differingSchedules';
import { FAR_CHECKS_PER_RUN } from './farChecks';
import { useSandbox } from '../../__testUtils__/useSandbox';

jest.setTimeout(60_000);

/**
 * The sandbox's timelines and its who-is-on-call answers agree (as Opsgenie's do), so a run
 * after the first reads no team; an override made in Opsgenie is read at the next run. At
 * instants where a wrong time zone or a wrong period edge would show: a Monday 09:00 handoff
 * in Europe/Berlin on the Monday after the change to winter time, New Year's Eve, a Sunday.
 */
describe.each([
  [
    'a Monday-morning handoff after the clocks went back',
    '2026-10-26T07:58:00Z',
  ],
  ["New Year's Eve before midnight", '2026-12-31T22:58:00Z'],
  ['a Sunday afternoon', '2026-11-29T15:00:00Z'],
])('the on-call sync against the sandbox at %s', (_name, instant) => {
  const sandbox = useSandbox();

  const opsgenieRequests = async () => {
    const stats = (await request(sandbox.url).get('/__sandbox/stats')).body;
    return stats.vendors.opsgenie.total as number;
  };

  it('reads no team again while nothing changed, and the overridden team at the next run', async () => {
    const stores = await createTestStores('SQLITE_3');
    const config = sandboxVendorSections(sandbox.url).opsgenie;
    let now = Date.parse(instant);
    const sync = checkedSync({
      stores,
      provider: OpsgenieOnCallProvider.create({
        config,
        policy: fastResiliencePolicy('opsgenie'),
      }),
      now: () => now,
      checks: { maxStaleMs: 15 * MINUTE, rereadMs: 7 * 24 * 60 * MINUTE },
    });
    const first = await sync.refresh();
    expect(first.failed).toBe(0);
    await request(sandbox.url).delete('/__sandbox/stats');

    for (const step of [2, 4]) {
      now = Date.parse(instant) + step * MINUTE;
      await sync.refresh();
    }
    // two runs, each the near and four far check instants only: every stored timeline
    // answered as Opsgenie does, up to a week ahead
    const checks = CHECK_OFFSETS_MINUTES.length + FAR_CHECKS_PER_RUN;
    expect(await opsgenieRequests()).toBe(2 * checks);

    const payments = (
      await stores.onCall.findSchedulesByName(['payments_schedule'])
    )[0];
    await request(sandbox.url)
      .post(
        `${new URL(config.baseUrl).pathname.replace(/\/$/, '')}/v2/schedules/${
          payments.id
        }/overrides`,
      )
      .query({ scheduleIdentifierType: 'id' })
      .set('Authorization', `GenieKey ${config.apiKey}`)
      .send({
        user: { type: 'user', username: 'oscar.king@example.com' },
        startDate: new Date(now + MINUTE).toISOString(),
        endDate: new Date(now + 120 * MINUTE).toISOString(),
      })
      .expect(201);
    await request(sandbox.url).delete('/__sandbox/stats');
    now += 2 * MINUTE;
    await sync.refresh();
    const periods = await stores.onCall.getPeriods(
      [payments.id],
      new Date(now),
      new Date(now + 1),
    );
    expect(periods.map(p => p.recipient.name)).toContain(
      'oscar.king@example.com',
    );
    // the checks, then the one team's members and its schedule's timeline
    expect(await opsgenieRequests()).toBe(checks + 2);
  });
});
