import { HttpResponse, delay, http } from 'msw';
import { fastResiliencePolicy } from '../../__testUtils__/fastResilience';
import { DatadogSloProvider } from './DatadogSloProvider';
import { useDatadogWire } from '../../__testUtils__/datadogProvider';

const { server, base, provider, samples } = useDatadogWire();

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
        return HttpResponse.json(samples.sloPage);
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
    server.use(
      http.get(`${base}/api/v1/slo`, () => HttpResponse.json(samples.sloIds)),
    );
    const { items, rejected } = await provider().listSlos();
    expect(rejected).toEqual([]);
    expect(items.length).toBeGreaterThan(0);
  });

  it('reads the SLI of a window, and no data from the recorded no-data histories', async () => {
    const asked: string[] = [];
    server.use(
      http.get(`${base}/api/v1/slo/:id/history`, ({ params, request }) => {
        asked.push(new URL(request.url).search);
        if (params.id === 'metric')
          return HttpResponse.json(samples.historyMetric);
        if (params.id === 'monitor')
          return HttpResponse.json(samples.historyMonitor);
        if (params.id === 'groups')
          return HttpResponse.json(samples.historyGroups);
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
      http.get(`${base}/api/v1/monitor`, () =>
        HttpResponse.json(samples.monitorsPage),
      ),
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
            samples.sloPage.data[0],
          ],
          error: null,
        }),
      ),
    );
    const { items, rejected } = await provider().listSlos();
    expect(items.map(i => i.id)).toEqual([samples.sloPage.data[0].id]);
    expect(rejected.map(r => r.id)).toEqual(['bad']);
  });

  it('refuses an SLO id that would change the request path: the record is rejected, and no request is made for it', async () => {
    const stray: string[] = [];
    const [good] = samples.sloPage.data;
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
          data: [{ ...samples.sloPage.data[0], id: 'javascript:alert(1)' }],
          error: null,
        }),
      ),
    );
    const { items } = await provider().listSlos();
    expect(items.map(i => i.url)).toEqual([
      'https://app.datadoghq.com/slo?slo_id=javascript%3Aalert(1)',
    ]);
  });
});
