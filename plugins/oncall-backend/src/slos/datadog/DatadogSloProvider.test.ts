import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { HttpResponse, delay, http } from 'msw';
import { setupServer } from 'msw/node';
import { DatadogSloProvider } from './DatadogSloProvider';
import { fastResiliencePolicy } from '../../__testUtils__/fastResilience';
import { loadWireSample } from '@oncall-for-backstage/plugin-oncall-sandbox-backend/testing';
import { JsonObject } from '@backstage/types';

/** The parts of the recorded DataDog bodies these tests reuse; the bodies are served unchanged. */
type Body = JsonObject;
interface SloListBody extends Body {
  data: Array<Body & { id: string }>;
}
interface SloSearchBody extends Body {
  data: Body & {
    attributes: {
      slos: Array<{
        data: Body & {
          attributes: Body & { overall_status: Body[]; status: Body };
        };
      }>;
    };
  };
  meta: { pagination: Body };
}

function sample<T extends Body>(file: string): T {
  return loadWireSample('datadog', file) as T;
}

const sloPage = sample<SloListBody>('get-api-v1-slo-limit2.json');
const sloIds = sample<Body>('get-api-v1-slo-ids.json');
const historyMetric = sample<Body>('get-api-v1-slo-id-history-metric.json');
const historyMonitor = sample<Body>('get-api-v1-slo-id-history-monitor.json');
const historyGroups = sample<Body>(
  'get-api-v1-slo-id-history-monitor-groups.json',
);
const monitorsPage = sample<Body>('get-api-v1-monitor-page0.json');
const searchPage = sample<SloSearchBody>('get-api-v1-slo-search.json');

const base = 'http://datadog.test';
const server = setupServer();
registerMswTestHooks(server);

function provider(timeoutMs = 300) {
  return DatadogSloProvider.create({
    config: {
      baseUrl: base,
      apiKey: 'api-k',
      applicationKey: 'app-k',
      webUrl: 'https://app.datadoghq.com',
    },
    policy: fastResiliencePolicy('datadog', {
      timeoutMs,
      maxAttempts: 3,
      maxDelayMs: 5000,
      breakerThreshold: 5,
    }),
  });
}

