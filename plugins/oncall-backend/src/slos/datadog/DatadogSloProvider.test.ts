import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { HttpResponse, delay, http } from 'msw';
import { setupServer } from 'msw/node';
import sloPage from '../../__fixtures__/wire-samples/datadog/get-api-v1-slo-limit2.json';
import sloIds from '../../__fixtures__/wire-samples/datadog/get-api-v1-slo-ids.json';
import historyMetric from '../../__fixtures__/wire-samples/datadog/get-api-v1-slo-id-history-metric.json';
import historyMonitor from '../../__fixtures__/wire-samples/datadog/get-api-v1-slo-id-history-monitor.json';
import historyGroups from '../../__fixtures__/wire-samples/datadog/get-api-v1-slo-id-history-monitor-groups.json';
import monitorsPage from '../../__fixtures__/wire-samples/datadog/get-api-v1-monitor-page0.json';
import { DatadogSloProvider } from './DatadogSloProvider';

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
    logger: mockServices.logger.mock(),
    resilience: { timeoutMs, baseDelayMs: 1, maxAttempts: 3, maxDelayMs: 5000 },
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

  it('splits one history read by UTC day: metric series by interval, monitor uptime by transitions', async () => {
    const day = Date.UTC(2026, 10, 1);
    const H12 = 43_200_000;
    server.use(
      http.get(`${base}/api/v1/slo/:id/history`, ({ params }) =>
        params.id === 'metric'
          ? HttpResponse.json({
              data: {
                type: 'metric',
                overall: { sli_value: 99 },
                series: {
                  interval: 43200,
                  times: [day, day + H12, day + 2 * H12, day + 3 * H12],
                  numerator: { values: [90, 100, 0, 0] },
                  denominator: { values: [100, 100, 0, 0] },
                },
              },
              errors: null,
            })
          : HttpResponse.json({
              data: {
                type: 'monitor',
                // up from 00:00, down 06:00–12:00 on day 1; up all of day 2
                overall: {
                  sli_value: 87.5,
                  history: [
                    [day / 1000, 0],
                    [day / 1000 + 21_600, 1],
                    [day / 1000 + 43_200, 0],
                  ],
                },
              },
              errors: null,
            }),
      ),
    );
    const p = provider();
    const to = new Date(day + 2 * 86_400_000);
    expect(await p.sliByDay('metric', new Date(day), to)).toEqual([
      { day: '2026-11-01', sli: 95 },
      { day: '2026-11-02', sli: undefined },
    ]);
    expect(await p.sliByDay('monitor', new Date(day), to)).toEqual([
      { day: '2026-11-01', sli: 75 },
      { day: '2026-11-02', sli: 100 },
    ]);
  });

  it('cannot split a history without series or transitions', async () => {
    server.use(
      http.get(`${base}/api/v1/slo/:id/history`, () =>
        HttpResponse.json(historyMonitor),
      ),
    );
    await expect(
      provider().sliByDay('x', new Date(0), new Date(86_400_000)),
    ).resolves.toBeUndefined();
  });
});
