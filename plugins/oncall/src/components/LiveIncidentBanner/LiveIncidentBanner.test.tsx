import { act, screen, waitFor, within } from '@testing-library/react';
import { SignalApi } from '@backstage/plugin-signals-react';
import {
  Incident,
  IncidentPage,
} from '@oncall-for-backstage/plugin-oncall-common';
import { DateTime } from 'luxon';
import {
  componentEntity,
  groupEntity,
  incidentPage,
  mockOnCallApi,
  stale,
} from '../../__testUtils__/fixtures';
import { renderWithEntity } from '../../__testUtils__/render';
import { LiveIncidentBanner } from './LiveIncidentBanner';
import * as states from '../../__testUtils__/states';

jest.setTimeout(30_000);

/** A listener of the signal API, and the message it takes. */
type Listener = Parameters<SignalApi['subscribe']>[1];
type Message = Parameters<Listener>[0];

/** A signal API the test pushes messages through. */
function fakeSignals() {
  const listeners = new Map<string, Listener[]>();
  const api: SignalApi = {
    subscribe: (channel, onMessage) => {
      const listener = onMessage as Listener;
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      return {
        unsubscribe: () =>
          listeners.set(
            channel,
            (listeners.get(channel) ?? []).filter(l => l !== listener),
          ),
      };
    },
  };
  const send = (channel: string, message: Message) =>
    act(() => listeners.get(channel)?.forEach(l => l(message)));
  return { api, send, channels: () => [...listeners.keys()] };
}

const openIncident: Incident = {
  id: 'inc-9',
  title: 'Card payments failing at checkout',
  severity: 'sev1',
  status: 'investigating',
  startedAt: DateTime.now().minus({ minutes: 12 }).toUTC().toISO()!,
  commander: { name: 'Grace Hopper', email: 'grace.hopper@example.com' },
  slackChannel: {
    name: '#inc-9-card-payments',
    url: 'https://slack.example.com/archives/C9',
  },
  retrospective: {
    status: 'not_started',
    url: 'https://blameless.example.com/retro/9',
  },
  services: ['checkout', 'payments-api'],
  url: 'https://blameless.example.com/incidents/9',
};

function page(items: Incident[], overrides: Partial<IncidentPage> = {}) {
  return incidentPage({
    items,
    stats: {
      count: items.length,
      bySeverity: { sev0: 0, sev1: items.length, sev2: 0, sev3: 0 },
    },
    ...overrides,
  });
}

describe('LiveIncidentBanner', () => {
  it('asks for the open incidents only and shows nothing while none is open', async () => {
    const api = mockOnCallApi({ getIncidents: jest.fn(async () => page([])) });
    await renderWithEntity(<LiveIncidentBanner />, { api });
    await waitFor(() => expect(api.getIncidents).toHaveBeenCalled());
    expect(api.getIncidents.mock.calls[0][1]).toEqual({
      status: ['investigating', 'identified', 'monitoring'],
      limit: 10,
    });
    await waitFor(() =>
      expect(screen.queryByRole('progressbar')).not.toBeInTheDocument(),
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows severity, title, age, IC, Slack and the retrospective of an open incident', async () => {
    const api = mockOnCallApi({
      getIncidents: jest.fn(async () => page([openIncident])),
    });
    await renderWithEntity(<LiveIncidentBanner />, { api });
    const banner = await screen.findByRole('alert', { name: 'Open incidents' });
    expect(within(banner).getByText('SEV1')).toBeInTheDocument();
    expect(
      within(banner).getByRole('link', { name: /Card payments failing/ }),
    ).toHaveAttribute('href', 'https://blameless.example.com/incidents/9');
    expect(within(banner).getByText(/open for 12 minutes/)).toBeInTheDocument();
    expect(within(banner).getByText('IC: Grace Hopper')).toBeInTheDocument();
    expect(
      within(banner).getByRole('link', { name: /#inc-9-card-payments/ }),
    ).toHaveAttribute('href', 'https://slack.example.com/archives/C9');
    expect(
      within(banner).getByRole('link', { name: /Retrospective/ }),
    ).toHaveAttribute('href', 'https://blameless.example.com/retro/9');
    // a Component page does not repeat its own service
    expect(within(banner).queryByText(/Affected:/)).not.toBeInTheDocument();
  });

  it('names the affected services on a Group page', async () => {
    const api = mockOnCallApi({
      getIncidents: jest.fn(async () => page([openIncident])),
    });
    await renderWithEntity(<LiveIncidentBanner />, {
      api,
      entity: groupEntity,
    });
    await states.expectShown('Affected: checkout, payments-api');
  });

  it('appears and disappears on a signal, without a reload', async () => {
    const signals = fakeSignals();
    const getIncidents = jest
      .fn()
      .mockResolvedValueOnce(page([]))
      .mockResolvedValueOnce(page([openIncident]))
      .mockResolvedValueOnce(page([]));
    const api = mockOnCallApi({ getIncidents });
    await renderWithEntity(<LiveIncidentBanner />, {
      api,
      signals: signals.api,
    });
    await waitFor(() => expect(getIncidents).toHaveBeenCalledTimes(1));
    const channel = 'oncall:incidents:component:default/payments-api';
    await waitFor(() => expect(signals.channels()).toContain(channel));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    signals.send(channel, {
      entityRef: 'component:default/payments-api',
      openIncidents: 1,
      changedAt: new Date().toISOString(),
    });
    expect(
      await screen.findByRole('alert', { name: 'Open incidents' }),
    ).toBeInTheDocument();

    signals.send(channel, {
      entityRef: 'component:default/payments-api',
      openIncidents: 0,
      changedAt: new Date().toISOString(),
    });
    await waitFor(() =>
      expect(screen.queryByRole('alert')).not.toBeInTheDocument(),
    );
    expect(getIncidents).toHaveBeenCalledTimes(3);
  });

  it('shows a progress bar while loading', async () => {
    const api = mockOnCallApi({
      getIncidents: jest.fn(() => new Promise<IncidentPage>(() => {})),
    });
    await renderWithEntity(<LiveIncidentBanner />, { api });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('offers a retry when the backend fails', async () => {
    const api = mockOnCallApi({
      getIncidents: jest
        .fn()
        .mockRejectedValueOnce(new Error('HTTP 503 from the on-call backend'))
        .mockResolvedValue(page([openIncident])),
    });
    await renderWithEntity(<LiveIncidentBanner />, { api });
    await states.expectShown(/Could not check for open incidents/);
    act(() => screen.getByRole('button', { name: 'Retry' }).click());
    expect(
      await screen.findByRole('alert', { name: 'Open incidents' }),
    ).toBeInTheDocument();
  });

  it('marks stale data, with or without incidents', async () => {
    const api = mockOnCallApi({
      getIncidents: jest
        .fn()
        .mockResolvedValue(page([openIncident], { freshness: stale() })),
    });
    await renderWithEntity(<LiveIncidentBanner />, { api });
    await states.expectShown(/Incident data from 42 minutes ago/);

    api.getIncidents.mockResolvedValue(page([], { freshness: stale() }));
    await renderWithEntity(<LiveIncidentBanner />, {
      api,
      entity: componentEntity,
    });
    await states.expectShown(/No open incidents known/);
  });

  it('says how to configure incidents when they were never synced', async () => {
    const api = mockOnCallApi({
      getIncidents: jest.fn(async () =>
        page([], {
          freshness: {
            stale: true,
            sources: [{ source: 'blameless', stale: true }],
          },
        }),
      ),
    });
    await renderWithEntity(<LiveIncidentBanner />, { api });
    await states.expectShown(/incidents have never been synced/);
  });
});
