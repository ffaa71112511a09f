import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { OnCallHealth } from '@oncall-for-backstage/plugin-oncall-common';
import { PINNED_INSTANTS } from '@oncall-for-backstage/plugin-oncall-common/testing';
import {
  RunningSandbox,
  SANDBOX_DEFAULT_KEYS,
  startSandboxServer,
} from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import { EntityLoader } from '../lib/EntityLoader';
import { createVendorPolicy } from '../lib/resilience';
import { OpsgenieOnCallProvider } from '../oncall/opsgenie/OpsgenieOnCallProvider';
import { OwnerResolver } from '../oncall/resolution/OwnerResolver';
import { createTestStores } from '../__testUtils__/createTestStores';
import { WireTeamHealth, wireHealth } from './__testUtils__/wireHealth';
import { DatabaseHealthStore } from './DatabaseHealthStore';
import { DEFAULT_HOURS, DEFAULT_THRESHOLDS } from './healthConfig';
import { HealthService, HealthServiceOptions } from './HealthService';
import { HealthSync } from './HealthSync';
import { OpsgeniePageProvider } from './opsgenie/OpsgeniePageProvider';

jest.setTimeout(180_000);

/**
 * Done when: for every demo team, the health figures equal a computation made independently
 * from the sandbox's alert list and schedule timelines (plain fetch, no plugin code), at a
 * pinned instant and across clock changes; payments-team is flagged overloaded, data-platform
 * is not.
 */
const INSTANTS = PINNED_INSTANTS.filter(i =>
  [
    '2026-12-07T09:00:00Z', // the minute of the weekly handoff
    '2026-11-01T06:30:00Z', // US clocks fall back
    '2027-03-28T01:30:00Z', // EU clocks spring forward
  ].includes(i.at),
);
const WEEKS = 12;

const groupOf = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

describe.each(INSTANTS)('on-call health at $label', ({ at }) => {
  let serviceOptions: HealthServiceOptions;
  const now = new Date(at);
  let sandbox: RunningSandbox;
  let expected: WireTeamHealth[];
  const actual = new Map<string, OnCallHealth>();

  beforeAll(async () => {
    sandbox = await startSandboxServer({ now: () => now });
    const base = `${sandbox.url}/opsgenie`;
    const key = SANDBOX_DEFAULT_KEYS.opsgenie;
    expected = await wireHealth(base, key, now.getTime(), WEEKS);

    const { knex, syncState } = await createTestStores('SQLITE_3');
    const logger = mockServices.logger.mock();
    const config = {
      baseUrl: base,
      apiKey: key,
      webUrl: 'https://acme.app.opsgenie.com',
    };
    const policy = createVendorPolicy('opsgenie', logger);
    const pages = OpsgeniePageProvider.create({ config, policy });
    const schedules = OpsgenieOnCallProvider.create({ config, policy });
    const store = DatabaseHealthStore.fromClient(knex);
    const sync = new HealthSync({
      pages,
      schedules,
      store,
      syncState,
      logger,
      retentionDays: 180,
      now: () => now,
    });
    const run = await sync.run();
    if (run.failedTeams > 0) {
      throw new Error(`${run.failedTeams} teams failed to sync`);
    }
    const teams = await schedules.listTeams();
    const catalog = catalogServiceMock({
      entities: teams.map(t => groupOf(t.name)),
    });
    const findTeam = async (name: string) =>
      teams.find(t => t.name.toLowerCase() === name.toLowerCase());
    serviceOptions = {
      source: 'opsgenie',
      entities: new EntityLoader(catalog),
      catalog,
      resolver: new OwnerResolver({
        teamMappings: new Map(),
        teamExists: async name => Boolean(await findTeam(name)),
      }),
      findTeam,
      store,
      syncState,
      config: {
        retentionDays: 180,
        thresholds: DEFAULT_THRESHOLDS,
        hours: DEFAULT_HOURS,
        refresh: { frequency: { minutes: 10 }, timeout: { minutes: 10 } },
      },
      staleAfterMs: 3_600_000,
      pageUrl: page => pages.pageUrl(page),
      now: () => now,
    };
    const service = HealthService.create(serviceOptions);
    for (const team of teams) {
      actual.set(
        team.name,
        await service.getHealth(
          { kind: 'group', namespace: 'default', name: team.name },
          WEEKS,
          mockCredentials.user(),
        ),
      );
    }
  });

  afterAll(async () => {
    await sandbox?.close();
  });

  it('has the figures of every team’s every week equal the wire’s', () => {
    expect(expected.length).toBeGreaterThan(3);
    for (const team of expected) {
      const health = actual.get(team.team)!;
      expect(health.freshness.stale).toBe(false);
      const weeks = health.weeks.map(w => ({
        pages: w.pages,
        businessHours: w.businessHours,
        offHours: w.offHours,
        sleepHours: w.sleepHours,
        sleepNights: w.sleepNights,
        escalated: w.escalated,
        closedWithoutAck: w.closedWithoutAck,
        ackP50Ms: w.ackP50Ms,
        ackP90Ms: w.ackP90Ms,
        overloaded: w.overloaded,
      }));
      expect({ team: team.team, weeks }).toEqual({
        team: team.team,
        weeks: team.weeks,
      });
      expect(health.noisyAlerts[0]?.key).toBe(team.noisiest?.key);
      expect(health.noisyAlerts[0]?.occurrences).toBe(
        team.noisiest?.occurrences,
      );
    }
  });

  it('says a team that moved to another on-call tool has no health here, naming the tool', async () => {
    const moved = HealthService.create({
      ...serviceOptions,
      findTeam: async name =>
        name === 'payments-team'
          ? { id: 'jsm:7d1c', name, servedBy: 'JSM Operations' }
          : undefined,
    });
    const health = await moved.getHealth(
      { kind: 'group', namespace: 'default', name: 'payments-team' },
      WEEKS,
      mockCredentials.user(),
    );
    expect(health.notConfigured?.reason).toBe(
      'On-call health reads pages from Opsgenie; team payments-team is on JSM Operations now.',
    );
    expect(health.totals.pages).toBe(0);
  });

  it('flags payments-team overloaded in recent weeks and data-platform never', () => {
    const payments = actual.get('payments-team')!;
    expect(payments.weeks.slice(-4).every(w => w.overloaded)).toBe(true);
    expect(payments.weeks.slice(-1)[0].reasons.length).toBeGreaterThan(0);
    expect(payments.thresholds.source.url).toBe(
      'https://sre.google/sre-book/being-on-call/',
    );
    expect(actual.get('data-platform')!.weeks.some(w => w.overloaded)).toBe(
      false,
    );
  });

  it('names the noisy checkout alert first, mostly closed without acknowledgement, linked to Opsgenie', () => {
    const [noisy] = actual.get('checkout')!.noisyAlerts;
    expect(noisy.key).toBe('datadog-checkout-api-p95-latency');
    expect(noisy.closedWithoutAck).toBeGreaterThan(0);
    expect(noisy.url).toMatch(
      /^https:\/\/acme\.app\.opsgenie\.com\/alert\/detail\/.+\/details$/,
    );
  });

  it('counts shifts and pages per person, and the fairness spread', () => {
    const payments = actual.get('payments-team')!;
    const total = payments.people.reduce((n, p) => n + p.shifts, 0);
    // the first-level rotation covers the whole window: 12 weeks of 12-hour shifts
    expect(total).toBeCloseTo(WEEKS * 14, 5);
    expect(payments.fairness.maxPagesPerShift).toBeGreaterThanOrEqual(
      payments.fairness.medianPagesPerShift,
    );
  });
});
