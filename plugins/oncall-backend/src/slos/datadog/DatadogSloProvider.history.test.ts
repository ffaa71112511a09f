import { HttpResponse, http } from 'msw';
import { useDatadogWire } from '../../__testUtils__/datadogProvider';

const { server, base, provider, samples } = useDatadogWire();

describe('DatadogSloProvider', () => {
  it('splits a metric history by day and window, counting a straddling interval by its share', async () => {
    const D0 = Date.UTC(2026, 10, 1);
    const H = 3_600_000;
    const to = D0 + 3 * 86_400_000 + 12.5 * H; // day 3, 12:30
    const times: number[] = [];
    const good: number[] = [];
    const total: number[] = [];
    for (let k = 0; D0 + k * H < to; k++) {
      times.push(D0 + k * H);
      const last = D0 + (k + 1) * H > to;
      total.push(last ? 50 : 100);
      // day 0 12:00 all bad; day 3 06:00 40 % bad
      const bad: Record<number, number> = { 12: 100, 78: 40 };
      good.push(last ? 50 : 100 - (bad[k] ?? 0));
    }
    server.use(
      http.get(`${base}/api/v1/slo/:id/history`, () =>
        HttpResponse.json({
          data: {
            type: 'metric',
            overall: { sli_value: 98.9 },
            series: {
              interval: 3600,
              times,
              numerator: { values: good },
              denominator: { values: total },
            },
          },
          errors: null,
        }),
      ),
    );
    const WINDOWS = [3 * 86_400_000, 6 * H, H];
    const split = await provider().sliBreakdown(
      'metric',
      new Date(D0),
      new Date(to),
      WINDOWS,
    );
    expect(split.sli).toBe(98.9);
    expect(split.days?.map(d => [d.day, round(d.sli)])).toEqual([
      ['2026-11-01', round(2300 / 24)],
      ['2026-11-02', 100],
      ['2026-11-03', 100],
      ['2026-11-04', round((100 * 1210) / 1250)],
    ]);
    // 3 d from day 0 12:30: half of the bad 12:00 interval counts
    expect(round(split.windows.get(WINDOWS[0]))).toBe(
      round((100 * 7110) / 7200),
    );
    // 6 h from day 3 06:30 would count half of the 06:00 interval: too coarse, and 1 h as well;
    // the caller reads them on their own
    expect(split.windows.has(WINDOWS[1])).toBe(false);
    expect(split.windows.has(WINDOWS[2])).toBe(false);
  });

  it('splits a monitor history by day and window exactly from the state transitions', async () => {
    const D0 = Date.UTC(2026, 10, 1) / 1000;
    const H = 3600;
    server.use(
      http.get(`${base}/api/v1/slo/:id/history`, () =>
        HttpResponse.json({
          data: {
            type: 'monitor',
            overall: {
              sli_value: 87.5,
              // up, down 06:00–12:00 on day 0, down again from 11:00 on day 1
              history: [
                [D0, 0],
                [D0 + 6 * H, 1],
                [D0 + 12 * H, 0],
                [D0 + 35 * H, 1],
              ],
            },
          },
          errors: null,
        }),
      ),
    );
    const to = new Date((D0 + 36 * H) * 1000);
    const WINDOWS = [3 * 86_400_000, 6 * H * 1000, H * 1000];
    const split = await provider().sliBreakdown(
      'monitor',
      new Date(D0 * 1000),
      to,
      WINDOWS,
    );
    expect(split.days).toEqual([
      { day: '2026-11-01', sli: 75 },
      { day: '2026-11-02', sli: (100 * 11) / 12 },
    ]);
    expect(split.windows).toEqual(
      new Map([
        [WINDOWS[1], (100 * 5) / 6],
        [WINDOWS[2], 0],
      ]),
    );
    // 3 d reaches before the read: not resolved
    expect(split.windows.has(WINDOWS[0])).toBe(false);
  });

  it('cannot split a history without series or transitions', async () => {
    server.use(
      http.get(`${base}/api/v1/slo/:id/history`, () =>
        HttpResponse.json(samples.historyMonitor),
      ),
    );
    const split = await provider().sliBreakdown(
      'x',
      new Date(0),
      new Date(86_400_000),
      [3_600_000],
    );
    expect(split).toEqual({
      sli: undefined,
      days: undefined,
      windows: new Map(),
    });
  });
});

function round(value: number | undefined): number | undefined {
  return value === undefined ? undefined : Math.round(value * 1e9) / 1e9;
}
