import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SANDBOX_DEFAULT_KEYS } from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import { EntityLoader } from '../lib/EntityLoader';
import { DatadogSloProvider } from '../slos/datadog/DatadogSloProvider';
import { SloService } from '../slos/SloService';
import { SloSync } from '../slos/SloSync';
import { createTestStores } from '../__testUtils__/createTestStores';
import { reliabilityEntities } from '../__testUtils__/reliabilityEntities';
import { BlamelessIncidentProvider } from './blameless/BlamelessIncidentProvider';
import { EntityScope } from '../lib/EntityScope';
import { IncidentService } from './IncidentService';
import { IncidentSync } from './IncidentSync';
import { createVendorPolicy } from '../lib/resilience';
import {
  sandboxVendorSections,
  sandboxBlamelessConfig,
} from '../__testUtils__/startOncallTestBackend';
import { useSandbox } from '../__testUtils__/useSandbox';

jest.setTimeout(120_000);

/**
 * Done when: for every demo service, the incident stats and the SLO burn rates the plugin
 * reports equal a computation made independently, straight from the sandbox's Blameless and
 * DataDog APIs (plain fetch, no plugin code).
 */
const NOW = new Date('2026-11-20T12:00:00Z');

type WireIncident = {
  _id: number;
  created: { $date: number };
  severity: number;
  acknowledged_at?: { $date: number };
  resolved_at?: { $date: number };
  services: string[];
};

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

/** Rounded to 9 decimals, so float noise between two correct computations does not count. */
function round<T extends number | null | undefined>(value: T): T | number {
  return typeof value === 'number' ? Math.round(value * 1e9) / 1e9 : value;
}

const mean = (values: number[]) =>
  values.length === 0
    ? undefined
    : values.reduce((a, b) => a + b, 0) / values.length;