describe('DatadogSloProvider', () => {
  it('lists SLOs from the recorded page with both keys and the tag query', async () => {
    const seen: Array<{
      api: string | null;
      app: string | null;
      query: string;
    }> = [];
    server.use(
      http.get(`${base}/api/v1/slo`, ({ request }) => {
        seen.push({
          api: request.headers.get('dd-api-key'),
          app: request.headers.get('dd-application-key'),
          query: new URL(request.url).searchParams.get('tags_query') ?? '',
        });
        return HttpResponse.json(sloPage);
      }),
    );
    const { items, rejected } = await provider().listSlos({
      tags: ['service:checkout'],
    });
    expect(seen).toEqual([
      { api: 'api-k', app: 'app-k', query: 'service:checkout' },
    ]);
    expect(rejected).toEqual([]);
    expect(items[1]).toEqual({
      id: '955ab6301fa656e7b061de4a05ad4774',
      name: 'tf-TestAccDatadogServiceLevelObjective_Basic-local-1673543942-updated',
      description: 'some updated description about foo SLO',
      type: 'metric',
      tags: ['foo:bar', 'baz'],
      target: 99.5,
      warning: 99.8,
      timeframe: '7d',
      url: 'https://app.datadoghq.com/slo?slo_id=955ab6301fa656e7b061de4a05ad4774',
    });
  });

  it('parses the recorded id-list page too', async () => {
    server.use(http.get(`${base}/api/v1/slo`, () => HttpResponse.json(sloIds)));
    const { items, rejected } = await provider().listSlos();
    expect(rejected).toEqual([]);
    expect(items.length).toBeGreaterThan(0);
  });

  it('reads the SLI of a window, and no data from the recorded no-data histories', async () => {
    const asked: string[] = [];
    server.use(
      http.get(`${base}/api/v1/slo/:id/history`, ({ params, request }) => {
        asked.push(new URL(request.url).search);
        if (params.id === 'metric') return HttpResponse.json(historyMetric);
        if (params.id === 'monitor') return HttpResponse.json(historyMonitor);
        if (params.id === 'groups') return HttpResponse.json(historyGroups);
        return HttpResponse.json({
          data: {
            overall: {
              sli_value: 99.93,
              error_budget_remaining: { '7d': 98.6 },
            },
          },
          errors: null,
        });
      }),
    );
    const p = provider();
    const from = new Date(1_704_236_088_000);
    const to = new Date(1_704_322_488_000);
    await expect(p.sliBetween('healthy', from, to)).resolves.toBe(99.93);
    await expect(p.sliBetween('metric', from, to)).resolves.toBeUndefined();
    await expect(p.sliBetween('monitor', from, to)).resolves.toBeUndefined();
    await expect(p.sliBetween('groups', from, to)).resolves.toEqual(
      expect.any(Number),
    );
    expect(asked[0]).toBe('?from_ts=1704236088&to_ts=1704322488');
  });

  it('lists monitors from the recorded page with normalised states', async () => {
    server.use(
      http.get(`${base}/api/v1/monitor`, () => HttpResponse.json(monitorsPage)),
    );
    const { items } = await provider().listMonitors({ tags: ['service:x'] });
    expect(items.map(m => [m.id, m.state, m.url])).toEqual([
      ['34822915', 'no_data', 'https://app.datadoghq.com/monitors/34822915'],
      ['34822916', 'no_data', 'https://app.datadoghq.com/monitors/34822916'],
    ]);
  });

  it('waits X-RateLimit-Reset seconds after a 429 before retrying', async () => {
    const at: number[] = [];
    server.use(
      http.get(`${base}/api/v1/slo`, () => {
        at.push(Date.now());
        return at.length === 1
          ? HttpResponse.json(
              { errors: ['Too many requests'] },
              {
                status: 429,
                headers: {
                  'X-RateLimit-Remaining': '0',
                  'X-RateLimit-Reset': '1',
                  'X-RateLimit-Limit': '1000',
                  'X-RateLimit-Period': '10',
                },
              },
            )
          : HttpResponse.json({ data: [], error: null });
      }),
    );
    await expect(provider().listSlos()).resolves.toEqual({
      items: [],
      rejected: [],
    });
    expect(at).toHaveLength(2);
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(950);
  });

  it('fails on 403 without retrying, times out a hang, and rejects a malformed body', async () => {
    let calls = 0;
    server.use(
      http.get(`${base}/api/v1/slo`, () => {
        calls += 1;
        return HttpResponse.json(
          { status: 'error', code: 403, errors: ['Forbidden'] },
          { status: 403 },
        );
      }),
      http.get(`${base}/api/v1/monitor`, async () => {
        await delay('infinite');
        return HttpResponse.json([]);
      }),
      http.get(`${base}/api/v1/slo/:id/history`, () =>
        HttpResponse.text('{"data":{"overall', {
          headers: { 'Content-Type': 'application/json' },
        }),
      ),
    );
    const p = provider(200);
    await expect(p.listSlos()).rejects.toMatchObject({
      name: 'VendorError',
      status: 403,
    });
    expect(calls).toBe(1);
    await expect(p.listMonitors()).rejects.toMatchObject({ kind: 'timeout' });
    await expect(
      p.sliBetween('x', new Date(0), new Date(1000)),
    ).rejects.toMatchObject({ kind: 'malformed' });
  });

  it('reports a record it cannot read and keeps the others', async () => {
    server.use(
      http.get(`${base}/api/v1/slo`, () =>
        HttpResponse.json({
          data: [
            { id: 'bad', name: 'no thresholds', thresholds: [] },
            sloPage.data[0],
          ],
          error: null,
        }),
      ),
    );
    const { items, rejected } = await provider().listSlos();
    expect(items.map(i => i.id)).toEqual([sloPage.data[0].id]);
    expect(rejected.map(r => r.id)).toEqual(['bad']);
  });

  it('refuses an SLO id that would change the request path: the record is rejected, and no request is made for it', async () => {
    const stray: string[] = [];
    const [good] = sloPage.data;
    server.use(
      http.get(`${base}/api/v1/slo`, () =>
        HttpResponse.json({
          data: [...['..', '.', '', 'a/b'].map(id => ({ ...good, id })), good],
          error: null,
        }),
      ),
      http.all(`${base}/*`, ({ request }) => {
        stray.push(request.url);
        return HttpResponse.json({ data: { overall: { sli_value: 1 } } });
      }),
    );
    const p = provider();
    const { items, rejected } = await p.listSlos();
    expect(items.map(i => i.id)).toEqual([good.id]);
    expect(rejected.map(r => r.id)).toEqual(['..', '.', '', 'a/b']);
    expect(rejected[0].reason).toMatch(
      /^id: must be an id that can stand in a request path/,
    );
    expect(stray).toEqual([]);
    for (const id of ['..', '.', '', 'a/b']) {
      await expect(
        p.sliBetween(id, new Date(0), new Date(86_400_000)),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringContaining('cannot be used in a request path'),
      });
      await expect(
        p.sliBreakdown(id, new Date(0), new Date(86_400_000), [3_600_000]),
      ).rejects.toMatchObject({ name: 'InputError' });
    }
    expect(stray).toEqual([]);
  });

  it('builds SLO and monitor links only on an http(s) web base, with the id encoded', async () => {
    for (const webUrl of [
      // eslint-disable-next-line no-script-url -- a hostile value on purpose
      'javascript:alert(document.cookie)//',
      'data:text/html,x',
      'app.datadoghq.com',
    ]) {
      expect(() =>
        DatadogSloProvider.create({
          config: { baseUrl: base, apiKey: 'a', applicationKey: 'b', webUrl },
          policy: fastResiliencePolicy('datadog'),
        }),
      ).toThrow(/^oncall\.datadog\.webUrl must be an absolute http\(s\) URL/);
    }
    server.use(
      http.get(`${base}/api/v1/slo`, () =>
        HttpResponse.json({
          // eslint-disable-next-line no-script-url -- a hostile value on purpose
          data: [{ ...sloPage.data[0], id: 'javascript:alert(1)' }],
          error: null,
        }),
      ),
    );
    const { items } = await provider().listSlos();
    expect(items.map(i => i.url)).toEqual([
      'https://app.datadoghq.com/slo?slo_id=javascript%3Aalert(1)',
    ]);
  });

  it('reads every SLO status from the recorded search page, tolerating null fields', async () => {
    const seen: URLSearchParams[] = [];
    server.use(
      http.get(`${base}/api/v1/slo/search`, ({ request }) => {
        seen.push(new URL(request.url).searchParams);
        return HttpResponse.json(searchPage);
      }),
    );
    const { items, rejected } = await provider().listSloStatuses();
    expect(seen.map(q => Object.fromEntries(q))).toEqual([
      { query: '', 'page[size]': '100', 'page[number]': '0' },
    ]);
    expect(rejected).toEqual([]);
    expect(items).toEqual([
      {
        id: '18101ab6982f547faba6c9bdc6de9413',
        statuses: [
          {
            timeframe: '7d',
            state: 'no_data',
            asOf: new Date(1_676_409_980_000),
          },
        ],
      },
    ]);
    expect(items[0].statuses[0].sli).toBeUndefined();
  });

  it('takes the SLI per timeframe from overall_status, the primary status as a fallback, and skips an unreadable item', async () => {
    const [recorded] = searchPage.data.attributes.slos;
    const attributes = recorded.data.attributes;
    server.use(
      http.get(`${base}/api/v1/slo/search`, () =>
        HttpResponse.json({
          ...searchPage,
          data: {
            ...searchPage.data,
            attributes: {
              slos: [
                {
                  data: {
                    ...recorded.data,
                    id: 'both',
                    attributes: {
                      ...attributes,
                      overall_status: [
                        {
                          ...attributes.overall_status[0],
                          status: 99.1,
                          error_budget_remaining: 82,
                          state: 'ok',
                        },
                        {
                          ...attributes.overall_status[0],
                          timeframe: '30d',
                          status: 98.5,
                          error_budget_remaining: null,
                          state: 'breached',
                        },
                      ],
                    },
                  },
                },
                {
                  data: {
                    ...recorded.data,
                    id: 'primary-only',
                    attributes: {
                      ...attributes,
                      timeframe: '30d',
                      overall_status: null,
                      status: { ...attributes.status, sli: 99.99, state: 'ok' },
                    },
                  },
                },
                { data: { type: 'slo', attributes } },
              ],
            },
          },
        }),
      ),
    );
    const { items, rejected } = await provider().listSloStatuses();
    expect(
      items.map(i => [
        i.id,
        i.statuses.map(s => [s.timeframe, s.sli, s.state]),
      ]),
    ).toEqual([
      [
        'both',
        [
          ['7d', 99.1, 'ok'],
          ['30d', 98.5, 'breached'],
        ],
      ],
      ['primary-only', [['30d', 99.99, 'ok']]],
    ]);
    expect(rejected).toHaveLength(1);
  });

  it('reads the search pages after the first side by side, 100 SLOs each', async () => {
    const asked: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const [recorded] = searchPage.data.attributes.slos;
    server.use(
      http.get(`${base}/api/v1/slo/search`, async ({ request }) => {
        const q = new URL(request.url).searchParams;
        const number = Number(q.get('page[number]'));
        asked.push(`${q.get('page[size]')}/${number}`);
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await delay(number === 0 ? 0 : 50);
        inFlight -= 1;
        const count = number < 2 ? 100 : 50;
        return HttpResponse.json({
          data: {
            type: 'service_level_objective_search_results',
            attributes: {
              slos: Array.from({ length: count }, (_, i) => ({
                data: { ...recorded.data, id: `slo-${number * 100 + i}` },
              })),
            },
          },
          meta: { pagination: { ...searchPage.meta.pagination, total: 250 } },
        });
      }),
    );
    const { items } = await provider(1000).listSloStatuses();
    expect(asked.sort()).toEqual(['100/0', '100/1', '100/2']);
    expect(maxInFlight).toBe(2);
    expect(new Set(items.map(i => i.id)).size).toBe(250);
  });

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
        HttpResponse.json(historyMonitor),
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
