import { VENDORS } from '../lib/Vendor';
import { RECENT_STATES_MS, SyncStateStore } from './SyncStateStore';
import {
  createTestStores,
  testDatabaseIds,
} from '../__testUtils__/createTestStores';

jest.setTimeout(60_000);

describe.each(testDatabaseIds())('SyncStateStore (%s)', databaseId => {
  it('keeps the last success of every vendor, JSM Operations and PagerDuty included', async () => {
    const { syncState, knex } = await createTestStores(databaseId);
    const at = new Date('2026-11-30T03:00:00.000Z');
    for (const vendor of VENDORS) {
      await syncState.recordSuccess(vendor, 'directory', at);
    }
    for (const vendor of VENDORS) {
      expect(await syncState.list(vendor)).toEqual([
        expect.objectContaining({
          source: vendor,
          scope: 'directory',
          asOf: at,
        }),
      ]);
      expect(await syncState.get(vendor, 'directory')).toMatchObject({
        asOf: at,
      });
    }
    await knex.destroy();
  });

  it('keeps the last error beside the last success, and a later success clears it', async () => {
    const { syncState, knex } = await createTestStores(databaseId);
    const ok = new Date('2026-11-30T03:00:00.000Z');
    const failed = new Date('2026-11-30T03:05:00.000Z');
    await syncState.recordSuccess('pagerduty', 'directory', ok);
    await syncState.recordFailure(
      'pagerduty',
      'directory',
      'pagerduty answered 503',
      failed,
    );
    expect(await syncState.get('pagerduty', 'directory')).toMatchObject({
      asOf: ok,
      lastError: { message: 'pagerduty answered 503', at: failed },
    });
    await syncState.recordSuccess(
      'pagerduty',
      'directory',
      new Date('2026-11-30T03:10:00.000Z'),
    );
    expect(
      (await syncState.get('pagerduty', 'directory'))?.lastError,
    ).toBeUndefined();
    await knex.destroy();
  });

  it('answers page views from a read at most a second old; its own writes show at once, another process\'s within that second', async () => {
    const { knex } = await createTestStores(databaseId);
    let now = 1_000_000;
    const views = new SyncStateStore(knex, { now: () => now });
    const otherProcess = new SyncStateStore(knex);
    const at = new Date('2026-11-30T03:00:00.000Z');
    expect(await views.listRecent('opsgenie')).toEqual([]);

    await otherProcess.recordSuccess('opsgenie', 'directory', at);
    expect(await views.listRecent('opsgenie')).toEqual([]);
    expect(await views.list('opsgenie')).toHaveLength(1);
    now += RECENT_STATES_MS;
    expect(await views.listRecent('opsgenie')).toEqual([
      expect.objectContaining({ scope: 'directory', asOf: at }),
    ]);

    await views.recordFailure('opsgenie', 'directory', 'answered 503', at);
    expect((await views.listRecent('opsgenie'))[0].lastError).toEqual({
      message: 'answered 503',
      at,
    });
    await views.touch('opsgenie', ['directory'], at);
    expect(
      (await views.listRecent('opsgenie'))[0].lastError,
    ).toBeUndefined();
    await knex.destroy();
  });

  it('ignores rows of a source it does not know', async () => {
    const { syncState, knex } = await createTestStores(databaseId);
    await knex('oncall_sync_state').insert({
      source: 'victorops',
      scope: 'directory',
      as_of: new Date(),
    });
    expect(await syncState.list()).toEqual([]);
    await knex.destroy();
  });
});
