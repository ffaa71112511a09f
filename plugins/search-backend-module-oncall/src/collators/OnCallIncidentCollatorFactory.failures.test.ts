import { ResponseError } from '@backstage/errors';
import { delay, http, HttpResponse } from 'msw';
import {
  collectIncidents,
  createIncidentCollator,
  incidentAt,
  setupCollateServer,
} from '../__testUtils__/collatorHarness';

const { server, collateUrl } = setupCollateServer('incidents');

describe('OnCallIncidentCollatorFactory failures', () => {
  it.each([
    [403, 'Forbidden'],
    [500, 'Internal Server Error'],
  ])(
    'fails the run when the on-call backend answers %s',
    async (status, statusText) => {
      server.use(
        http.get(collateUrl, () =>
          HttpResponse.json(
            {
              error: { name: 'Error', message: 'the backend said no' },
              response: { statusCode: status },
            },
            { status, statusText },
          ),
        ),
      );
      const { factory } = createIncidentCollator();

      const error = await collectIncidents(await factory.getCollator()).then(
        () => undefined,
        (e: unknown) => e,
      );

      expect(error).toBeInstanceOf(Error);
      expect(String(error)).toBe(
        `ResponseError: The on-call backend refused GET /collate/incidents; caused by ResponseError: Request failed with ${status} ${statusText}`,
      );
      expect(ResponseError.is((error as Error).cause)).toBe(true);
      expect((error as Error & { cause: ResponseError }).cause.statusCode).toBe(
        status,
      );
    },
  );

  it('fails the run, not just the page, when a later page fails', async () => {
    server.use(
      http.get(collateUrl, ({ request }) => {
        if (new URL(request.url).searchParams.get('cursor') === null) {
          return HttpResponse.json({ items: [incidentAt(1)], nextCursor: '2' });
        }
        return new HttpResponse('upstream exploded', { status: 502 });
      }),
    );
    const { factory } = createIncidentCollator();

    await expect(collectIncidents(await factory.getCollator())).rejects.toThrow(
      /Request failed with 502/,
    );
  });

  it('fails the run when a page takes longer than the page timeout', async () => {
    server.use(
      http.get(collateUrl, async () => {
        await delay(2_000);
        return HttpResponse.json({ items: [] });
      }),
    );
    const { factory } = createIncidentCollator({ pageTimeoutMs: 50 });

    await expect(collectIncidents(await factory.getCollator())).rejects.toThrow(
      /^Could not reach the on-call backend for GET \/collate\/incidents; caused by TimeoutError/,
    );
  });

  it('fails the run on a page that is not a page', async () => {
    server.use(
      http.get(collateUrl, () => HttpResponse.json({ incidents: [] })),
    );
    const { factory } = createIncidentCollator();

    await expect(collectIncidents(await factory.getCollator())).rejects.toThrow(
      /malformed page for \/collate\/incidents/,
    );
  });

  it('fails the run on a body that is not JSON', async () => {
    server.use(
      http.get(collateUrl, () => new HttpResponse('<html>', { status: 200 })),
    );
    const { factory } = createIncidentCollator();

    await expect(collectIncidents(await factory.getCollator())).rejects.toThrow(
      /not JSON for \/collate\/incidents/,
    );
  });

  it('stops instead of looping when the backend repeats a cursor', async () => {
    let requests = 0;
    server.use(
      http.get(collateUrl, () => {
        requests += 1;
        return HttpResponse.json({
          items: [incidentAt(1)],
          nextCursor: 'same',
        });
      }),
    );
    const { factory } = createIncidentCollator();

    await expect(collectIncidents(await factory.getCollator())).rejects.toThrow(
      /same cursor twice/,
    );
    expect(requests).toBe(2);
  });
});
