import { http, HttpResponse } from 'msw';
import {
  collect,
  createCollatorFactory,
  setupCollateServer,
} from '../__testUtils__/collatorHarness';
import { OnCallRotationCollatorFactory } from './OnCallRotationCollatorFactory';
import { OnCallRotationDocument } from './types';

const { server, collateUrl } = setupCollateServer('rotations');

const paymentsRotation = {
  entityRef: 'group:default/payments',
  team: 'payments-team',
  schedule: {
    id: 'a1b2c3',
    name: 'payments_schedule',
    timezone: 'Europe/Berlin',
    url: 'https://example.app.opsgenie.com/schedule/whoIsOnCall/a1b2c3',
  },
  responders: [
    {
      role: 'primary',
      name: 'Maria Garcia',
      email: 'maria.garcia@example.com',
    },
    { role: 'secondary', name: 'Tom Becker', email: 'tom.becker@example.com' },
  ],
  entityRefs: [
    'api:default/payments',
    'component:default/fraud-detector',
    'component:default/payment-gateway',
    'component:default/payments-api',
    'group:default/payments',
  ],
};

async function collate(
  pages: Array<{ items: unknown[]; nextCursor?: string }>,
) {
  let page = 0;
  server.use(http.get(collateUrl, () => HttpResponse.json(pages[page++])));
  const { factory, logger } = createCollatorFactory(
    OnCallRotationCollatorFactory,
  );
  const documents = await collect<OnCallRotationDocument>(
    await factory.getCollator(),
  );
  return { documents, logger, factory };
}