describe('figures equal an independent computation over the sandbox APIs', () => {
  const sandbox = useSandbox({ now: () => NOW });
  let incidents: IncidentService;
  let slos: SloService;
  const credentials = mockCredentials.user();

  beforeAll(async () => {
    const stores = await createTestStores('SQLITE_3');
    const { syncState } = stores;
    const logger = mockServices.logger.mock();
    const catalog = catalogServiceMock({
      entities: reliabilityEntities(sandbox.org),
    });
    const entities = new EntityLoader(catalog);
    const scope = new EntityScope(catalog);
    const incidentStore = stores.incidents;
    const incidentSync = new IncidentSync({
      provider: BlamelessIncidentProvider.create({
        config: sandboxBlamelessConfig(sandbox.url),
        logger,
        policy: createVendorPolicy('blameless', logger),
        now: () => NOW.getTime(),
      }),
      store: incidentStore,
      syncState,
      logger,
      backfillDays: 365,
      retentionDays: 730,
      now: () => NOW,
    });
    const sloStore = stores.slos;
    const sloSync = new SloSync({
      provider: DatadogSloProvider.create({
        config: sandboxVendorSections(sandbox.url).datadog,
        policy: createVendorPolicy('datadog', logger),
      }),
      store: sloStore,
      syncState,
      logger,
      now: () => NOW,
    });
    await incidentSync.run();
    await sloSync.run();
    incidents = new IncidentService({
      store: incidentStore,
      syncState,
      sync: incidentSync,
      entities,
      scope,
      staleAfterMs: 365 * 86_400_000,
      now: () => NOW,
    });
    slos = new SloService({
      store: sloStore,
      syncState,
      sync: sloSync,
      entities,
      scope,
      staleAfterMs: 365 * 86_400_000,
      now: () => NOW,
    });
  });

  it('incident stats of every demo service', async () => {
    const base = `${sandbox.url}/blameless`;
    const { access_token: token } = await json<{ access_token: string }>(
      `${base}/api/v2/identity/token`,
      {
        method: 'POST',
        headers: { Authorization: SANDBOX_DEFAULT_KEYS.blameless },
      },
    );
    const all: WireIncident[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await json<{
        incidents: WireIncident[];
        pagination: { count: number };
      }>(`${base}/api/v1/incidents?limit=100&offset=${offset}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      all.push(...page.incidents);
      if (offset + 100 >= page.pagination.count) break;
    }
    expect(all.length).toBeGreaterThan(50);

    for (const service of sandbox.org.services) {
      const mine = all.filter(i =>
        i.services.includes(service.blamelessService),
      );
      const minutes = (pick: (i: WireIncident) => number | undefined) =>
        mean(
          mine.flatMap(i => {
            const at = pick(i);
            return at === undefined ? [] : [(at - i.created.$date) / 60_000];
          }),
        );
      const expected = {
        count: mine.length,
        bySeverity: {
          sev0: mine.filter(i => i.severity === 0).length,
          sev1: mine.filter(i => i.severity === 1).length,
          sev2: mine.filter(i => i.severity === 2).length,
          sev3: mine.filter(i => i.severity === 3).length,
        },
        mtta: minutes(i => i.acknowledged_at?.$date),
        mttr: minutes(i => i.resolved_at?.$date),
      };
      const page = await incidents.page(
        {
          kind: service.kind === 'API' ? 'api' : 'component',
          namespace: 'default',
          name: service.name,
        },
        { severities: [], statuses: [], limit: 1 },
        credentials,
      );
      expect({
        service: service.name,
        count: page.stats.count,
        bySeverity: page.stats.bySeverity,
      }).toEqual({
        service: service.name,
        count: expected.count,
        bySeverity: expected.bySeverity,
      });
      expect({
        service: service.name,
        mtta: round(page.stats.mttaMinutes),
        mttr: round(page.stats.mttrMinutes),
      }).toEqual({
        service: service.name,
        mtta: round(expected.mtta),
        mttr: round(expected.mttr),
      });
    }
  });

  it('SLO burn rates of every demo service', async () => {
    const base = `${sandbox.url}/datadog`;
    const headers = {
      'DD-API-KEY': SANDBOX_DEFAULT_KEYS.datadogApi,
      'DD-APPLICATION-KEY': SANDBOX_DEFAULT_KEYS.datadogApp,
    };
    const to = Math.floor(NOW.getTime() / 1000);
    const windows = { '1h': 3600, '6h': 6 * 3600, '3d': 3 * 86400 } as const;
    let compared = 0;
    for (const service of sandbox.org.services) {
      const list = await json<{
        data: Array<{
          id: string;
          thresholds: Array<{ timeframe: string; target: number }>;
          timeframe: string;
        }>;
      }>(
        `${base}/api/v1/slo?tags_query=${encodeURIComponent(
          `service:${service.name}`,
        )}`,
        { headers },
      );
      const report = await slos.report(
        {
          kind: service.kind === 'API' ? 'api' : 'component',
          namespace: 'default',
          name: service.name,
        },
        credentials,
      );
      expect(report.items.map(i => i.id).sort()).toEqual(
        list.data.map(s => s.id).sort(),
      );
      for (const slo of list.data) {
        const target = slo.thresholds.find(
          t => t.timeframe === slo.timeframe,
        )!.target;
        const item = report.items.find(i => i.id === slo.id)!;
        for (const [window, seconds] of Object.entries(windows) as Array<
          [keyof typeof windows, number]
        >) {
          const history = await json<{
            data: { overall: { sli_value: number | null } };
          }>(
            `${base}/api/v1/slo/${slo.id}/history?from_ts=${
              to - seconds
            }&to_ts=${to}`,
            { headers },
          );
          const sli = history.data.overall.sli_value;
          const expected = sli === null ? null : (100 - sli) / (100 - target);
          expect({
            slo: slo.id,
            window,
            burn: round(item.burnRates[window]),
          }).toEqual({
            slo: slo.id,
            window,
            burn: round(expected),
          });
          compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThanOrEqual(3 * 18);
  });
});
