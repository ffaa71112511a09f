import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { HttpResponse, delay, http } from 'msw';
import { setupServer } from 'msw/node';
import { BlamelessIncidentProvider } from './blameless/BlamelessIncidentProvider';
import { IncidentStore } from './IncidentStore';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';
import { RetrospectiveHydrator } from './RetrospectiveHydrator';
import { fastResiliencePolicy } from '../__testUtils__/fastResilience';
import { providerIncident } from './__testUtils__/incidentFixtures';
import { createTestStores } from '../__testUtils__/createTestStores';

jest.setTimeout(60_000);

const base = 'http://blameless.test';
const server = setupServer();
registerMswTestHooks(server);
const T0 = Date.UTC(2026, 5, 1);
const retroUrl = (id: string) => `${base}/retrospective/${id}`;

/** An incident whose retrospective is still to be looked up, started `minutes` after T0. */
const pendingIncident = (id: string, minutes: number) =>
  providerIncident(id, T0 + minutes * 60_000, {
    acknowledgedAt: undefined,
    retrospective: { status: 'not_started', url: retroUrl(id), pending: true },
    url: `${base}/incident/${id}/events`,
  });

/** Blameless with a postmortem for some ids (state per id), 404 for the rest. */
function blameless(
  states: Record<string, string>,
  options: { latencyMs?: number; status?: number } = {},
) {
  const asked: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  server.use(
    http.post(`${base}/api/v2/identity/token`, () =>
      HttpResponse.json({ access_token: 'opaque', expires_in: 3600 }),
    ),
    http.get(`${base}/api/v1/incidents/:id/postmortem`, async ({ params }) => {
      const id = String(params.id);
      asked.push(id);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await delay(options.latencyMs ?? 0);
      inFlight -= 1;
      if (options.status) {
        return HttpResponse.json(
          { error: 'unavailable' },
          { status: options.status },
        );
      }
      return states[id]
        ? HttpResponse.json({ ok: true, postmortem: { state: states[id] } })
        : HttpResponse.json({ error: 'not_found' }, { status: 404 });
    }),
  );
  return { asked, maxInFlight: () => maxInFlight };
}

describe('RetrospectiveHydrator', () => {
  let knex: Knex;
  let store: IncidentStore;

  beforeEach(async () => {
    ({ knex } = await createTestStores('SQLITE_3'));
    store = DatabaseIncidentStore.create({ knex: knex });
  });

  function build() {
    const logger = mockServices.logger.mock();
    const provider = BlamelessIncidentProvider.create({
      config: {
        baseUrl: base,
        apiKey: 'key',
        severityMap: { SEV2: 'sev2' },
        backfillDays: 365,
        retentionDays: 730,
      },
      logger,
      policy: fastResiliencePolicy('blameless'),
    });
    const hydrator = new RetrospectiveHydrator({ provider, store, logger });
    return { hydrator, logger };
  }

  const retrospectives = async () =>
    Object.fromEntries(
      (await store.listAll({ limit: 100 })).items.map(i => [
        i.id,
        i.retrospective,
      ]),
    );

  it('writes each looked-up state, keeps the fallback on a 404, and clears the mark', async () => {
    await store.upsert('blameless', [
      pendingIncident('1', 0),
      pendingIncident('2', 1),
      pendingIncident('3', 2),
    ]);
    const vendor = blameless({ '1': 'COMPLETED', '3': 'IN_REVIEW' });
    const { hydrator } = build();
    hydrator.request(['1', '2', '3']);
    await hydrator.idle();
    expect(vendor.asked.sort()).toEqual(['1', '2', '3']);
    expect(await retrospectives()).toEqual({
      '1': { status: 'completed', url: retroUrl('1') },
      '2': { status: 'not_started', url: retroUrl('2') },
      '3': { status: 'in_review', url: retroUrl('3') },
    });
  });

  it('asks once for an id already queued or in flight, at most four at a time', async () => {
    const ids = Array.from({ length: 10 }, (_, k) => String(k + 1));
    await store.upsert(
      'blameless',
      ids.map((id, k) => pendingIncident(id, k)),
    );
    const vendor = blameless({}, { latencyMs: 30 });
    const { hydrator } = build();
    hydrator.request(ids);
    hydrator.request(['1', '2', '10']);
    hydrator.request(ids);
    await hydrator.idle();
    expect(vendor.asked.sort()).toEqual([...ids].sort());
    expect(vendor.maxInFlight()).toBe(4);
    expect(
      Object.values(await retrospectives()).every(r => r && !r.pending),
    ).toBe(true);
  });

  it('logs a failing lookup, leaves the incident pending and asks again on a later request', async () => {
    await store.upsert('blameless', [pendingIncident('1', 0)]);
    blameless({}, { status: 503 });
    const { hydrator, logger } = build();
    expect(() => hydrator.request(['1'])).not.toThrow();
    await hydrator.idle();
    expect(logger.warn).toHaveBeenCalledWith(
      'Retrospective lookup failed; the incident stays pending',
      expect.objectContaining({ incidentId: '1' }),
    );
    expect((await retrospectives())['1']).toEqual({
      status: 'not_started',
      url: retroUrl('1'),
      pending: true,
    });

    const vendor = blameless({ '1': 'PUBLISHED' });
    hydrator.request(['1']);
    await hydrator.idle();
    expect(vendor.asked).toEqual(['1']);
    expect((await retrospectives())['1']).toEqual({
      status: 'completed',
      url: retroUrl('1'),
    });
  });
  it('looks up what a view asks for ahead of the background queue, newest pending first from the store', async () => {
    const ids = Array.from({ length: 12 }, (_, k) => String(k + 1));
    await store.upsert(
      'blameless',
      ids.map((id, k) => pendingIncident(id, k)),
    );
    const vendor = blameless({ '12': 'COMPLETED' }, { latencyMs: 20 });
    const { hydrator } = build();
    // what a sync leaves behind: the 10 most recently started pending incidents
    const background = await store.pendingRetrospectives(10);
    expect(background).toEqual([
      '12',
      '11',
      '10',
      '9',
      '8',
      '7',
      '6',
      '5',
      '4',
      '3',
    ]);
    hydrator.enqueue(background);
    // a view shows incident 1 (not queued) and 3 (queued last in the background)
    hydrator.request(['1', '3']);
    await hydrator.idle();
    // four background lookups were already running; the view's two come next
    expect(vendor.asked.slice(0, 4).sort()).toEqual(['10', '11', '12', '9']);
    expect(vendor.asked.slice(4, 6).sort()).toEqual(['1', '3']);
    expect(vendor.asked).toHaveLength(11);
    expect(await store.pendingRetrospectives(10)).toEqual(['2']);
    expect((await retrospectives())['12']).toEqual({
      status: 'completed',
      url: retroUrl('12'),
    });
  });
});
