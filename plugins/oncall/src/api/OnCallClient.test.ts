import { ResponseError } from '@backstage/errors';
import { OnCallClient } from './OnCallClient';

const baseUrl = 'http://localhost:7007/api/oncall';

function setup(response: { status?: number; body: unknown }) {
  const fetch = jest.fn(
    async (_input: RequestInfo | URL, _init?: RequestInit) =>
      new Response(JSON.stringify(response.body), {
        status: response.status ?? 200,
        headers: { 'Content-Type': 'application/json' },
      }),
  );
  const client = new OnCallClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch },
  });
  return { client, fetch };
}

describe('OnCallClient', () => {
  it('encodes every segment of the entity path', async () => {
    const { client, fetch } = setup({ body: { rotations: [] } });
    await client.getOnCall({
      kind: 'Component',
      namespace: 'team a/b',
      name: 'pay#ments?x',
    });
    expect(fetch).toHaveBeenCalledWith(
      `${baseUrl}/entities/component/team%20a%2Fb/pay%23ments%3Fx/on-call`,
      undefined,
    );
  });

  it('defaults the namespace and repeats severity parameters', async () => {
    const { client, fetch } = setup({ body: { items: [] } });
    await client.getIncidents(
      { kind: 'API', name: 'payments' },
      {
        from: '2026-01-01T00:00:00.000Z',
        severity: ['sev0', 'sev1'],
        status: 'resolved',
        limit: 50,
        cursor: 'abc+/=',
      },
    );
    const url = new URL(String(fetch.mock.calls[0][0]));
    expect(url.pathname).toBe(
      '/api/oncall/entities/api/default/payments/incidents',
    );
    expect(url.searchParams.getAll('severity')).toEqual(['sev0', 'sev1']);
    expect(url.searchParams.get('from')).toBe('2026-01-01T00:00:00.000Z');
    expect(url.searchParams.get('status')).toBe('resolved');
    expect(url.searchParams.get('limit')).toBe('50');
    expect(url.searchParams.get('cursor')).toBe('abc+/=');
  });

  it('omits the query string when there are no filters', async () => {
    const { client, fetch } = setup({ body: { items: [] } });
    await client.getIncidents({ kind: 'component', name: 'x' });
    expect(String(fetch.mock.calls[0][0])).toBe(
      `${baseUrl}/entities/component/default/x/incidents`,
    );
  });

  it('posts a page request as JSON and returns the outcome', async () => {
    const { client, fetch } = setup({
      status: 202,
      body: { requestId: 'req-1' },
    });
    await expect(
      client.pageOnCall(
        { kind: 'component', name: 'checkout-api' },
        { message: 'Checkout down', priority: 'P1' },
      ),
    ).resolves.toEqual({ requestId: 'req-1' });
    const [url, init] = fetch.mock.calls[0];
    expect(String(url)).toBe(
      `${baseUrl}/entities/component/default/checkout-api/pages`,
    );
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({
      message: 'Checkout down',
      priority: 'P1',
    });
  });

  it('reads the user and coverage routes', async () => {
    const { client, fetch } = setup({ body: {} });
    await client.getMyOnCall();
    await client.getCoverage();
    await client.getSlos({
      kind: 'system',
      namespace: 'default',
      name: 'data',
    });
    expect(fetch.mock.calls.map(call => String(call[0]))).toEqual([
      `${baseUrl}/me/on-call`,
      `${baseUrl}/coverage`,
      `${baseUrl}/entities/system/default/data/slos`,
    ]);
  });

  it('creates and revokes the calendar subscription', async () => {
    const url = `${baseUrl}/me/calendar.ics?token=abc`;
    const { client, fetch } = setup({ status: 201, body: { url } });
    expect(await client.createCalendarSubscription()).toEqual({ url });
    expect(fetch).toHaveBeenLastCalledWith(`${baseUrl}/me/calendar-token`, {
      method: 'POST',
    });
    fetch.mockResolvedValueOnce(new Response(null, { status: 204 }));
    await expect(client.revokeCalendarSubscription()).resolves.toBeUndefined();
    expect(fetch).toHaveBeenLastCalledWith(`${baseUrl}/me/calendar-token`, {
      method: 'DELETE',
    });
    fetch.mockResolvedValueOnce(
      new Response(JSON.stringify({ error: { name: 'Error', message: 'x' } }), {
        status: 401,
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    await expect(client.revokeCalendarSubscription()).rejects.toBeInstanceOf(
      ResponseError,
    );
  });

  it('maps error responses to ResponseError with the backend message', async () => {
    const { client } = setup({
      status: 404,
      body: {
        error: { name: 'NotFoundError', message: 'No entity x' },
        request: { method: 'GET', url: '/entities/component/default/x/slos' },
        response: { statusCode: 404 },
      },
    });
    const error = await client
      .getSlos({ kind: 'component', name: 'x' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.cause.name).toBe('NotFoundError');
    expect(error.cause.message).toBe('No entity x');
  });
});
