import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import searchPlugin from '@backstage/plugin-search-backend';
import Router from 'express-promise-router';
import request from 'supertest';
import { manualScheduler } from './__testUtils__/manualScheduler';
import searchModuleOnCallCollators from './index';

const incidents = [
  {
    id: 'INC-1042',
    title: 'Checkout payments failing for card customers',
    severity: 'sev1',
    status: 'resolved',
    startedAt: '2026-10-02T08:15:00.000Z',
    resolvedAt: '2026-10-02T09:40:00.000Z',
    commander: { name: 'Priya Shah', email: 'priya.shah@example.com' },
    slackChannel: {
      name: '#inc-1042-checkout-payments-failing',
      url: 'https://example.slack.com/archives/C1042',
    },
    retrospective: {
      status: 'in_review',
      url: 'https://example.blameless.io/incidents/1042/retrospective',
    },
    services: ['checkout'],
    entityRefs: ['component:default/checkout-api'],
    url: 'https://example.blameless.io/incidents/1042',
  },
  {
    id: 'INC-1043',
    title: 'Search results stale after indexer lag',
    severity: 'sev3',
    status: 'monitoring',
    startedAt: '2026-10-05T13:00:00.000Z',
    commander: { name: 'Priya Shah' },
    services: ['search-indexer'],
    entityRefs: ['component:default/search-indexer'],
    url: 'https://example.blameless.io/incidents/1043',
  },
];

const rotations = [
  {
    entityRef: 'group:default/payments',
    team: 'payments-team',
    schedule: { id: 'pay-1', name: 'payments_schedule', timezone: 'UTC' },
    responders: {
      primary: [{ name: 'Maria Garcia', email: 'maria.garcia@example.com' }],
      secondary: [{ name: 'Tom Becker', email: 'tom.becker@example.com' }],
      team: [],
    },
  },
];

/**
 * Stands in for the on-call backend's service-only collection routes, paging its store by
 * an offset cursor. Users get 403, as they do from the real routes.
 */
function createOnCallCollateFeature(state: {
  failing: boolean;
  refused: number;
}) {
  return createBackendPlugin({
    pluginId: 'oncall',
    register(env) {
      env.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
        },
        async init({ httpRouter, httpAuth }) {
          const router = Router();
          const page =
            (items: unknown[]) =>
            async (
              req: import('express').Request,
              res: import('express').Response,
            ) => {
              await httpAuth.credentials(req, { allow: ['service'] });
              if (state.failing) {
                state.refused += 1;
                res.status(503).json({
                  error: {
                    name: 'ServiceUnavailableError',
                    message: 'store down',
                  },
                });
                return;
              }
              const offset = Number(req.query.cursor ?? 0);
              const limit = Number(req.query.limit);
              const end = offset + limit;
              res.json({
                items: items.slice(offset, end),
                nextCursor: end < items.length ? String(end) : undefined,
              });
            };
          router.get('/collate/incidents', page(incidents));
          router.get('/collate/rotations', page(rotations));
          httpRouter.use(router);
        },
      });
    },
  });
}

async function startBackend(
  options: {
    config?: object;
    permissions?: ReturnType<typeof mockServices.permissions.mock>;
  } = {},
) {
  const state = { failing: false, refused: 0 };
  const { scheduler, factory: schedulerFactory } = manualScheduler();
  const { server } = await startTestBackend({
    features: [
      searchPlugin,
      searchModuleOnCallCollators,
      createOnCallCollateFeature(state),
      schedulerFactory,
      mockServices.rootConfig.factory({
        data: {
          // one record per page, so the run pages through the store
          search: { collators: { oncall: { batchSize: 1 } } },
          ...options.config,
        },
      }),
      ...(options.permissions ? [options.permissions.factory] : []),
    ],
  });
  const collate = async () => {
    await scheduler.triggerTask('search_index_oncall_incident');
    await scheduler.triggerTask('search_index_oncall_rotation');
  };
  const search = async (query: string) => {
    const response = await request(server)
      .get(`/api/search/query?${query}`)
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(200);
    return response.body.results as Array<{
      type: string;
      document: { title: string; location: string; text: string };
    }>;
  };
  return { server, state, collate, search };
}

describe('searchModuleOnCallCollators', () => {
  it('indexes incidents and rotations so natural queries find them', async () => {
    const { collate, search } = await startBackend();

    await collate();

    const sev1 = await search('term=sev1%20checkout%20payments%20failing');
    expect(sev1).toContainEqual({
      type: 'oncall-incident',
      document: expect.objectContaining({
        title: 'Checkout payments failing for card customers',
        location:
          '/catalog/default/component/checkout-api/incidents?incident=INC-1042',
        text: 'SEV1 · checkout · resolved · commander Priya Shah · retrospective in review · #inc-1042-checkout-payments-failing · started 2026-10-02',
      }),
      rank: expect.any(Number),
      highlight: expect.anything(),
    });
    const [topIncident] = await search(
      'term=sev1%20checkout&types[0]=oncall-incident',
    );
    expect(topIncident.document.title).toBe(
      'Checkout payments failing for card customers',
    );

    const onCall = await search(
      'term=who%20is%20on%20call%20for%20payments&types[0]=oncall-rotation',
    );
    expect(onCall.map(r => r.document)).toEqual([
      expect.objectContaining({
        title: 'On call for payments-team',
        location: '/catalog/default/group/payments?schedule=pay-1',
        text: 'On call for payments-team: Maria Garcia (primary), Tom Becker (secondary) · schedule payments_schedule · group payments',
      }),
    ]);

    const filtered = await search(
      'term=priya&types[0]=oncall-incident&filters[severity]=sev3',
    );
    expect(filtered.map(r => r.document.title)).toEqual([
      'Search results stale after indexer lag',
    ]);
  });

  it('keeps serving the last index when a later run fails', async () => {
    const { collate, search, state } = await startBackend();
    await collate();

    state.failing = true;
    await collate();
    expect(state.refused).toBe(2);

    const results = await search('term=indexer%20lag&types[0]=oncall-incident');
    expect(results.map(r => r.document.title)).toContain(
      'Search results stale after indexer lag',
    );
  });

  it('hides results of entities the user may not read', async () => {
    const conditional: PolicyDecision = {
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: { claims: ['group:default/discovery'] },
      },
    };
    const permissions = mockServices.permissions.mock({
      authorizeConditional: async requests => requests.map(() => conditional),
      authorize: async requests =>
        requests.map(r => ({
          result:
            'resourceRef' in r &&
            r.resourceRef === 'component:default/search-indexer'
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        })),
    });
    const { collate, search } = await startBackend({
      config: { permission: { enabled: true } },
      permissions,
    });

    await collate();

    const results = await search('term=priya%20shah%20payments');
    expect(results.map(r => r.document.title)).toEqual([
      'Search results stale after indexer lag',
    ]);
    expect(permissions.authorize).toHaveBeenCalledWith(
      expect.arrayContaining([
        expect.objectContaining({
          resourceRef: 'component:default/checkout-api',
        }),
      ]),
      expect.anything(),
    );
  });
});
