import { HttpResponse, http, delay } from 'msw';
import { jwtExpiryMs } from './BlamelessTokenSource';
import {
  inc,
  jwt,
  useBlamelessWire,
} from '../../__testUtils__/blamelessProvider';

const { server, base, provider, standardHandlers, collect } =
  useBlamelessWire();

describe('BlamelessIncidentProvider', () => {
  /** Incidents 1 to 5, incident k last changed at k seconds. */
  const fiveIncidents = () => [1, 2, 3, 4, 5].map(k => inc(k, k * 1000));

  it('walks changes oldest first with a watermark per page, though the vendor lists newest first', async () => {
    const calls: string[] = [];
    standardHandlers({ incidents: fiveIncidents(), calls });
    const pages = await collect(provider(), new Date(1500), 2);
    expect(pages.flatMap(p => p.items.map(i => i.id))).toEqual([
      '2',
      '3',
      '4',
      '5',
    ]);
    const watermarks = pages.map(p => p.watermark?.getTime());
    expect(watermarks).toEqual([...watermarks].sort());
    expect(watermarks.at(-1)).toBe(5000);
    expect(watermarks.every(w => w !== undefined)).toBe(true);
  });

  it('falls back to newest-first paging when updated_since is ignored', async () => {
    standardHandlers({ incidents: fiveIncidents(), ignoreSince: true });
    const pages = await collect(provider(), new Date(2500), 2);
    expect(pages.flatMap(p => p.items.map(i => i.id))).toEqual(['5', '4', '3']);
    expect(pages.map(p => p.watermark?.getTime())).toEqual([undefined, 5000]);
  });

  it('caches the token until shortly before exp and renews it on 401 once', async () => {
    let now = Date.now();
    const expSeconds = Math.floor(now / 1000) + 600;
    const { tokenCalls } = standardHandlers({
      tokens: [jwt(expSeconds, 'a'), jwt(expSeconds + 600, 'b')],
    });
    const p = provider(() => now);
    await collect(p);
    await collect(p);
    expect(tokenCalls).toHaveLength(1);
    now = expSeconds * 1000 - 30_000; // inside the renewal margin
    await collect(p);
    expect(tokenCalls).toHaveLength(2);

    let rejectedOnce = false;
    server.use(
      http.get(`${base}/api/v1/incidents`, () => {
        if (!rejectedOnce) {
          rejectedOnce = true;
          return HttpResponse.json(
            { error: 'unauthorized', message: 'expired' },
            { status: 401 },
          );
        }
        return HttpResponse.json({
          ok: true,
          incidents: [],
          pagination: { count: 0 },
        });
      }),
    );
    await expect(collect(p)).resolves.toEqual([]);
    expect(tokenCalls).toHaveLength(3);
  });

  it('fails with a 401 that persists after one renewal', async () => {
    const { tokenCalls } = standardHandlers();
    server.use(
      http.get(`${base}/api/v1/incidents`, () =>
        HttpResponse.json({ error: 'unauthorized' }, { status: 401 }),
      ),
    );
    await expect(collect(provider())).rejects.toMatchObject({
      name: 'VendorError',
      status: 401,
    });
    expect(tokenCalls).toHaveLength(2);
  });

  it('retries a 503 with the Retry-After hint', async () => {
    standardHandlers();
    let calls = 0;
    server.use(
      http.get(`${base}/api/v1/incidents`, () => {
        calls += 1;
        return calls < 3
          ? HttpResponse.json(
              { error: 'busy' },
              { status: 503, headers: { 'Retry-After': '0' } },
            )
          : HttpResponse.json({
              ok: true,
              incidents: [],
              pagination: { count: 0 },
            });
      }),
    );
    await expect(collect(provider())).resolves.toEqual([]);
    expect(calls).toBe(3);
  });

  it.each([
    {
      what: 'times out a hanging call',
      kind: 'timeout',
      answer: async () => {
        await delay('infinite');
        return HttpResponse.json({});
      },
    },
    {
      what: 'rejects a malformed envelope',
      kind: 'malformed',
      answer: () => HttpResponse.json({ ok: true, incidents: 'nope' }),
    },
  ])('$what', async ({ kind, answer }) => {
    standardHandlers();
    server.use(http.get(`${base}/api/v1/incidents`, answer));
    await expect(collect(provider())).rejects.toMatchObject({
      name: 'VendorError',
      kind,
    });
  });

  it('returns undefined for an unknown incident', async () => {
    standardHandlers();
    server.use(
      http.get(`${base}/api/v1/incidents/:id`, () =>
        HttpResponse.json({ error: 'not_found' }, { status: 404 }),
      ),
    );
    await expect(provider().getIncident('404')).resolves.toBeUndefined();
  });

  it('reads the exp claim of a JWT', () => {
    expect(jwtExpiryMs(jwt(1234))).toBe(1_234_000);
    expect(jwtExpiryMs('opaque')).toBeUndefined();
  });
});

