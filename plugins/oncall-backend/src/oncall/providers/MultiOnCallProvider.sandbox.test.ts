import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CoverageGroup,
  OnCallSummary,
} from '@oncall-for-backstage/plugin-oncall-common';
import { pinDate } from '@oncall-for-backstage/plugin-oncall-common/testing';
import {
  RunningSandbox,
  SANDBOX_DEFAULT_KEYS,
  demoPagerDuty,
  startSandboxServer,
} from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import request from 'supertest';
import { captureLogger } from '../../__testUtils__/captureLogger';
import { demoEntities } from '../../__testUtils__/demoEntities';
import {
  OncallTestBackend,
  sandboxVendorSections,
  startOncallTestBackend,
} from '../../__testUtils__/startOncallTestBackend';

jest.setTimeout(60_000);

describe('several on-call providers (opsgenie + jsm + pagerduty) against the sandbox', () => {
  let sandbox: RunningSandbox;
  let server: OncallTestBackend['server'];
  const logLines: string[] = [];

  beforeAll(async () => {
    sandbox = await startSandboxServer({ port: 0 });
    const growthKey = demoPagerDuty(sandbox.org).services.find(
      s => s.name === 'newsletter-service',
    )!.integrationKey;
    const backend = await startOncallTestBackend({
      sandbox,
      vendors: ['opsgenie', 'jsm'],
      entities: demoEntities,
      config: {
        pagerduty: {
          ...sandboxVendorSections(sandbox.url).pagerduty,
          integrationKeys: { growth: growthKey },
        },
        migration: { prefer: ['jsm', 'pagerduty', 'opsgenie'] },
        teamMappings: [
          { group: 'group:default/discovery', team: 'discovery-ops' },
        ],
        refresh: {
          onCall: { frequency: { hours: 1 }, timeout: { minutes: 1 } },
        },
        vendorTimeoutMs: 2000,
      },
      features: [
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        createServiceFactory({
          service: coreServices.logger,
          deps: {},
          factory: () => captureLogger(logLines),
        }),
      ],
    });
    server = backend.server;
  });

  afterAll(async () => {
    jest.useRealTimers();
    await sandbox.close();
  });

  const onCall = async (path: string): Promise<OnCallSummary> =>
    (
      await request(server)
        .get(`/api/oncall/entities/${path}/on-call`)
        .set('Authorization', mockCredentials.user.header())
        .expect(200)
    ).body;

  it('serves each team from the provider that has it, per oncall.migration.prefer', async () => {
    pinDate(sandbox.org.generatedAt);
    /** The providers a component's rotations come from, each once. */
    const providersOf = async (component: string) => [
      ...new Set(
        (await onCall(`component/default/${component}`)).rotations.map(
          r => r.source?.provider,
        ),
      ),
    ];
    expect({
      'search-api': await providersOf('search-api'),
      'newsletter-service': await providersOf('newsletter-service'),
      'checkout-api': await providersOf('checkout-api'),
      'product-catalog': await providersOf('product-catalog'),
    }).toEqual({
      'search-api': ['jsm'],
      'newsletter-service': ['pagerduty'],
      'checkout-api': ['opsgenie'],
      'product-catalog': ['jsm'],
    });
    const collisions = logLines
      .filter(l => l.includes('On-call team found in several providers'))
      .map(l => JSON.parse(l).meta);
    expect(collisions).toContainEqual(
      expect.objectContaining({
        team: 'storefront-us',
        providers: 'opsgenie,jsm',
        kept: 'jsm',
        via: 'prefer',
      }),
    );
  });

  it("GET /coverage names each Group's provider", async () => {
    const res = await request(server)
      .get('/api/oncall/coverage')
      .set('Authorization', mockCredentials.user.header())
      .expect(200);
    const groups = new Map<string, CoverageGroup>(
      res.body.groups.map((g: CoverageGroup) => [g.entityRef, g]),
    );
    expect(
      ['discovery', 'growth', 'checkout'].map(
        group => groups.get(`group:default/${group}`)?.provider,
      ),
    ).toEqual([
      { providerId: 'jsm', provider: 'jsm' },
      { providerId: 'pagerduty', provider: 'pagerduty' },
      { providerId: 'opsgenie', provider: 'opsgenie' },
    ]);
    expect(
      groups.get('group:default/growth')?.rotations?.[0]?.source,
    ).toMatchObject({ provider: 'pagerduty', providerId: 'pagerduty' });
  });

  it('pages a growth service through the PagerDuty events fake', async () => {
    const res = await request(server)
      .post('/api/oncall/entities/component/default/newsletter-service/pages')
      .set('Authorization', mockCredentials.user.header())
      .send({ message: 'Newsletter sends fail (multi-provider test)' });
    expect(res.status).toBeLessThan(300);
    const service = (
      await request(sandbox.url)
        .get('/pagerduty/services?query=newsletter-service')
        .set({
          Authorization: `Token token=${SANDBOX_DEFAULT_KEYS.pagerduty}`,
          Accept: 'application/vnd.pagerduty+json;version=2',
        })
    ).body.services[0];
    const incidents = (
      await request(sandbox.url)
        .get(`/pagerduty/incidents?service_ids[]=${service.id}`)
        .set({
          Authorization: `Token token=${SANDBOX_DEFAULT_KEYS.pagerduty}`,
          Accept: 'application/vnd.pagerduty+json;version=2',
        })
    ).body.incidents;
    expect(
      incidents.some((i: { title: string }) =>
        i.title.includes('multi-provider test'),
      ),
    ).toBe(true);
  });
});
