import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { permissionsRegistryServiceFactory } from '@backstage/backend-defaults/permissionsRegistry';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { RunningSandbox } from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import { JsonObject } from '@backstage/types';
import request from 'supertest';
import { oncallPlugin } from '../plugin';
import { demoEntities } from '../__testUtils__/demoEntities';
import { oncallPermissionPolicyModule } from './oncallPermissionPolicyModule';
import { sandboxVendorSections } from '../__testUtils__/startOncallTestBackend';
import { useSandbox } from '../__testUtils__/useSandbox';
import {
  authWithActors,
  demoCatalogModule,
} from '../__testUtils__/realCatalog';

jest.setTimeout(180_000);

type Server = Awaited<ReturnType<typeof startTestBackend>>['server'];

/**
 * The portal's permission wiring for real: the permission backend with the on-call policy
 * module, the catalog (which evaluates the policy's conditions on the entity), the on-call
 * plugin and the permissions service that asks the permission backend.
 */
async function startPortal(
  sandbox: RunningSandbox,
  paging: JsonObject,
): Promise<Server> {
  const { server } = await startTestBackend({
    features: [
      catalogPlugin,
      demoCatalogModule(demoEntities(sandbox.org)),
      permissionPlugin,
      oncallPermissionPolicyModule,
      oncallPlugin,
      permissionsServiceFactory,
      permissionsRegistryServiceFactory,
      authWithActors,
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          oncall: {
            opsgenie: sandboxVendorSections(sandbox.url).opsgenie,
            paging,
          },
        },
      }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
    ],
  });
  // wait until the catalog has processed the org (owners and parents are relations)
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await request(server)
      .get('/api/catalog/entities/by-name/user/default/olivia.brown')
      .set('Authorization', mockCredentials.service.header());
    const payments = await request(server)
      .get('/api/catalog/entities/by-name/component/default/payments-api')
      .set('Authorization', mockCredentials.service.header());
    if (
      res.status === 200 &&
      res.body.relations?.length > 0 &&
      payments.status === 200 &&
      payments.body.relations?.length > 0
    ) {
      return server;
    }
    if (Date.now() > deadline) {
      throw new Error(`catalog not ready: ${res.status} ${payments.status}`);
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

const asUser = (name: string) =>
  mockCredentials.user.header(`user:default/${name}`);

describe('OnCallPermissionPolicy with the real permission backend and catalog', () => {
  const sandbox = useSandbox();
  let server: Server;

  beforeAll(async () => {
    server = await startPortal(sandbox, {
      permissionPolicy: 'members',
      allowedGroups: ['group:default/sre'],
    });
  });

  const page = (entity: string, as: string) =>
    request(server)
      .post(`/api/oncall/entities/${entity}/pages`)
      .set('Authorization', asUser(as))
      .send({ message: `page by ${as} for ${entity}` });

  const alertsFor = (entity: string, as: string) =>
    sandbox.state.alerts
      .list()
      .filter(a => a.message === `page by ${as} for ${entity}`);

  it('a member of the owning Group pages (202)', async () => {
    await page('component/default/payments-api', 'olivia.brown').expect(202);
    expect(
      alertsFor('component/default/payments-api', 'olivia.brown'),
    ).toHaveLength(1);
  });

  it('a member of a Group up the owner’s parent chain pages (202)', async () => {
    // payments-api is owned by payments, whose parent is commerce
    await page('component/default/payments-api', 'sofia.rossi').expect(202);
    expect(
      alertsFor('component/default/payments-api', 'sofia.rossi'),
    ).toHaveLength(1);
  });

  it('a member of another team is denied (403) and nothing reaches Opsgenie', async () => {
    for (const [entity, as] of [
      ['component/default/payments-api', 'ava.martin'], // checkout, a sibling team
      ['component/default/payments-api', 'guest'], // data-platform
      ['api/default/payments', 'isla.young'], // discovery
    ]) {
      const res = await page(entity, as).expect(403);
      expect(res.body.error.message).toContain('You may not page');
      expect(alertsFor(entity, as)).toEqual([]);
    }
  });

  it('a member of a configured Group pages for any entity (202)', async () => {
    await page('component/default/payments-api', 'maria.garcia').expect(202);
    expect(
      alertsFor('component/default/payments-api', 'maria.garcia'),
    ).toHaveLength(1);
    const unmapped = await page(
      'component/default/newsletter-service',
      'maria.garcia',
    ).expect(409); // allowed; nobody is mapped for it
    expect(unmapped.body.error.message).toContain('No on-call team is mapped');
  });

  it('Group and User pages: members of the Group or a Group above it, the user themself', async () => {
    const statuses: Record<string, number> = {};
    for (const [entity, as] of [
      ['group/default/payments', 'olivia.brown'],
      ['group/default/checkout', 'sofia.rossi'],
      ['group/default/payments', 'ava.martin'],
      ['group/default/commerce', 'olivia.brown'],
      ['user/default/noah.wilson', 'noah.wilson'],
      ['user/default/noah.wilson', 'ava.martin'],
    ]) {
      statuses[`${as} → ${entity}`] = (await page(entity, as)).status;
    }
    expect(statuses).toEqual({
      'olivia.brown → group/default/payments': 202, // a member
      'sofia.rossi → group/default/checkout': 202, // a member of the parent
      'ava.martin → group/default/payments': 403, // a sibling team
      'olivia.brown → group/default/commerce': 403, // a member of a child only
      'noah.wilson → user/default/noah.wilson': 202, // themself
      'ava.martin → user/default/noah.wilson': 403, // someone else
    });
  });

  it('leaves every other decision as it was: allowed', async () => {
    const res = await request(server)
      .post('/api/permission/authorize')
      .set('Authorization', asUser('ava.martin'))
      .send({
        items: [
          {
            id: 'read',
            permission: {
              type: 'resource',
              name: 'catalog.entity.read',
              attributes: { action: 'read' },
              resourceType: 'catalog-entity',
            },
            resourceRef: 'component:default/payments-api',
          },
          {
            id: 'create-location',
            permission: {
              type: 'basic',
              name: 'catalog.location.create',
              attributes: { action: 'create' },
            },
          },
        ],
      })
      .expect(200);
    expect(res.body.items).toEqual([
      { id: 'read', result: 'ALLOW' },
      { id: 'create-location', result: 'ALLOW' },
    ]);
    await request(server)
      .get('/api/oncall/entities/component/default/payments-api/on-call')
      .set('Authorization', asUser('ava.martin'))
      .expect(200);
  });
});

describe('permissionPolicy: allow-all (the demo)', () => {
  const sandbox = useSandbox();

  it('lets anyone page, as the allow-all policy does', async () => {
    const server = await startPortal(sandbox, {
      permissionPolicy: 'allow-all',
    });
    await request(server)
      .post('/api/oncall/entities/component/default/payments-api/pages')
      .set('Authorization', asUser('ava.martin'))
      .send({ message: 'anyone may page in the demo' })
      .expect(202);
    expect(
      sandbox.state.alerts
        .list()
        .filter(a => a.message === 'anyone may page in the demo'),
    ).toHaveLength(1);
  });
});
