import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { SyncStateStore } from '../database/SyncStateStore';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';
import { INCIDENT_SYNC_SCOPE, IncidentSync } from './IncidentSync';
import { BlamelessIncidentProvider } from './blameless/BlamelessIncidentProvider';
import { IncidentProvider } from './IncidentProvider';
import { fastResiliencePolicy } from '../__testUtils__/fastResilience';
import { sandboxBlamelessConfig } from '../__testUtils__/startOncallTestBackend';
import { createTestStores } from '../__testUtils__/createTestStores';
import { useSandbox } from '../__testUtils__/useSandbox';

jest.setTimeout(60_000);

const NOW = new Date('2026-11-20T12:00:00Z');
const DAY = 86_400_000;

/** The sandbox's provider `real` with its change feed replaced by `changesSince`. */
function withChangesSince(
  real: IncidentProvider,
  changesSince: IncidentProvider['changesSince'],
): IncidentProvider {
  return {
    source: real.source,
    getIncident: id => real.getIncident(id),
    getRetrospective: id => real.getRetrospective(id),
    changesSince,
  };
}

describe('IncidentSync against the sandbox', () => {
  const sandbox = useSandbox({ now: () => NOW });
  let knex: Knex;

  beforeEach(async () => {
    ({ knex } = await createTestStores('SQLITE_3'));
    sandbox.state.faults.clear();
  });

  function build(
    options: {
      provider?: IncidentProvider;
      backfillDays?: number;
      retentionDays?: number;
    } = {},
  ) {
    const logger = mockServices.logger.mock();
    const provider =
      options.provider ??
      BlamelessIncidentProvider.create({
        config: sandboxBlamelessConfig(sandbox.url),
        logger,
        policy: fastResiliencePolicy('blameless'),
        now: () => NOW.getTime(),
      });
    const store = DatabaseIncidentStore.create({ knex: knex });
    const syncState = new SyncStateStore(knex);
    const sync = new IncidentSync({
      provider,
      store,
      syncState,
      logger,
      backfillDays: options.backfillDays ?? 365,
      retentionDays: options.retentionDays ?? 730,
      pageSize: 25,
      now: () => NOW,
    });
    return { sync, store, syncState, logger, provider };
  }

  const snapshot = async () => ({
    incidents: await knex('oncall_incidents').orderBy('id'),
    services: await knex('oncall_incident_services').orderBy([
      'incident_id',
      'service',
    ]),
  });

  it('backfills every demo incident in the window; a second run changes nothing', async () => {
    const { sync, syncState } = build();
    const first = await sync.run();
    const expected = sandbox.org.incidents.filter(
      i => i.updated >= NOW.getTime() - 365 * DAY,
    );
    expect(first.written).toBe(expected.length);
    expect(first.skipped).toBe(0);
    const after = await snapshot();
    expect(after.incidents).toHaveLength(expected.length);
    const state = await syncState.get('blameless', INCIDENT_SYNC_SCOPE);
    expect(Number(state?.watermark)).toBe(
      Math.max(...expected.map(i => i.updated)),
    );

    const second = await sync.run();
    expect(await snapshot()).toEqual(after);
    expect(second.written).toBeLessThanOrEqual(1); // only the change at the watermark is re-read
  });

  it('logs the scheduled sync at info and the frequent open-incident watch at debug', async () => {
    const { sync, logger } = build();
    await sync.run('open-incidents');
    expect(logger.info).not.toHaveBeenCalledWith(
      'Synced incidents',
      expect.anything(),
    );
    expect(logger.debug).toHaveBeenCalledWith(
      'Synced incidents',
      expect.objectContaining({ trigger: 'open-incidents' }),
    );
    await sync.run();
    expect(logger.info).toHaveBeenCalledWith(
      'Synced incidents',
      expect.objectContaining({ trigger: 'schedule' }),
    );
  });

  it('resumes after an interruption mid-way and lands exactly what an uninterrupted run does', async () => {
    const { sync: clean } = build();
    await clean.run();
    const reference = await snapshot();
    await knex('oncall_incident_services').delete();
    await knex('oncall_incidents').delete();
    await knex('oncall_sync_state').delete();

    const real = build().provider;
    let pages = 0;
    const faulty = withChangesSince(
      real,
      async function* failingAfterTwoPages(since, options) {
        for await (const page of real.changesSince(since, options)) {
          yield page;
          pages += 1;
          if (pages === 2) {
            sandbox.state.faults.set('blameless', {
              mode: 'error',
              status: 503,
            });
          }
        }
      },
    );
    const { sync, syncState, store } = build({ provider: faulty });
    await expect(sync.run()).rejects.toMatchObject({ name: 'VendorError' });
    const partial = await store.count();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(reference.incidents.length);
    const failed = await syncState.get('blameless', INCIDENT_SYNC_SCOPE);
    expect(failed?.lastError?.message).toMatch(/503/);
    expect(failed?.watermark).toBeDefined();

    sandbox.state.faults.clear();
    await sync.run();
    expect(await snapshot()).toEqual(reference);
  });

  it('prunes incidents older than the retention window', async () => {
    const { sync, store } = build({ backfillDays: 365, retentionDays: 30 });
    await sync.run();
    const { items } = await store.listAll({ limit: 1000 });
    expect(items.length).toBeGreaterThan(0);
    expect(
      items.every(i => Date.parse(i.startedAt) >= NOW.getTime() - 30 * DAY),
    ).toBe(true);
  });

  it('skips a bad record, logs its id and keeps the rest', async () => {
    const real = build().provider;
    const withBad = withChangesSince(
      real,
      async function* withABadRecord(since, options) {
        for await (const page of real.changesSince(since, options)) {
          yield {
            ...page,
            rejected: [
              ...page.rejected,
              { id: '999999', reason: 'created: invalid date' },
            ],
          };
        }
      },
    );
    const { sync, logger, store } = build({ provider: withBad });
    const result = await sync.run();
    expect(result.skipped).toBeGreaterThan(0);
    expect(await store.count()).toBe(result.written);
    expect(logger.warn).toHaveBeenCalledWith(
      'Skipped an incident that could not be read',
      expect.objectContaining({ incidentId: '999999' }),
    );
  });
  it('reads the next page while it writes one, and commits every page read before a failure', async () => {
    const real = build().provider;
    const events: string[] = [];
    let reads = 0;
    const pages = withChangesSince(
      real,
      async function* failingOnTheThirdRead(since, options) {
        const inner = real.changesSince(since, options);
        for (;;) {
          reads += 1;
          events.push(`read ${reads}`);
          if (reads === 3) {
            throw new Error('vendor went away');
          }
          const result = await inner.next();
          if (result.done) return;
          yield result.value;
        }
      },
    );
    const { sync, syncState, store } = build({ provider: pages });
    const upsert = store.upsert.bind(store);
    let writes = 0;
    jest.spyOn(store, 'upsert').mockImplementation(async (source, items) => {
      writes += 1;
      const n = writes;
      events.push(`write ${n} start`);
      await new Promise(resolve => setTimeout(resolve, 20));
      await upsert(source, items);
      events.push(`write ${n} end`);
    });
    await expect(sync.run()).rejects.toThrow('vendor went away');
    // page 2 was read while page 1 was being written
    expect(events.indexOf('read 2')).toBeLessThan(
      events.indexOf('write 1 end'),
    );
    // the failed third read did not cost the second page
    expect(events).toContain('write 2 end');
    expect(await store.count()).toBeGreaterThan(0);
    const state = await syncState.get('blameless', INCIDENT_SYNC_SCOPE);
    expect(state?.lastError?.message).toBe('vendor went away');
    expect(state?.watermark).toBeDefined();
  });
});
