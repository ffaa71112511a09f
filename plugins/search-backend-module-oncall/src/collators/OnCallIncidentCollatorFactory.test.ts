import { mockCredentials } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { delay, http, HttpResponse } from 'msw';
import {
  collectIncidents,
  createIncidentCollator,
  incidentAt,
  setupCollateServer,
} from '../__testUtils__/collatorHarness';

const { server, collateUrl } = setupCollateServer('incidents');

/** Serves `items` as the whole incident store and collates them with the default config. */
async function collateItems(items: unknown[]) {
  server.use(http.get(collateUrl, () => HttpResponse.json({ items })));
  const { factory } = createIncidentCollator();
  return collectIncidents(await factory.getCollator());
}

describe('OnCallIncidentCollatorFactory', () => {
  it('declares its document type and hides results from users who may not read the entity', () => {
    const { factory } = createIncidentCollator();
    expect(factory.type).toBe('oncall-incident');
    expect(factory.visibilityPermission.name).toBe('catalog.entity.read');
  });

  it('streams a 20,000-incident store page by page, in order, holding at most one page', async () => {
    const total = 20_000;
    const batchSize = 500;
    let served = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    const requests: URL[] = [];
    server.use(
      http.get(collateUrl, async ({ request }) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const url = new URL(request.url);
        requests.push(url);
        const offset = Number(url.searchParams.get('cursor') ?? '0');
        const limit = Number(url.searchParams.get('limit'));
        const end = Math.min(offset + limit, total);
        const items = [];
        for (let i = offset; i < end; i++) {
          items.push(incidentAt(i));
        }
        served += items.length;
        await new Promise(resolve => setImmediate(resolve));
        inFlight -= 1;
        return HttpResponse.json({
          items,
          nextCursor: end < total ? String(end) : undefined,
        });
      }),
    );

    const { factory } = createIncidentCollator({ batchSize });
    const collator = await factory.getCollator();
    let consumed = 0;
    let maxAhead = 0;
    for await (const document of collator) {
      expect(document.incidentId).toBe(`INC-${consumed}`);
      consumed += 1;
      maxAhead = Math.max(maxAhead, served - consumed);
      if (consumed % 1000 === 0) {
        // a slow consumer: a collator that did not respect back-pressure would race ahead now
        await new Promise(resolve => setTimeout(resolve, 5));
      }
    }

    expect(consumed).toBe(total);
    expect(requests).toHaveLength(total / batchSize);
    expect(requests.every(url => url.searchParams.get('limit') === '500')).toBe(
      true,
    );
    expect(maxInFlight).toBe(1);
    // never more than the page being drained plus the stream's small read-ahead buffer
    expect(maxAhead).toBeLessThanOrEqual(
      batchSize + collator.readableHighWaterMark,
    );
  }, 60_000);

  it('maps incidents to documents linked to the Incidents tab of their first Component', async () => {
    const documents = await collateItems([
      {
        id: 'INC-1042',
        title: 'Checkout payments failing',
        severity: 'sev1',
        status: 'resolved',
        startedAt: '2026-10-02T08:15:00.000Z',
        resolvedAt: '2026-10-02T09:40:00.000Z',
        commander: { name: 'Jane Doe', email: 'jane.doe@example.com' },
        slackChannel: {
          name: '#inc-1042-checkout-payments-failing',
          url: 'https://example.slack.com/archives/C1042',
        },
        retrospective: {
          status: 'completed',
          url: 'https://example.blameless.io/incidents/1042/retrospective',
        },
        services: ['checkout'],
        entityRefs: [
          'api:default/checkout',
          'Component:default/checkout-api',
          'component:default/checkout-web',
        ],
        url: 'https://example.blameless.io/incidents/1042',
      },
    ]);

    expect(documents).toEqual([
      {
        title: 'Checkout payments failing',
        text: 'SEV1 · checkout · resolved · commander Jane Doe · retrospective completed · #inc-1042-checkout-payments-failing · started 2026-10-02',
        location:
          '/catalog/default/component/checkout-api/incidents?incident=INC-1042',
        authorization: { resourceRef: 'component:default/checkout-api' },
        incidentId: 'INC-1042',
        severity: 'sev1',
        status: 'resolved',
        entityRef: 'component:default/checkout-api',
        entityRefs: [
          'api:default/checkout',
          'component:default/checkout-api',
          'component:default/checkout-web',
        ],
        services: ['checkout'],
        commander: 'Jane Doe',
        retrospectiveStatus: 'completed',
        startedAt: '2026-10-02T08:15:00.000Z',
        resolvedAt: '2026-10-02T09:40:00.000Z',
        incidentUrl: 'https://example.blameless.io/incidents/1042',
      },
    ]);
  });

  it('leaves out a retrospective state that is not looked up yet', async () => {
    const [pending, known] = await collateItems([
      {
        ...incidentAt(8),
        retrospective: {
          status: 'not_started',
          url: 'https://example.blameless.io/incidents/8/retrospective',
          pending: true,
        },
      },
      incidentAt(9),
    ]);

    expect(pending.text).not.toContain('retrospective');
    expect(pending.retrospectiveStatus).toBeUndefined();
    expect(known.text).toContain('retrospective completed');
    expect(known.retrospectiveStatus).toBe('completed');
  });

  it('links an incident that maps to no Component to its first entity', async () => {
    const [document] = await collateItems([
      {
        ...incidentAt(7),
        services: [],
        entityRefs: ['api:default/payments', 'system:default/commerce'],
      },
    ]);

    expect(document).toMatchObject({
      location: '/catalog/default/api/payments/incidents?incident=INC-7',
      authorization: { resourceRef: 'api:default/payments' },
      services: ['payments', 'commerce'],
    });
    expect(document.text).toMatch(/^SEV3 · payments, commerce · resolved · /);
  });

  it('calls the on-call backend with its own service credentials, targeted at the on-call plugin', async () => {
    const authorization: Array<string | null> = [];
    server.use(
      http.get(collateUrl, ({ request }) => {
        authorization.push(request.headers.get('authorization'));
        return HttpResponse.json({ items: [] });
      }),
    );
    const { factory } = createIncidentCollator();

    await collectIncidents(await factory.getCollator());

    expect(authorization).toEqual([
      `Bearer ${mockCredentials.service.token({
        onBehalfOf: mockCredentials.service('plugin:test'),
        targetPluginId: 'oncall',
      })}`,
    ]);
  });

  it('skips records that fail validation, naming them in a log line, and keeps the rest', async () => {
    server.use(
      http.get(collateUrl, ({ request }) => {
        const cursor = new URL(request.url).searchParams.get('cursor');
        if (cursor === null) {
          return HttpResponse.json({
            items: [
              incidentAt(1),
              { ...incidentAt(2), severity: 'sev9' },
              { ...incidentAt(3), entityRefs: ['not a ref:'] },
              42,
              { ...incidentAt(4), startedAt: 'yesterday' },
            ],
            nextCursor: 'page-2',
          });
        }
        return HttpResponse.json({
          items: [{ ...incidentAt(5), entityRefs: [] }, incidentAt(6)],
        });
      }),
    );
    const { factory, logger } = createIncidentCollator();

    const documents = await collectIncidents(await factory.getCollator());

    expect(documents.map(d => d.incidentId)).toEqual(['INC-1', 'INC-6']);
    const skipped = (id: string, reason: RegExp) => [
      'Skipped an invalid on-call record',
      { resource: 'incidents', id, reason: expect.stringMatching(reason) },
    ];
    expect(logger.warn.mock.calls).toEqual([
      skipped('INC-2', /^severity: Invalid enum value/),
      skipped('INC-3', /^entityRefs\.0: /),
      skipped('(no id)', /^\(item\): Expected object, received number/),
      skipped('INC-4', /^startedAt: Invalid datetime/),
    ]);
    // an incident that maps to no catalog entity has no page to link to
    expect(logger.debug).toHaveBeenCalledWith(
      'Skipped an on-call record linked to no catalog entity',
      { resource: 'incidents', id: 'INC-5' },
    );
    expect(logger.info).toHaveBeenCalledWith('Collated on-call records', {
      resource: 'incidents',
      pages: 2,
      documents: 2,
      invalid: 4,
      unlinked: 1,
    });
  });

  it('yields zero documents for an empty store', async () => {
    await expect(collateItems([])).resolves.toEqual([]);
  });
});

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
