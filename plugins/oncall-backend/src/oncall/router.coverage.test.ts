import {
  CoverageEntry,
  CoverageGroup,
} from '@oncall-for-backstage/plugin-oncall-common';
import request from 'supertest';
import { pinDate } from '@oncall-for-backstage/plugin-oncall-common/testing';
import { useOncallRouterBackend } from '../__testUtils__/oncallRouterBackend';

describe('on-call routes against the sandbox', () => {
  const backend = useOncallRouterBackend();

  it('GET /coverage lists Components and Groups as mapped, inherited, by-name or missing', async () => {
    const res = await request(backend.server)
      .get('/api/oncall/coverage')
      .expect(200);
    const byRef = new Map<string, CoverageEntry>(
      res.body.items.map((i: CoverageEntry) => [i.entityRef, i]),
    );
    const stateAndTeam = (ref: string) => {
      const item = byRef.get(ref);
      return [item?.state, item?.team];
    };
    expect(
      [
        'component:default/payments-api',
        'component:default/checkout-api',
        'component:default/storefront-web',
        'component:default/search-api',
      ].map(stateAndTeam),
    ).toEqual([
      ['mapped', 'payments-team'],
      ['by-name', 'checkout'],
      ['inherited', 'commerce'],
      ['mapped', 'discovery-ops'],
    ]);
    expect(byRef.get('component:default/newsletter-service')).toMatchObject({
      state: 'missing',
      fix: expect.stringContaining('opsgenie.com/team: growth'),
    });
    expect(byRef.get('group:default/growth')).toMatchObject({
      state: 'missing',
    });
    expect(byRef.has('user:default/guest')).toBe(false);
    expect(res.body.summary.missing).toBeGreaterThan(0);
    expect(res.body.freshness).toMatchObject({ stale: false });
  });

  it('GET /coverage lists every Group with its services, provider, rotations, how resolved and the migration tracker', async () => {
    pinDate('2026-11-30T09:00:00Z');
    try {
      const res = await request(backend.server)
        .get('/api/oncall/coverage')
        .expect(200);
      const groups = new Map<string, CoverageGroup>(
        res.body.groups.map((g: CoverageGroup) => [g.entityRef, g]),
      );
      expect(groups.get('group:default/payments')).toMatchObject({
        state: 'mapped',
        via: 'annotation',
        provider: { providerId: 'opsgenie', provider: 'opsgenie' },
        rotations: [
          {
            name: 'payments_schedule',
            source: { providerId: 'opsgenie', provider: 'opsgenie' },
          },
        ],
      });
      expect(
        groups
          .get('group:default/payments')
          ?.services.map(service => service.entityRef),
      ).toContain('component:default/payments-api');
      expect(
        groups
          .get('group:default/payments')
          ?.services.find(
            service => service.entityRef === 'component:default/payments-api',
          ),
      ).toMatchObject({
        via: 'owner',
        provider: { provider: 'opsgenie' },
      });
      expect(groups.get('group:default/growth')).toMatchObject({
        state: 'missing',
        yaml: expect.stringContaining('opsgenie.com/team: growth'),
      });
      const teams = [...groups.values()];
      const resolved = teams.filter(
        g => g.state !== 'missing' && g.state !== 'broken',
      );
      expect(res.body.migration).toEqual({
        byProvider: [
          {
            providerId: 'opsgenie',
            provider: 'opsgenie',
            teams: resolved.length,
          },
        ],
        teams: resolved.length,
        teamsOffOpsgenie: 0,
        ambiguous: 0,
        missing: teams.length - resolved.length,
        opsgenieEndDate: '2027-04-05',
        daysLeft: 126,
      });
    } finally {
      jest.useRealTimers();
    }
  });
});
