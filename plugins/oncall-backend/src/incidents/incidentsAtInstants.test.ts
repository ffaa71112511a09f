import { mockCredentials } from '@backstage/backend-test-utils';
import { IncidentPage } from '@oncall-for-backstage/plugin-oncall-common';
import { PINNED_INSTANTS } from '@oncall-for-backstage/plugin-oncall-common/testing';
import { DemoIncident } from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import request from 'supertest';
import { reliabilityEntities } from '../__testUtils__/reliabilityEntities';
import { useOncallTestBackendAt } from '../__testUtils__/startOncallTestBackend';

jest.setTimeout(120_000);

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** The windows the Incidents tab offers, in days. */
const WINDOWS = [7, 30, 90];
const COMPONENTS = ['checkout-api', 'payments-api', 'search-api'];

/** Minutes to the microsecond: averages from SQL and from here agree that far. */
const rounded = (minutes: number | undefined) =>
  minutes === undefined ? undefined : Math.round(minutes * 1e6) / 1e6;

const mean = (values: number[]) =>
  values.length === 0
    ? undefined
    : values.reduce((a, b) => a + b, 0) / values.length;

/** Count and mean times over the incidents that started in [from, to], from the demo's own records. */
function expectedStats(incidents: DemoIncident[], from: number, to: number) {
  const inWindow = incidents.filter(i => i.created >= from && i.created <= to);
  const minutes = (end: number | undefined, start: number) =>
    end === undefined ? [] : [(end - start) / MINUTE];
  return {
    count: inWindow.length,
    mttaMinutes: mean(
      inWindow.flatMap(i => minutes(i.acknowledgedAt, i.created)),
    ),
    mttrMinutes: mean(inWindow.flatMap(i => minutes(i.resolvedAt, i.created))),
  };
}

describe.each(PINNED_INSTANTS)('incident windows at $label', ({ at }) => {
  const t = Date.parse(at);
  const started = useOncallTestBackendAt(t, {
    vendors: ['blameless'],
    entities: reliabilityEntities,
  });

  it.each(COMPONENTS)(
    '%s: count, MTTA and MTTR over the last 7, 30 and 90 days are the incidents that started in them',
    async component => {
      const service = started.sandbox.org.services.find(
        s => s.name === component,
      )!;
      const incidents = started.sandbox.org.incidents.filter(
        i => i.service === service.blamelessService,
      );
      const actual = [];
      const expected = [];
      for (const days of WINDOWS) {
        const from = t - days * DAY;
        const res = await request(started.server)
          .get(`/api/oncall/entities/component/default/${component}/incidents`)
          .query({
            from: new Date(from).toISOString(),
            to: new Date(t).toISOString(),
            limit: 500,
          })
          .set('Authorization', mockCredentials.user.header())
          .expect(200);
        const page: IncidentPage = res.body;
        actual.push({
          days,
          count: page.stats.count,
          listed: page.items.length,
          mttaMinutes: rounded(page.stats.mttaMinutes),
          mttrMinutes: rounded(page.stats.mttrMinutes),
        });
        const stats = expectedStats(incidents, from, t);
        expected.push({
          days,
          count: stats.count,
          listed: stats.count,
          mttaMinutes: rounded(stats.mttaMinutes),
          mttrMinutes: rounded(stats.mttrMinutes),
        });
      }
      expect(actual).toEqual(expected);
      // the 90 days hold something to average, or the window test proves nothing
      expect(actual[2].count).toBeGreaterThan(0);
    },
  );
});
