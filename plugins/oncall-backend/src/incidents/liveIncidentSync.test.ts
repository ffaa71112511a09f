import { mockServices } from '@backstage/backend-test-utils';
import { participantAt } from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import { Knex } from 'knex';
import { SyncStateStore } from '../database/SyncStateStore';
import { IncidentStore } from './IncidentStore';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';
import { IncidentSync } from './IncidentSync';
import { BlamelessIncidentProvider } from './blameless/BlamelessIncidentProvider';
import { fastResiliencePolicy } from '../__testUtils__/fastResilience';
import { sandboxBlamelessConfig } from '../__testUtils__/startOncallTestBackend';
import {
  createTestStores,
  testDatabaseIds,
} from '../__testUtils__/createTestStores';
import { useSandbox } from '../__testUtils__/useSandbox';

jest.setTimeout(120_000);

const MINUTE = 60_000;
/** Sunday, 03:00 UTC: the demo portal's pinned instant. */
const START = Date.parse('2026-11-29T03:00:00Z');

/**
 * A person trying the demo opens an incident through the sandbox's control API, changes it and
 * resolves it; each incremental incident sync brings the vendor's new state into the store.
 */
describe.each(testDatabaseIds())(
  'a live demo incident through the incident sync (%s)',
  databaseId => {
    let now = START;
    const sandbox = useSandbox({ now: () => new Date(now) });
    let knex: Knex;
    beforeEach(async () => {
      ({ knex } = await createTestStores(databaseId));
    });

    async function control(
      method: 'POST' | 'PATCH',
      path: string,
      body: object,
    ) {
      const response = await fetch(`${sandbox.url}/__sandbox${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(method === 'POST' ? 201 : 200);
      return response.json();
    }

    function build() {
      const provider = BlamelessIncidentProvider.create({
        config: sandboxBlamelessConfig(sandbox.url),
        logger: mockServices.logger.mock(),
        policy: fastResiliencePolicy('blameless', {
          timeoutMs: 5000,
          breakerThreshold: 5,
        }),
        now: () => now,
      });
      const store = DatabaseIncidentStore.create({ knex: knex });
      const sync = new IncidentSync({
        provider,
        store,
        syncState: new SyncStateStore(knex),
        logger: mockServices.logger.mock(),
        backfillDays: 365,
        retentionDays: 730,
        now: () => new Date(now),
      });
      return { store, sync };
    }

    /** The incidents of `service` as stored, newest start first. */
    async function stored(store: IncidentStore, service: string) {
      return (await store.list({ services: [service] }, { limit: 10 })).items;
    }

    it('sees the incident open, changed and resolved', async () => {
      now = START;
      const { store, sync } = build();
      await sync.run();
      const before = await stored(store, 'payments-api');

      now += MINUTE;
      const opened = now;
      const { id } = await control('POST', '/incidents', {
        title: 'Card payments failing at checkout',
        severity: 'SEV1',
        services: ['checkout-api', 'payments-api'],
      });
      expect(await stored(store, 'payments-api')).toEqual(before);

      now += 30_000;
      const first = await sync.run();
      expect(first.written).toBeGreaterThanOrEqual(1);
      const ic = sandbox.org.schedules.find(
        s => s.name === sandbox.org.incidentCommanderSchedule,
      )!;
      const commanderId = participantAt(ic, ic.rotations[0], opened)!
        .participant.id;
      const commander = sandbox.org.users.find(u => u.id === commanderId)!;
      const [live] = await stored(store, 'payments-api');
      expect(live).toEqual({
        id: String(id),
        title: 'Card payments failing at checkout',
        severity: 'sev1',
        status: 'investigating',
        startedAt: new Date(opened).toISOString(),
        commander: { name: commander.fullName, email: commander.email },
        slackChannel: {
          name: `#inc-${id}-card-payments-failing-at-checkout`,
          url: expect.stringMatching(
            /^https:\/\/slack\.com\/app_redirect\?channel=C/,
          ),
        },
        retrospective: { status: 'not_started', url: expect.any(String) },
        services: ['checkout', 'payments-api'],
        url: `${sandbox.url}/blameless/incident/${id}/events`,
      });
      // checkout-api files its incidents as `checkout`
      expect((await stored(store, 'checkout'))[0].id).toBe(String(id));

      now += 10 * MINUTE;
      const acknowledged = now;
      await control('PATCH', `/incidents/${id}`, {
        status: 'identified',
        severity: 'SEV0',
        title: 'Card payments down',
      });
      now += 30_000;
      await sync.run();
      expect((await stored(store, 'payments-api'))[0]).toMatchObject({
        id: String(id),
        title: 'Card payments down',
        severity: 'sev0',
        status: 'identified',
        acknowledgedAt: new Date(acknowledged).toISOString(),
      });

      now += 45 * MINUTE;
      const resolved = now;
      await control('PATCH', `/incidents/${id}`, { status: 'resolved' });
      now += 30_000;
      await sync.run();
      const [closed] = await stored(store, 'payments-api');
      expect(closed).toMatchObject({
        id: String(id),
        status: 'resolved',
        acknowledgedAt: new Date(acknowledged).toISOString(),
        resolvedAt: new Date(resolved).toISOString(),
        retrospective: { status: 'not_started' },
      });
      const stillOpen = await store.list(
        {
          services: ['payments-api', 'checkout'],
          statuses: ['investigating', 'identified', 'monitoring'],
        },
        { limit: 100 },
      );
      expect(stillOpen.items.map(i => i.id)).not.toContain(String(id));
    });
  },
);
