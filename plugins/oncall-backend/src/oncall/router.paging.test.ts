import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startSandboxServer } from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import { demoEntities } from '../__testUtils__/demoEntities';
import request from 'supertest';
import { useOncallRouterBackend } from '../__testUtils__/oncallRouterBackend';
import { startOncallTestBackend } from '../__testUtils__/startOncallTestBackend';

describe('on-call routes against the sandbox', () => {
  const backend = useOncallRouterBackend();
  const { auditor } = backend;

  it('POST pages: creates an Opsgenie alert for the resolved team and audits it', async () => {
    const res = await request(backend.server)
      .post('/api/oncall/entities/component/default/payments-api/pages')
      .set('Authorization', mockCredentials.user.header('user:default/guest'))
      .send({
        message: 'Payments are failing',
        priority: 'P1',
        description: 'Card auth 500s',
      })
      .expect(202);
    expect(res.body).toMatchObject({
      requestId: expect.any(String),
      team: 'payments-team',
    });
    expect(res.body.alertId).toBeDefined();
    const alert = backend.sandbox.state.alerts
      .list()
      .find(a => a.message === 'Payments are failing');
    expect(alert?.responders).toEqual([
      expect.objectContaining({ type: 'team', name: 'payments-team' }),
    ]);
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'oncall-page',
        meta: expect.objectContaining({
          entityRef: 'component:default/payments-api',
          priority: 'P1',
        }),
      }),
    );
  });

  it('POST pages for an entity without a rotation is a 409, not a page', async () => {
    const res = await request(backend.server)
      .post('/api/oncall/entities/component/default/newsletter-service/pages')
      .send({ message: 'Newsletter is down' })
      .expect(409);
    expect(res.body.error.message).toContain(
      'component:default/newsletter-service',
    );
    expect(
      backend.sandbox.state.alerts
        .list()
        .some(a => a.message === 'Newsletter is down'),
    ).toBe(false);
  });
});

describe('paging without permission', () => {
  it('answers 403 and creates no alert', async () => {
    const deny: { result: AuthorizeResult.DENY } = {
      result: AuthorizeResult.DENY,
    };
    const permissions = mockServices.permissions.mock({
      authorize: async requests => requests.map(() => deny),
    });
    const sandbox = await startSandboxServer({ port: 0 });
    try {
      const { server } = await startOncallTestBackend({
        sandbox,
        vendors: ['opsgenie'],
        entities: demoEntities,
        features: [permissions.factory],
      });
      await request(server)
        .post('/api/oncall/entities/component/default/payments-api/pages')
        .send({ message: 'hello' })
        .expect(403);
      expect(sandbox.state.alerts.list()).toEqual([]);
      // the decision is asked for this entity, so a policy can allow paging per entity
      expect(permissions.authorize).toHaveBeenCalledWith(
        [
          {
            permission: expect.objectContaining({ name: 'oncall.page.create' }),
            resourceRef: 'component:default/payments-api',
          },
        ],
        expect.anything(),
      );
    } finally {
      await sandbox.close();
    }
  });
});
