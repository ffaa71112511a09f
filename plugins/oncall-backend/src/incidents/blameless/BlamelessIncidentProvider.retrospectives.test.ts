import { HttpResponse, http } from 'msw';
import {
  base,
  collect,
  inc,
  provider,
  server,
  standardHandlers,
} from '../../__testUtils__/blamelessProvider';

describe('BlamelessIncidentProvider retrospective lookups', () => {
  const NOW = Date.UTC(2026, 10, 20, 12);
  const DAY = 86_400_000;
  const at = (
    id: number,
    startedDaysAgo: number,
    extra: Record<string, unknown> = {},
  ) => {
    const created = NOW - startedDaysAgo * DAY;
    return inc(id, created + 100, extra);
  };

  it('looks up recent and open incidents during the sync, and marks old resolved ones pending', async () => {
    const postmortems: string[] = [];
    standardHandlers({
      incidents: [
        at(1, 90),
        at(2, 90, { is_postmortem_required: false }),
        at(3, 90, { status: 'INVESTIGATING' }),
        at(4, 29),
        at(5, 31),
        at(344, 2),
      ],
      postmortems,
    });
    const [page] = await collect(provider(() => NOW));
    expect(postmortems.sort()).toEqual(['3', '344', '4']);
    const retrospectives = Object.fromEntries(
      page.items.map(i => [
        i.id,
        (i as { retrospective?: object }).retrospective,
      ]),
    );
    const url = (id: number) => `${base}/retrospective/${id}`;
    expect(retrospectives).toEqual({
      '1': { status: 'not_started', url: url(1), pending: true },
      '2': { status: 'not_required', url: url(2), pending: true },
      '3': { status: 'not_started', url: url(3) },
      '4': { status: 'not_started', url: url(4) },
      '5': { status: 'not_started', url: url(5), pending: true },
      '344': { status: 'in_progress', url: url(344) },
    });
  });

  it('takes the window from retrospectiveDays', async () => {
    const postmortems: string[] = [];
    standardHandlers({
      incidents: [at(1, 3), at(2, 6), at(3, 8)],
      postmortems,
    });
    await collect(provider(() => NOW, 7));
    expect(postmortems.sort()).toEqual(['1', '2']);
  });

  it('looks one retrospective up: its state, none (404), or a state without a mapping', async () => {
    const postmortems: string[] = [];
    standardHandlers({ postmortems });
    const p = provider(() => NOW);
    await expect(p.getRetrospective('344')).resolves.toEqual({
      found: true,
      retrospective: {
        status: 'in_progress',
        url: `${base}/retrospective/344`,
      },
    });
    await expect(p.getRetrospective('7')).resolves.toEqual({ found: false });
    server.use(
      http.get(`${base}/api/v1/incidents/:id/postmortem`, () =>
        HttpResponse.json({ ok: true, postmortem: { state: 'ARCHIVED' } }),
      ),
    );
    await expect(p.getRetrospective('8')).resolves.toEqual({
      found: true,
      retrospective: undefined,
    });
    expect(postmortems).toEqual(['344', '7']);
  });

  it('fails a lookup the vendor cannot answer', async () => {
    standardHandlers();
    server.use(
      http.get(`${base}/api/v1/incidents/:id/postmortem`, () =>
        HttpResponse.json({ error: 'down' }, { status: 503 }),
      ),
    );
    await expect(provider().getRetrospective('1')).rejects.toMatchObject({
      name: 'VendorError',
      status: 503,
    });
  });
});
