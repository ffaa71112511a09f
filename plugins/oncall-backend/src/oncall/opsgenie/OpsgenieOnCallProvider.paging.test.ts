import { HttpResponse, http } from 'msw';
import { VendorError } from '../../lib/VendorError';
import {
  base,
  opsgenieMswServer,
  pagingProvider,
  sample,
} from '../../__testUtils__/opsgenieProvider';

/** Pages under their own policy, as the plugin runs them: {@link pagingProvider}. */
describe('OpsgenieOnCallProvider', () => {
  const server = opsgenieMswServer();
  /** The payments team's i-th page. */
  const alert = (i: number) => ({
    message: `page ${i}`,
    team: 'payments-team',
    dedupKey: `backstage-page-${i}`,
  });

  it('creates an alert for the team and follows the request through RequestNotProcessed', async () => {
    let body: Record<string, unknown> | undefined;
    let polls = 0;
    server.use(
      http.post(`${base}/v2/alerts`, async ({ request }) => {
        body = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json(
          {
            result: 'Request will be processed',
            took: 0.3,
            requestId: 'req-1',
          },
          { status: 202 },
        );
      }),
      http.get(`${base}/v2/alerts/requests/:id`, ({ params }) => {
        polls++;
        if (polls < 3) {
          return HttpResponse.json(
            {
              message: 'Request not processed yet',
              took: 0.001,
              requestId: 'x',
            },
            {
              status: 404,
              headers: { 'X-Opsgenie-Errortype': 'RequestNotProcessed' },
            },
          );
        }
        expect(params.id).toBe('req-1');
        return HttpResponse.json(sample('get-v2-alerts-requests-id.json'));
      }),
    );
    const p = pagingProvider();
    const { requestId } = await p.createAlert({ ...alert(1), priority: 'P1' });
    expect(body).toMatchObject({
      message: 'page 1',
      alias: 'backstage-page-1',
      priority: 'P1',
      responders: [{ type: 'team', name: 'payments-team' }],
    });
    expect(await p.waitForRequest(requestId, 5000)).toEqual({
      state: 'processed',
      success: true,
      status: 'Created alert',
      alertId: '8743a1b2-11da-480e-8493-744660987bef',
    });
    expect(polls).toBe(3);
  });

  it('treats a 404 without RequestNotProcessed as an unknown request', async () => {
    server.use(
      http.get(`${base}/v2/alerts/requests/:id`, () =>
        HttpResponse.json({ message: 'not found' }, { status: 404 }),
      ),
    );
    await expect(
      pagingProvider().getRequestStatus('nope'),
    ).rejects.toMatchObject({
      status: 404,
    });
  });

  describe('paging budget', () => {
    /** Alerts wait at Opsgenie until `release()`; teams answer at once. */
    function slowAlerts() {
      let release = () => {};
      const released = new Promise<void>(resolve => {
        release = resolve;
      });
      const received = { alerts: 0, teams: 0 };
      server.use(
        http.post(`${base}/v2/alerts`, async () => {
          received.alerts++;
          await released;
          return HttpResponse.json(
            { result: 'Request will be processed', took: 0.1, requestId: 'r' },
            { status: 202 },
          );
        }),
        http.get(`${base}/v2/teams`, () => {
          received.teams++;
          return HttpResponse.json(sample('get-v2-teams.json'));
        }),
      );
      return { release, received };
    }

    it('pages held at Opsgenie do not delay the sync’s reads', async () => {
      const { release, received } = slowAlerts();
      const p = pagingProvider();
      const pages = Array.from({ length: 14 }, (_, i) =>
        p.createAlert(alert(i)).then(
          () => 'sent',
          (e: VendorError) => e.kind,
        ),
      );
      for (let waited = 0; received.alerts < 4 && waited < 2000; waited += 10) {
        await new Promise(resolve => setTimeout(resolve, 10));
      }
      await new Promise(resolve => setTimeout(resolve, 50));
      expect(received.alerts).toBe(4);
      const teams = await Promise.race([
        p.listTeams(),
        new Promise<'stalled'>(resolve =>
          setTimeout(() => resolve('stalled'), 2000),
        ),
      ]);
      expect(teams).not.toBe('stalled');
      expect(received.teams).toBe(1);
      release();
      expect((await Promise.all(pages)).sort()).toEqual(Array(14).fill('sent'));
    });

    it('refuses a page at once when its queue is full, and follows no request while pages wait', async () => {
      const { release } = slowAlerts();
      const p = pagingProvider();
      const held = Array.from({ length: 14 }, (_, i) =>
        p.createAlert(alert(i)),
      );
      const started = Date.now();
      const refused = await p.createAlert(alert(99)).catch(e => e);
      expect(Date.now() - started).toBeLessThan(500);
      expect(refused).toBeInstanceOf(VendorError);
      expect(refused.kind).toBe('busy');
      // every slot is taken: a status poll answers pending without calling Opsgenie
      expect(await p.waitForRequest('r', 5000)).toEqual({ state: 'pending' });
      release();
      await Promise.all(held);
    });
  });
});
