import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DateTime } from 'luxon';
import { IncidentQuery, OnCallApi } from '../../api';
import {
  componentEntity,
  emptyIncidentPage,
  incidentPage,
  stale,
} from '../../__testUtils__/fixtures';
import { HOSTILE_URL_KINDS } from '../../__testUtils__/hostileUrls';
import { linksTo, unsafeHrefs } from '../../__testUtils__/links';
import { expectShownCut, longValue } from '../../__testUtils__/longText';
import { renderWithMockApi } from '../../__testUtils__/render';
import * as states from '../../__testUtils__/states';
import { IncidentsContent } from './IncidentsContent';

jest.setTimeout(30_000);

/** Renders the tab on the component with the fixtures' API, save `methods`; returns the API. */
function show(methods?: Partial<OnCallApi>) {
  return renderWithMockApi(<IncidentsContent />, { methods });
}

/** How many days the window of an incident query spans. */
function windowDays(query: IncidentQuery | undefined): number {
  return DateTime.fromISO(query?.to ?? '').diff(
    DateTime.fromISO(query?.from ?? ''),
    'days',
  ).days;
}

describe('IncidentsContent', () => {
  it('lists incidents with severity, commander, Slack, retrospective, MTTA/MTTR and a chart', async () => {
    const api = await show();
    const title = await screen.findByRole('link', {
      name: /Card payments failing in EU/,
    });
    expect(title).toHaveAttribute(
      'href',
      'https://blameless.example.com/incidents/1',
    );
    expect(screen.getAllByText('SEV1').length).toBeGreaterThan(0);
    expect(
      screen.getByRole('link', { name: /#inc-1-card-payments/ }),
    ).toHaveAttribute('href', 'https://slack.example.com/archives/C1');
    expect(
      screen.getByRole('link', { name: /Margaret Hamilton/ }),
    ).toBeInTheDocument();
    expect(screen.getByText('In review')).toBeInTheDocument();
    expect(screen.getAllByText('1 h 35 min')).toHaveLength(2);
    expect(screen.getByText('4 min')).toBeInTheDocument();
    expect(screen.getByText(/^Ongoing/)).toBeInTheDocument();
    expect(
      screen.getByRole('figure', { name: 'Incidents per week by severity' }),
    ).toBeInTheDocument();
    const [, query] = api.getIncidents.mock.calls[0];
    expect(windowDays(query)).toBe(90);
  });

  it('marks a retrospective whose state is still being looked up', async () => {
    const page = incidentPage();
    const [looked, open] = page.items;
    const pending = {
      ...looked,
      id: 'inc-3',
      title: 'Old refund outage',
      retrospective: {
        status: 'not_started' as const,
        url: 'https://blameless.example.com/retro/3',
        pending: true as const,
      },
    };
    await show({
      getIncidents: jest.fn(async () =>
        incidentPage({ items: [looked, open, pending] }),
      ),
    });
    const row = (
      await screen.findByRole('link', { name: /Old refund outage/ })
    ).closest('tr')!;
    expect(within(row).getByText('checking…')).toBeInTheDocument();
    expect(within(row).getByText('Not started')).toBeInTheDocument();
    const settled = screen
      .getByRole('link', { name: /Card payments failing in EU/ })
      .closest('tr')!;
    expect(within(settled).getByText('In review')).toBeInTheDocument();
    expect(within(settled).queryByText('checking…')).not.toBeInTheDocument();
  });

  it('refetches with the chosen severities and time range', async () => {
    const api = await show();
    await screen.findByRole('link', { name: /Card payments failing in EU/ });
    const severity = screen.getByRole('group', { name: 'Severity' });
    fireEvent.click(within(severity).getByRole('button', { name: 'SEV1' }));
    fireEvent.click(within(severity).getByRole('button', { name: 'SEV0' }));
    await waitFor(() =>
      expect(api.getIncidents).toHaveBeenLastCalledWith(
        expect.anything(),
        expect.objectContaining({ severity: ['sev0', 'sev1'] }),
      ),
    );
    fireEvent.mouseDown(screen.getByRole('button', { name: /Time range/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'Last 7 days' }));
    await waitFor(() => {
      const [, query] =
        api.getIncidents.mock.calls[api.getIncidents.mock.calls.length - 1];
      expect(windowDays(query)).toBe(7);
    });
  });

  it('loads more through the cursor', async () => {
    const first = incidentPage({ nextCursor: 'page-2' });
    const second = incidentPage({
      items: [{ ...first.items[0], id: 'inc-3', title: 'Older refund outage' }],
    });
    const getIncidents = jest.fn(async (_ref, query) =>
      query?.cursor ? second : first,
    );
    await show({ getIncidents });
    fireEvent.click(await screen.findByRole('button', { name: 'Load more' }));
    expect(
      await screen.findByRole('link', { name: /Older refund outage/ }),
    ).toBeInTheDocument();
    expect(getIncidents).toHaveBeenLastCalledWith(
      expect.anything(),
      expect.objectContaining({ cursor: 'page-2' }),
    );
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();
  });

  it('says so when there are no incidents and shows the annotation to add', async () => {
    await show({
      getIncidents: jest.fn(async () => emptyIncidentPage()),
    });
    await states.expectNotConfigured(
      'No incidents in the last 90 days',
      'blameless.com/service: payments-api',
    );
  });

  it('warns about stale data', async () => {
    await show({
      getIncidents: jest.fn(async () => incidentPage({ freshness: stale() })),
    });
    await states.expectShown(
      /Showing data from 42 minutes ago — Opsgenie is failing/,
    );
  });

  it('shows an error with retry', async () => {
    const getIncidents = states.failsOnceThen(
      'Blameless unreachable',
      incidentPage(),
    );
    await show({ getIncidents });
    await states.expectRetryRecovers(/Blameless unreachable/, () =>
      screen.findByRole('link', { name: /Card payments failing in EU/ }),
    );
  });

  it.each(HOSTILE_URL_KINDS)(
    'keeps the tab and its data when the incident, Slack, retrospective and commander addresses are %j',
    async url => {
      const page = incidentPage();
      const [first] = page.items;
      first.url = url;
      first.slackChannel = { name: '#inc-1-card-payments', url };
      first.retrospective = { status: 'in_review', url };
      first.commander = { name: 'Margaret Hamilton', email: url };
      await show({ getIncidents: jest.fn(async () => page) });
      expect(
        await screen.findByRole('link', { name: /Checkout latency/ }),
      ).toHaveAttribute('href', 'https://blameless.example.com/incidents/2');
      expect(
        screen.getByText('Card payments failing in EU'),
      ).toBeInTheDocument();
      expect(screen.getByText('#inc-1-card-payments')).toBeInTheDocument();
      expect(screen.getByText('Margaret Hamilton')).toBeInTheDocument();
      expect(screen.getByText('In review')).toBeInTheDocument();
      expect(
        screen.getByRole('figure', { name: 'Incidents per week by severity' }),
      ).toBeInTheDocument();
      expect(linksTo(url)).toEqual([]);
      expect(unsafeHrefs()).toEqual([]);
      expect(
        screen.queryByRole('link', { name: /Card payments failing in EU/ }),
      ).not.toBeInTheDocument();
    },
  );

  it('shows 100 kB titles, channel names and commander names cut', async () => {
    const page = incidentPage();
    const [first] = page.items;
    const title = longValue('title-');
    const channel = longValue('channel-');
    const commander = longValue('commander-');
    first.title = title;
    first.slackChannel = {
      name: channel,
      url: 'https://slack.example.com/archives/C1',
    };
    first.commander = { name: commander };
    await show({ getIncidents: jest.fn(async () => page) });
    expect(
      await screen.findByRole('link', { name: /Checkout latency/ }),
    ).toBeInTheDocument();
    expectShownCut(title, 'title-');
    expectShownCut(channel, 'channel-');
    expectShownCut(commander, 'commander-');
  });

  it('cuts a 100 kB Blameless service in the empty state', async () => {
    const service = longValue('service-');
    await show({
      getIncidents: jest.fn(async () =>
        emptyIncidentPage({ services: [service] }),
      ),
    });
    await states.expectNotConfigured(
      'No incidents in the last 90 days',
      'blameless.com/service: payments-api',
    );
    expectShownCut(service, 'service-');
  });

  it('keeps the empty state short for an entity annotated with a 100 kB service', async () => {
    const service = longValue('service-');
    const entity = {
      ...componentEntity,
      metadata: {
        ...componentEntity.metadata,
        annotations: { 'blameless.com/service': service },
      },
    };
    await renderWithMockApi(<IncidentsContent />, {
      methods: {
        getIncidents: jest.fn(async () =>
          emptyIncidentPage({ services: [service] }),
        ),
      },
      entity,
    });
    await states.expectShown('No incidents in the last 90 days');
    expectShownCut(service, 'service-');
  });
});