describe('BlamelessIncidentProvider list calls', () => {
  const many = (n: number) =>
    Array.from({ length: n }, (_, k) => inc(k + 1, 1000 + k * 10));

  it('probes only the first window: N pages take N + 1 list calls', async () => {
    const calls: string[] = [];
    standardHandlers({ incidents: many(95), calls });
    const pages = await collect(provider(), new Date(0), 10);
    // 10 records, then 9 new ones per page: each window starts at the previous newest change
    expect(pages).toHaveLength(11);
    expect(pages.flatMap(p => p.items.map(i => Number(i.id)))).toEqual(
      Array.from({ length: 95 }, (_, k) => k + 1),
    );
    expect(pages.every(p => p.watermark !== undefined)).toBe(true);
    expect(calls).toHaveLength(12);
    expect(
      calls.filter(c => new URLSearchParams(c).get('limit') === '1'),
    ).toEqual([calls[0]]);
  });

  it('re-reads a page at the corrected offset when changes arrive mid-walk, skipping none', async () => {
    const calls: string[] = [];
    let answered = 0;
    standardHandlers({
      incidents: many(30),
      calls,
      beforeAnswer: incidents => {
        answered += 1;
        if (answered === 3) {
          // two new incidents and a change to one not yet delivered
          incidents.push(inc(101, 5000), inc(102, 5001));
          const changed = incidents.find(i => i._id === 25)!;
          changed.updated = { $date: 5002 };
        }
      },
    });
    const pages = await collect(provider(), new Date(0), 10);
    const ids = pages.flatMap(p => p.items.map(i => Number(i.id)));
    const expected = [
      ...Array.from({ length: 30 }, (_, k) => k + 1).filter(id => id !== 25),
      101,
      102,
      25,
    ];
    expect(ids).toEqual(expected);
    const watermarks = pages.map(p => p.watermark?.getTime());
    expect(watermarks.every(w => w !== undefined)).toBe(true);
    expect(watermarks).toEqual([...watermarks].sort((a, b) => a! - b!));
    expect(watermarks.at(-1)).toBe(5002);
    // probe + 4 pages + one re-read of the page whose total moved
    expect(calls).toHaveLength(6);
  });

  it('falls back to newest-first paging when the total keeps moving', async () => {
    let next = 200;
    standardHandlers({
      incidents: many(30),
      beforeAnswer: incidents => {
        incidents.push(inc(next, 10_000 + next));
        next += 1;
      },
    });
    const pages = await collect(provider(), new Date(0), 10);
    const ids = pages.flatMap(p => p.items.map(i => Number(i.id)));
    expect(ids).toEqual(
      expect.arrayContaining(Array.from({ length: 30 }, (_, k) => k + 1)),
    );
    const watermarks = pages.map(p => p.watermark);
    expect(watermarks.slice(0, -1).every(w => w === undefined)).toBe(true);
    expect(watermarks.at(-1)).toBeDefined();
  });
});
