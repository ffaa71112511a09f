import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { useOncallRouterBackend } from '../__testUtils__/oncallRouterBackend';

describe('on-call routes against the sandbox', () => {
  const backend = useOncallRouterBackend();

  it('collate/rotations is for services only and pages through every schedule', async () => {
    await request(backend.server)
      .get('/api/oncall/collate/rotations')
      .expect(403);
    const first = await request(backend.server)
      .get('/api/oncall/collate/rotations?limit=3')
      .set('Authorization', mockCredentials.service.header())
      .expect(200);
    expect(first.body.items).toHaveLength(3);
    expect(first.body.nextCursor).toBeDefined();
    const all = [...first.body.items];
    let cursor = first.body.nextCursor;
    while (cursor) {
      const next = await request(backend.server)
        .get('/api/oncall/collate/rotations')
        .query({ cursor, limit: 3 })
        .set('Authorization', mockCredentials.service.header())
        .expect(200);
      all.push(...next.body.items);
      cursor = next.body.nextCursor;
    }
    const payments = all.find(i => i.schedule.name === 'payments_schedule');
    expect(payments).toMatchObject({
      entityRef: 'group:default/payments',
      team: 'payments-team',
    });
    expect(payments.responders.primary).toHaveLength(1);
    expect(payments.responders.secondary).toHaveLength(1);
    expect(all.map(i => i.schedule.name)).toContain('discovery-ops_schedule');

    // what each rotation is on call for, resolved as the entities' On-call tabs resolve it
    const coverage = (schedule: string): string[] =>
      all.find(i => i.schedule.name === schedule)?.entityRefs;
    expect(coverage('payments_schedule')).toEqual([
      'api:default/payments',
      'component:default/fraud-detector',
      'component:default/payment-gateway',
      'component:default/payments-api',
      'group:default/payments',
    ]);
    // storefront has no team of its own: it inherits commerce's through spec.parent
    expect(coverage('commerce_schedule')).toEqual(
      expect.arrayContaining([
        'group:default/commerce',
        'group:default/storefront',
        'component:default/storefront-web',
        'system:default/commerce-platform',
      ]),
    );
    // [schedule, entity, whether the schedule is on call for it]
    const onCallFor: Array<[string, string, boolean]> = [
      ['commerce_schedule', 'component:default/payments-api', false],
      // product-catalog names its own team (kept on New York time) by annotation
      ['commerce_schedule', 'component:default/product-catalog', false],
      ['storefront-us_schedule', 'component:default/product-catalog', true],
      // discovery maps to discovery-ops through oncall.teamMappings
      ['discovery-ops_schedule', 'component:default/search-api', true],
      // a schedule pinned by annotation covers only its pinned entities
      ['checkout_weekend', 'component:default/weekend-batch', true],
      ['checkout_weekday', 'component:default/weekend-batch', false],
      ['checkout_weekday', 'component:default/checkout-api', true],
      ['sre_ic_schedule', 'component:default/status-checker', true],
    ];
    expect(
      onCallFor.map(([schedule, entity]) => [
        schedule,
        entity,
        coverage(schedule).includes(entity),
      ]),
    ).toEqual(onCallFor);
    // a Group with no mapping up its chain is on no rotation
    expect(all.flatMap(i => i.entityRefs)).not.toContain(
      'component:default/newsletter-service',
    );
    await request(backend.server)
      .get('/api/oncall/collate/rotations?limit=0')
      .set('Authorization', mockCredentials.service.header())
      .expect(400);
  });
});