describe('OnCallRotationCollatorFactory', () => {
  it('maps who is on call now to a document linked to the Group page', async () => {
    const { documents, factory } = await collate([
      { items: [paymentsRotation] },
    ]);

    expect(factory.type).toBe('oncall-rotation');
    expect(factory.visibilityPermission.name).toBe('catalog.entity.read');
    expect(documents).toEqual([
      {
        title: 'On call for payments-team',
        text: 'On call for payments-team: Maria Garcia (primary), Tom Becker (secondary) · schedule payments_schedule · group payments · covers fraud-detector, payment-gateway, payments-api',
        location: '/catalog/default/group/payments?schedule=a1b2c3',
        authorization: { resourceRef: 'group:default/payments' },
        entityRef: 'group:default/payments',
        entityRefs: paymentsRotation.entityRefs,
        team: 'payments-team',
        scheduleId: 'a1b2c3',
        scheduleName: 'payments_schedule',
        timezone: 'Europe/Berlin',
        responders: ['Maria Garcia (primary)', 'Tom Becker (secondary)'],
      },
    ]);
  });

  it('keeps one document per schedule of a team with several', async () => {
    const { documents } = await collate([
      {
        items: [
          {
            entityRef: 'group:default/checkout',
            team: 'checkout',
            schedule: { id: 's1', name: 'checkout_weekday', timezone: 'UTC' },
            responders: {
              primary: [{ name: 'Ana Silva' }],
              secondary: [],
              team: [{ name: 'Ana Silva' }, { name: 'Raj Patel' }],
            },
          },
        ],
        nextCursor: 'next',
      },
      {
        items: [
          {
            entityRef: 'group:default/checkout',
            team: 'checkout',
            schedule: { id: 's2', name: 'checkout_weekend', timezone: 'UTC' },
            responders: { primary: [], secondary: [], team: [] },
          },
        ],
      },
    ]);

    expect(
      documents.map(({ title, text, location }) => ({ title, text, location })),
    ).toEqual([
      {
        title: 'On call for checkout',
        text: 'On call for checkout: Ana Silva (primary), then the whole team · schedule checkout_weekday',
        location: '/catalog/default/group/checkout?schedule=s1',
      },
      {
        title: 'On call for checkout',
        text: 'On call for checkout: nobody is on call right now · schedule checkout_weekend',
        location: '/catalog/default/group/checkout?schedule=s2',
      },
    ]);
  });

  it('also accepts responders as a list with a role on each', async () => {
    const { documents } = await collate([
      {
        items: [
          {
            entityRef: 'group:default/discovery',
            schedule: { id: 'd1', name: 'discovery-ops_schedule' },
            responders: [
              { role: 'secondary', name: 'Lee Wong' },
              { role: 'primary', name: 'Sam Okafor' },
            ],
          },
        ],
      },
    ]);

    expect(documents.map(d => [d.title, d.responders])).toEqual([
      [
        'On call for discovery',
        ['Lee Wong (secondary)', 'Sam Okafor (primary)'],
      ],
    ]);
  });

  it('names what a rotation is on call for, its own Group included', async () => {
    const { documents } = await collate([
      {
        items: [
          {
            entityRef: 'group:default/commerce',
            team: 'commerce',
            schedule: { id: 'c1', name: 'commerce_schedule' },
            responders: { primary: [{ name: 'Sofia Rossi' }] },
            // storefront inherits commerce's rotation through spec.parent
            entityRefs: [
              'component:default/storefront-web',
              'group:default/storefront',
              'system:default/commerce-platform',
            ],
          },
          {
            entityRef: 'group:default/discovery',
            team: 'discovery-ops',
            schedule: { id: 'd1', name: 'discovery-ops_schedule' },
            responders: { primary: [{ name: 'Sam Okafor' }] },
          },
        ],
      },
    ]);

    expect(
      documents.map(({ text, entityRefs }) => ({ text, entityRefs })),
    ).toEqual([
      {
        text: 'On call for commerce: Sofia Rossi (primary) · schedule commerce_schedule · covers commerce-platform, storefront, storefront-web',
        entityRefs: [
          'component:default/storefront-web',
          'group:default/commerce',
          'group:default/storefront',
          'system:default/commerce-platform',
        ],
      },
      {
        // an on-call backend that does not say what a rotation covers
        text: 'On call for discovery-ops: Sam Okafor (primary) · schedule discovery-ops_schedule · group discovery',
        entityRefs: ['group:default/discovery'],
      },
    ]);
  });

  it('skips a team that no Group maps to: it has no page and no owner to authorise', async () => {
    const { documents, logger } = await collate([
      {
        items: [
          { ...paymentsRotation, entityRef: undefined, team: 'ops-only' },
          paymentsRotation,
        ],
      },
    ]);

    expect(documents.map(d => d.entityRef)).toEqual(['group:default/payments']);
    expect(logger.debug).toHaveBeenCalledWith(
      'Skipped an on-call record linked to no catalog entity',
      { resource: 'rotations', id: 'ops-only schedule a1b2c3' },
    );
  });

  it('skips rotations that fail validation, naming them in a log line', async () => {
    const { documents, logger } = await collate([
      {
        items: [
          { ...paymentsRotation, responders: [{ role: 'boss', name: 'X' }] },
          { ...paymentsRotation, entityRef: 'group:' },
          { ...paymentsRotation, schedule: { name: 'no id' } },
          paymentsRotation,
        ],
      },
    ]);

    expect(documents.map(d => d.entityRef)).toEqual(['group:default/payments']);
    expect(logger.warn.mock.calls).toEqual([
      [
        'Skipped an invalid on-call record',
        expect.objectContaining({
          id: 'group:default/payments schedule a1b2c3',
        }),
      ],
      [
        'Skipped an invalid on-call record',
        expect.objectContaining({ id: 'group: schedule a1b2c3' }),
      ],
      [
        'Skipped an invalid on-call record',
        expect.objectContaining({
          id: 'group:default/payments schedule (no id)',
        }),
      ],
    ]);
  });

  it('yields zero documents when no team has a rotation', async () => {
    const { documents } = await collate([{ items: [] }]);

    expect(documents).toEqual([]);
  });
});
