import request from 'supertest';
import { DD_AUTH, TEST_NOW, testSandbox } from '../__testUtils__/sandbox';

const nowS = Math.floor(TEST_NOW.getTime() / 1000);

interface Series {
  times: number[];
  numerator: { values: number[]; sum: number };
  denominator: { values: number[]; sum: number };
}

describe('DataDog fake', () => {
  const { app, org } = testSandbox();
  const get = (path: string) =>
    request(app).get(`/datadog${path}`).set(DD_AUTH);
  const slo = (name: string) => org.slos.find(s => s.name === name)!;
  const history = async (id: string, from: number, to: number) => {
    const res = await get(
      `/api/v1/slo/${id}/history?from_ts=${from}&to_ts=${to}`,
    );
    expect(res.status).toBe(200);
    return res.body.data;
  };

  it('requires both keys (403 in the recorded shape); validate needs only the API key', async () => {
    const noApp = await request(app)
      .get('/datadog/api/v1/slo')
      .set('DD-API-KEY', DD_AUTH['DD-API-KEY']);
    expect(noApp.status).toBe(403);
    expect(noApp.body.errors).toEqual(['Forbidden']);
    expect(
      (
        await request(app)
          .get('/datadog/api/v1/slo')
          .set('DD-APPLICATION-KEY', DD_AUTH['DD-APPLICATION-KEY'])
      ).status,
    ).toBe(403);
    const validate = await request(app)
      .get('/datadog/api/v1/validate')
      .set('DD-API-KEY', DD_AUTH['DD-API-KEY']);
    expect(validate.body).toEqual({ valid: true });
    expect(
      (
        await request(app)
          .get('/datadog/api/v1/validate')
          .set('DD-API-KEY', 'wrong')
      ).status,
    ).toBe(403);
  });

  it('sets rate-limit headers per bucket and counts down', async () => {
    const a = await get(
      `/api/v1/slo/${org.slos[0].id}/history?from_ts=${
        nowS - 3600
      }&to_ts=${nowS}`,
    );
    const b = await get(
      `/api/v1/slo/${org.slos[0].id}/history?from_ts=${
        nowS - 3600
      }&to_ts=${nowS}`,
    );
    expect(a.headers['x-ratelimit-name']).toBe('slo_history');
    expect(a.headers['x-ratelimit-limit']).toBe('150');
    expect(a.headers['x-ratelimit-period']).toBe('10');
    const sameWindow =
      a.headers['x-ratelimit-reset'] === b.headers['x-ratelimit-reset'];
    const drop =
      Number(a.headers['x-ratelimit-remaining']) -
      Number(b.headers['x-ratelimit-remaining']);
    expect(sameWindow ? drop : 1).toBe(1);
    expect(
      (await get(`/api/v1/monitor/${org.monitors[0].id}`)).headers[
        'x-ratelimit-name'
      ],
    ).toBe('get_monitors');
  });

  it('lists SLOs with ids, query, tags_query, metrics_query, limit and offset', async () => {
    const all = await get('/api/v1/slo');
    expect(all.body.data).toHaveLength(org.slos.length);
    const page = await get('/api/v1/slo?limit=5&offset=5');
    expect(page.body.data.map((s: { id: string }) => s.id)).toEqual(
      org.slos.slice(5, 10).map(s => s.id),
    );
    const tagged = await get('/api/v1/slo?tags_query=team%3Apayments');
    expect(tagged.body.data.length).toBeGreaterThan(0);
    expect(
      tagged.body.data.every((s: { tags: string[] }) =>
        s.tags.includes('team:payments'),
      ),
    ).toBe(true);
    expect(tagged.body.metadata.page).toEqual({
      total_count: org.slos.length,
      total_filtered_count: tagged.body.data.length,
    });
    expect(
      (await get('/api/v1/slo?query=uptime')).body.data.map(
        (s: { name: string }) => s.name,
      ),
    ).toEqual(['payment-gateway uptime']);
    expect(
      (await get('/api/v1/slo?metrics_query=service%3Asearch-api')).body.data,
    ).toHaveLength(1);
    const ids = await get(
      `/api/v1/slo?ids=${org.slos[1].id},${org.slos[0].id}`,
    );
    expect(ids.body.data.map((s: { id: string }) => s.id)).toEqual([
      org.slos[1].id,
      org.slos[0].id,
    ]);
    expect((await get('/api/v1/slo?limit=x')).status).toBe(400);
  });

  it('searches SLOs by service tag with current status and page[size]/page[number]', async () => {
    const res = await get('/api/v1/slo/search?query=service%3Acheckout-api');
    const names = res.body.data.attributes.slos.map(
      (s: { data: { attributes: { name: string } } }) => s.data.attributes.name,
    );
    expect(names.sort()).toEqual([
      'checkout-api availability',
      'checkout-api latency',
    ]);
    const breached = res.body.data.attributes.slos.find(
      (s: { data: { attributes: { name: string } } }) =>
        s.data.attributes.name === 'checkout-api availability',
    );
    expect(breached.data.attributes.status.state).toBe('breached');
    expect(breached.data.attributes.service_tags).toEqual([
      'service:checkout-api',
    ]);
    const pages: string[] = [];
    let lastPage = -1;
    for (let n = 0; n < 10 && lastPage < 0; n++) {
      const p = await get(
        `/api/v1/slo/search?query=env%3Aprod&page%5Bsize%5D=7&page%5Bnumber%5D=${n}`,
      );
      pages.push(
        ...p.body.data.attributes.slos.map(
          (s: { data: { id: string } }) => s.data.id,
        ),
      );
      lastPage = p.body.links.next ? -1 : p.body.meta.pagination.last_number;
    }
    expect(lastPage).toBe(Math.ceil(org.slos.length / 7) - 1);
    expect(new Set(pages).size).toBe(org.slos.length);
    expect((await get('/api/v1/slo/search?page%5Bsize%5D=0')).status).toBe(400);
  });

  it('reports the breached, warning and no-data SLOs of the demo org', async () => {
    const state = async (name: string) => {
      const s = slo(name);
      const h = await history(s.id, nowS - 30 * 86400, nowS);
      return h.overall.state;
    };
    expect(await state('checkout-api availability')).toBe('breached');
    expect(await state('payments-api availability')).toBe('warning');
    expect(await state('reporting-api availability')).toBe('no_data');
    expect(await state('cart-service availability')).toBe('ok');
  });

  it('burns the warning SLO fast now: 1h and 6h burn rates above 6, 30d SLI above target', async () => {
    const s = slo('payments-api availability');
    const burn = async (seconds: number) => {
      const h = await history(s.id, nowS - seconds, nowS);
      return (100 - h.overall.sli_value) / (100 - s.target);
    };
    expect(await burn(3600)).toBeGreaterThan(6);
    expect(await burn(6 * 3600)).toBeGreaterThan(6);
    expect(await burn(30 * 86400)).toBeLessThan(1);
  });

  it('keeps history consistent across windows: halves add up to the whole, SLI follows the series', async () => {
    const s = slo('payments-api availability');
    const whole = await history(s.id, nowS - 7200, nowS);
    const first = await history(s.id, nowS - 7200, nowS - 3600);
    const second = await history(s.id, nowS - 3600, nowS);
    const series = (d: { series: Series }) => d.series;
    expect(series(first).numerator.sum + series(second).numerator.sum).toBe(
      series(whole).numerator.sum,
    );
    expect(series(first).denominator.sum + series(second).denominator.sum).toBe(
      series(whole).denominator.sum,
    );
    const w = series(whole);
    expect(whole.overall.sli_value).toBeCloseTo(
      (100 * w.numerator.sum) / w.denominator.sum,
      10,
    );
    expect(w.numerator.values.reduce((a, b) => a + b, 0)).toBe(w.numerator.sum);
    expect(w.times).toHaveLength(w.numerator.values.length);
    const again = await history(s.id, nowS - 7200, nowS);
    expect(again.series.numerator.values).toEqual(w.numerator.values);
  });

  it('serves monitor SLO history with uptime transitions', async () => {
    const s = slo('payment-gateway uptime');
    const h = await history(s.id, nowS - 90 * 86400, nowS);
    expect(h.type).toBe('monitor');
    expect(h.overall.history[0]).toEqual([
      expect.any(Number),
      expect.any(Number),
    ]);
    expect(h.monitors[0].name).toBe('payment-gateway error rate');
    expect(h.overall.sli_value).toBeGreaterThan(99);
  });

  it('answers bad history windows with 400 and unknown SLOs with 404', async () => {
    const id = org.slos[0].id;
    for (const q of [
      `from_ts=${nowS}&to_ts=${nowS}`,
      'from_ts=abc&to_ts=1',
      `to_ts=${nowS}`,
      `from_ts=0&to_ts=${nowS}`,
    ]) {
      const res = await get(`/api/v1/slo/${id}/history?${q}`);
      expect(res.status).toBe(400);
      expect(res.body.errors).toHaveLength(1);
    }
    expect((await get('/api/v1/slo/nope')).body).toEqual({
      errors: ['SLO not found: nope not found'],
    });
  });

  it('lists monitors by monitor_tags and tags, paged with page/page_size, as a bare array', async () => {
    const res = await get(
      '/api/v1/monitor?monitor_tags=service%3Acheckout-api',
    );
    expect(
      res.body.map((m: { name: string; overall_state: string }) => [
        m.name,
        m.overall_state,
      ]),
    ).toEqual([
      ['checkout-api error rate', 'OK'],
      ['checkout-api p95 latency', 'Alert'],
    ]);
    const states = new Set(
      (await get('/api/v1/monitor')).body.map(
        (m: { overall_state: string }) => m.overall_state,
      ),
    );
    expect([...states].sort()).toEqual(['Alert', 'No Data', 'OK', 'Warn']);
    const page1 = await get('/api/v1/monitor?page=1&page_size=3');
    expect(page1.body.map((m: { id: number }) => m.id)).toEqual(
      org.monitors.slice(3, 6).map(m => m.id),
    );
    expect(
      (await get('/api/v1/monitor?tags=team%3Adiscovery')).body.length,
    ).toBeGreaterThan(0);
    expect((await get('/api/v1/monitor?page_size=0&page=0')).status).toBe(400);
    expect((await get(`/api/v1/monitor/${org.monitors[2].id}`)).body.name).toBe(
      org.monitors[2].name,
    );
    expect((await get('/api/v1/monitor/abc')).status).toBe(404);
  });
});
