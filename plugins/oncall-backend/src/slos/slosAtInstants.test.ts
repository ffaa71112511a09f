import { mockCredentials } from '@backstage/backend-test-utils';
import { Slo, SloReport } from '@oncall-for-backstage/plugin-oncall-common';
import { PINNED_INSTANTS } from '@oncall-for-backstage/plugin-oncall-common/testing';
import { SANDBOX_DEFAULT_KEYS } from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import request from 'supertest';
import { reliabilityEntities } from '../__testUtils__/reliabilityEntities';
import { useOncallTestBackendAt } from '../__testUtils__/startOncallTestBackend';

jest.setTimeout(120_000);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SERVICES = ['payments-api', 'checkout-api', 'search-api'];
const ddKeys = {
  'DD-API-KEY': SANDBOX_DEFAULT_KEYS.datadogApi,
  'DD-APPLICATION-KEY': SANDBOX_DEFAULT_KEYS.datadogApp,
};

const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Whether two figures agree within `relative` (of the larger of 1 and `b`), or both are absent. */
function near(
  a: number | undefined,
  b: number | undefined,
  relative: number,
): boolean {
  if (a === undefined || b === undefined) {
    return a === b;
  }
  return Math.abs(a - b) <= relative * Math.max(1, Math.abs(b));
}

/** Burn rate from first principles: the error rate over the window per unit of error budget. */
const burnRate = (sli: number, target: number) => (100 - sli) / (100 - target);

describe.each(PINNED_INSTANTS)('SLO windows at $label', ({ at }) => {
  const t = Date.parse(at);
  const started = useOncallTestBackendAt(t, {
    vendors: ['datadog'],
    entities: reliabilityEntities,
  });

  /** DataDog's own figures for the SLO over [from, to): SLI and error budget remaining. */
  async function vendorWindow(slo: Slo, from: number, to: number) {
    const res = await request(started.sandbox.url)
      .get(`/datadog/api/v1/slo/${slo.id}/history`)
      .query({
        from_ts: Math.floor(from / 1000),
        to_ts: Math.floor(to / 1000),
      })
      .set(ddKeys)
      .expect(200);
    const overall = res.body.data.overall;
    return {
      sli: overall.sli_value === null ? undefined : Number(overall.sli_value),
      budget: overall.error_budget_remaining[slo.timeframe],
    };
  }

  async function report(service: string): Promise<SloReport> {
    const res = await request(started.server)
      .get(`/api/oncall/entities/component/default/${service}/slos`)
      .set('Authorization', mockCredentials.user.header())
      .expect(200);
    return res.body;
  }

  it.each(SERVICES)(
    '%s: burn rates over the last 1 h, 6 h and 3 d and the error budget over the timeframe are DataDog’s',
    async service => {
      const { items } = await report(service);
      expect(items.length).toBeGreaterThan(0);
      const off: string[] = [];
      for (const slo of items) {
        const days = Number.parseInt(slo.timeframe, 10);
        const budget = await vendorWindow(slo, t - days * DAY, t);
        if (
          !near(slo.sli, budget.sli, 1e-9) ||
          !near(slo.errorBudgetRemaining, budget.budget, 1e-9)
        ) {
          off.push(`${slo.name} over ${slo.timeframe}`);
        }
        for (const [window, ms] of [
          ['1h', HOUR],
          ['6h', 6 * HOUR],
          ['3d', 3 * DAY],
        ] as const) {
          const { sli } = await vendorWindow(slo, t - ms, t);
          const expected =
            sli === undefined ? undefined : burnRate(sli, slo.target);
          // a window read from a coarser series counts the interval it starts in by its share
          if (!near(slo.burnRates[window] ?? undefined, expected, 0.005)) {
            off.push(
              `${slo.name} ${window}: ${slo.burnRates[window]}, DataDog ${expected}`,
            );
          }
        }
      }
      expect(off).toEqual([]);
    },
  );

  it.each(SERVICES)(
    '%s: the burn-down’s days are UTC days and the day in progress ends on the current budget',
    async service => {
      const { items } = await report(service);
      const today = Math.floor(t / DAY) * DAY;
      const off: string[] = [];
      for (const slo of items) {
        expect(slo.history).toHaveLength(90);
        expect(slo.history[0].date).toBe(utcDate(today - 89 * DAY));
        const last = slo.history[slo.history.length - 1];
        expect(last.date).toBe(utcDate(today));
        expect(last.errorBudgetRemaining).toBe(slo.errorBudgetRemaining);
        // the day so far, and the three whole days before it
        for (let day = today; day >= today - 3 * DAY; day -= DAY) {
          const point = slo.history.find(p => p.date === utcDate(day));
          const { sli } = await vendorWindow(slo, day, Math.min(day + DAY, t));
          if (!point || !near(point.sli, sli, 1e-9)) {
            off.push(
              `${slo.name} ${utcDate(day)}: ${point?.sli}, DataDog ${sli}`,
            );
          }
        }
      }
      expect(off).toEqual([]);
    },
  );
});
