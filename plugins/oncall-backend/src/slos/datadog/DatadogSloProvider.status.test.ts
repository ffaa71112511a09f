import { HttpResponse, delay, http } from 'msw';
import { useDatadogWire } from '../../__testUtils__/datadogProvider';

const { server, base, provider, samples } = useDatadogWire();

describe('DatadogSloProvider', () => {
  it('reads every SLO status from the recorded search page, tolerating null fields', async () => {
    const seen: URLSearchParams[] = [];
    server.use(
      http.get(`${base}/api/v1/slo/search`, ({ request }) => {
        seen.push(new URL(request.url).searchParams);
        return HttpResponse.json(samples.searchPage);
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
    const [recorded] = samples.searchPage.data.attributes.slos;
    const attributes = recorded.data.attributes;
    server.use(
      http.get(`${base}/api/v1/slo/search`, () =>
        HttpResponse.json({
          ...samples.searchPage,
          data: {
            ...samples.searchPage.data,
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
    const [recorded] = samples.searchPage.data.attributes.slos;
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
          meta: {
            pagination: { ...samples.searchPage.meta.pagination, total: 250 },
          },
        });
      }),
    );
    const { items } = await provider(1000).listSloStatuses();
    expect(asked.sort()).toEqual(['100/0', '100/1', '100/2']);
    expect(maxInFlight).toBe(2);
    expect(new Set(items.map(i => i.id)).size).toBe(250);
  });
});
