import { ResponseError } from '@backstage/errors';
import { fireEvent, screen } from '@testing-library/react';
import { Settings } from 'luxon';
import { OnCallApi } from '../../api';
import {
  componentEntity,
  onCallSummary,
  onCallSummaryWithLongNames,
  stale,
  unmappedOnCallSummary,
  unmappedOnCallSummaryWithLongHint,
} from '../../__testUtils__/fixtures';
import { restoreViewerZoneAfterEach } from '../../__testUtils__/clock';
import { HOSTILE_URL_KINDS } from '../../__testUtils__/hostileUrls';
import { linksTo, unsafeHrefs } from '../../__testUtils__/links';
import { expectShownCut } from '../../__testUtils__/longText';
import { renderWithMockApi } from '../../__testUtils__/render';
import * as states from '../../__testUtils__/states';
import { OnCallContent } from './OnCallContent';

jest.setTimeout(30_000);

/** Renders the tab on the component with the fixtures' API, save `methods`; returns the API. */
function show(methods?: Partial<OnCallApi>) {
  return renderWithMockApi(<OnCallContent />, { methods });
}

describe('OnCallContent', () => {
  restoreViewerZoneAfterEach();

  it('shows the escalation chain in the org terms, the IC and how it was resolved', async () => {
    const api = await show();
    await states.expectShown('Secondary after 10 min');
    expect(screen.getAllByText('Primary').length).toBeGreaterThan(0);
    expect(screen.getByText('Whole team after 20 min')).toBeInTheDocument();
    expect(screen.getAllByText('Ada Lovelace').length).toBeGreaterThan(0);
    expect(
      screen.getAllByRole('link', { name: /ada\.lovelace@example\.com/ })[0],
    ).toHaveAttribute('href', 'mailto:ada.lovelace@example.com');
    expect(screen.getByText('SRE Incident Commander')).toBeInTheDocument();
    expect(screen.getByText('Margaret Hamilton')).toBeInTheDocument();
    expect(
      screen.getByText(/via owner payments → parent commerce/),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Kibana logs/ })).toHaveAttribute(
      'href',
      'https://kibana.example.com/app/logs?service=payments-api',
    );
    expect(
      screen.getByRole('link', { name: /DataDog dashboard/ }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Opsgenie schedule payments_schedule/ }),
    ).toHaveAttribute(
      'href',
      'https://example.app.opsgenie.com/schedule/sched-1',
    );
    expect(
      screen.getByRole('figure', { name: 'Upcoming 14 days' }),
    ).toBeInTheDocument();
    expect(api.getOnCall).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'payments-api',
    });
  });

  it('shows shift ends and the next handoff in the viewer time zone', async () => {
    Settings.defaultZone = 'America/New_York';
    const summary = onCallSummary();
    summary.rotations[0].nextHandoff = '2026-07-03T13:00:00Z';
    summary.rotations[0].levels[0].responders[0].shiftEnd =
      '2026-07-03T13:00:00Z';
    await show({ getOnCall: jest.fn(async () => summary) });
    await states.expectShown(/Times in your time zone: America\/New_York/);
    expect(
      screen.getAllByText(/Fri 3 Jul 09:00 EDT/).length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('explains a missing mapping with the exact annotation to add', async () => {
    await show({
      getOnCall: jest.fn(async () =>
        unmappedOnCallSummary({
          reason: 'Neither growth nor its parents map to an Opsgenie team.',
          annotation: { key: 'opsgenie.com/team', value: 'growth' },
        }),
      ),
    });
    await states.expectNotConfigured(
      'No on-call rotation found',
      'opsgenie.com/team: growth',
    );
    expect(
      screen.getByText(/Neither growth nor its parents/),
    ).toBeInTheDocument();
  });

  it('warns when the data is stale and names the failing vendor', async () => {
    await show({
      getOnCall: jest.fn(async () => onCallSummary({ freshness: stale() })),
    });
    await states.expectShown(
      'Showing data from 42 minutes ago — Opsgenie is failing: HTTP 503 from Opsgenie',
    );
    expect(screen.getByText('Secondary after 10 min')).toBeInTheDocument();
  });

  it('shows a readable error and retries', async () => {
    const failure = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'Error', message: 'Backend down' },
          response: { statusCode: 500 },
        }),
        {
          status: 500,
          headers: { 'Content-Type': 'application/json' },
        },
      ),
    );
    const getOnCall = states.failsOnceThen(failure, onCallSummary());
    await show({ getOnCall });
    await states.expectRetryRecovers(/Backend down/, () =>
      screen.findByText('Secondary after 10 min'),
    );
    expect(getOnCall).toHaveBeenCalledTimes(2);
  });

  it('pages the on-call with a validated message and shows the request id', async () => {
    const api = await show();
    fireEvent.click(
      await screen.findByRole('button', { name: /Page on-call/ }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(screen.getByRole('button', { name: 'Page' }));
    await states.expectShown('A message is required');
    const message = screen.getByRole('textbox', { name: /Message/ });
    fireEvent.change(message, { target: { value: 'x'.repeat(131) } });
    expect(
      screen.getByText('At most 130 characters (131)'),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Page' }));
    expect(api.pageOnCall).not.toHaveBeenCalled();
    fireEvent.change(message, { target: { value: 'Payments failing in EU' } });
    fireEvent.click(screen.getByRole('button', { name: 'Page' }));
    await states.expectShown('req-42');
    expect(dialog).toHaveTextContent('Page sent to payments-team');
    expect(api.pageOnCall).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'payments-api' },
      { message: 'Payments failing in EU', priority: 'P3' },
    );
  });

  it.each([
    {
      why: 'the backend reason when paging is refused',
      failure: () =>
        ResponseError.fromResponse(
          new Response(
            JSON.stringify({
              error: {
                name: 'ServiceUnavailableError',
                message: 'Opsgenie is unavailable',
              },
              response: { statusCode: 503 },
            }),
            { status: 503, headers: { 'Content-Type': 'application/json' } },
          ),
        ),
      shown: 'Paging failed: Opsgenie is unavailable (503)',
    },
    {
      why: 'why paging failed',
      failure: async () => new Error('Not allowed'),
      shown: 'Paging failed: Not allowed',
    },
  ])('shows $why', async ({ failure, shown }) => {
    const error = await failure();
    await show({
      pageOnCall: jest.fn(async () => Promise.reject(error)),
    });
    fireEvent.click(
      await screen.findByRole('button', { name: /Page on-call/ }),
    );
    fireEvent.change(await screen.findByRole('textbox', { name: /Message/ }), {
      target: { value: 'Help' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Page' }));
    await states.expectShown(shown);
  });

  it.each(HOSTILE_URL_KINDS)(
    'keeps the tab and its data when every address is %j, linking none of them',
    async url => {
      const summary = onCallSummary();
      summary.rotations[0].schedule.url = url;
      summary.rotations[0].levels[0].responders[0].email = url;
      summary.incidentCommander!.schedule.url = url;
      const entity = {
        ...componentEntity,
        metadata: {
          ...componentEntity.metadata,
          annotations: {
            'kibana.com/dashboard-url': url,
            'datadoghq.com/dashboard-url': url,
          },
        },
      };
      await renderWithMockApi(<OnCallContent />, {
        methods: { getOnCall: jest.fn(async () => summary) },
        entity,
      });
      await states.expectShown('Secondary after 10 min');
      expect(screen.getByText('payments_schedule')).toBeInTheDocument();
      expect(screen.getByText('SRE Incident Commander')).toBeInTheDocument();
      expect(screen.getAllByText('Ada Lovelace').length).toBeGreaterThan(0);
      expect(
        screen.getAllByRole('link', { name: /grace\.hopper@example\.com/ })[0],
      ).toHaveAttribute('href', 'mailto:grace.hopper@example.com');
      expect(linksTo(url)).toEqual([]);
      expect(unsafeHrefs()).toEqual([]);
      expect(
        screen.queryByRole('link', { name: /Kibana logs/ }),
      ).not.toBeInTheDocument();
      expect(
        screen.queryByRole('link', { name: /Opsgenie schedule/ }),
      ).not.toBeInTheDocument();
    },
  );

  it('shows a 100 kB team name and schedule name cut, with the rest of the tab', async () => {
    const { summary, team, schedule } = onCallSummaryWithLongNames();
    await show({ getOnCall: jest.fn(async () => summary) });
    await states.expectShown('Secondary after 10 min');
    expectShownCut(team, 'team-');
    expectShownCut(schedule, 'schedule-');
  });

  it('shows a 100 kB reason and annotation hint cut in the not-configured panel', async () => {
    const { summary, reason, hint } = unmappedOnCallSummaryWithLongHint(
      'No Opsgenie team named ',
    );
    await show({ getOnCall: jest.fn(async () => summary) });
    await states.expectNotConfigured(
      'No on-call rotation found',
      'opsgenie.com/team: hint-x',
    );
    expectShownCut(reason, 'No Opsgenie team named ');
    expectShownCut(hint, 'hint-');
  });
});
