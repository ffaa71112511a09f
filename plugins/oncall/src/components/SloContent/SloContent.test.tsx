import { DateTime } from 'luxon';
import { screen, within } from '@testing-library/react';
import { OnCallApi } from '../../api';
import {
  incidentPage,
  NOW,
  sloReport,
  stale,
} from '../../__testUtils__/fixtures';
import { HOSTILE_URL_KINDS } from '../../__testUtils__/hostileUrls';
import { linksTo, unsafeHrefs } from '../../__testUtils__/links';
import { expectShownCut, longValue } from '../../__testUtils__/longText';
import { renderWithMockApi } from '../../__testUtils__/render';
import * as states from '../../__testUtils__/states';
import { burnBand } from './burnRate';
import { SloContent } from './SloContent';

jest.setTimeout(30_000);

/** Renders the tab on the component with the fixtures' API, save `methods`; returns the API. */
function show(methods?: Partial<OnCallApi>) {
  return renderWithMockApi(<SloContent />, { methods });
}

describe('burnBand', () => {
  it('follows the multiwindow thresholds', () => {
    expect(burnBand(14.4)).toBe('critical');
    expect(burnBand(6)).toBe('high');
    expect(burnBand(1)).toBe('elevated');
    expect(burnBand(0.99)).toBe('ok');
    expect(burnBand(null)).toBe('no_data');
  });
});

/** The burn-down chart of the fixtures' SLO, once it has loaded. */
function findBurnDown() {
  return screen.findByRole('figure', {
    name: 'Error budget burn-down for Payments API availability',
  });
}

describe('SloContent', () => {
  it('shows each SLO with target, SLI, budget, burn rates, monitors and incidents on the chart', async () => {
    const overlay = incidentPage();
    overlay.items[0].startedAt = NOW.minus({ days: 3 }).toUTC().toISO() ?? '';
    const api = await show({ getIncidents: jest.fn(async () => overlay) });
    expect(
      await screen.findByRole('link', { name: /Payments API availability/ }),
    ).toHaveAttribute('href', 'https://app.datadoghq.com/slo?slo_id=slo-1');
    expect(screen.getByText('Warning')).toBeInTheDocument();
    expect(screen.getByText('99.9% over 30d')).toBeInTheDocument();
    expect(screen.getByText('99.93%')).toBeInTheDocument();
    expect(screen.getByText('42.5%')).toBeInTheDocument();
    const rates = screen.getByLabelText('Burn rates');
    for (const [rate, band] of [
      ['1h: 15.2×', 'critical'],
      ['6h: 6.5×', 'high'],
      ['3d: 0.4×', 'ok'],
    ]) {
      expect(
        within(rates).getByText(rate).closest('[data-band]'),
      ).toHaveAttribute('data-band', band);
    }
    // burn rates read with the SLI say nothing more
    expect(within(rates).queryByText(/as of/)).not.toBeInTheDocument();
    expect(screen.getByText('Alert: 1')).toBeInTheDocument();
    expect(screen.getByText('No data: 0')).toBeInTheDocument();
    expect(await findBurnDown()).toBeInTheDocument();
    await states.expectShown(
      /2 incidents in this window: SEV1 Card payments failing in EU .*; SEV3 Checkout latency/,
    );
    expect(api.getIncidents).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'payments-api' }),
      expect.objectContaining({
        from: expect.stringMatching(/T00:00:00.000Z$/),
      }),
    );
  });

  it('says how old the burn rates are when they were read before the SLI', async () => {
    const report = sloReport();
    report.items[0].burnRatesAsOf =
      DateTime.now().minus({ minutes: 7 }).toUTC().toISO() ?? '';
    await show({ getSlos: jest.fn(async () => report) });
    const rates = await screen.findByLabelText('Burn rates');
    expect(within(rates).getByText('as of 7 minutes ago')).toBeInTheDocument();
  });

  it('shows the tags to add when no SLO matches', async () => {
    await show({
      getSlos: jest.fn(async () =>
        sloReport({ items: [], monitors: undefined }),
      ),
    });
    await states.expectNotConfigured(
      'No SLOs found for service:payments-api',
      'datadoghq.com/slo-tags: service:payments-api,env:prod',
    );
  });

  it('keeps the SLOs when the incident overlay fails', async () => {
    await show({
      getIncidents: jest.fn(async () =>
        Promise.reject(new Error('Blameless down')),
      ),
    });
    await states.expectShown(
      /Incidents could not be loaded for the charts: Blameless down/,
    );
    expect(
      screen.getByRole('link', { name: /Payments API availability/ }),
    ).toBeInTheDocument();
  });

  it('warns about stale data', async () => {
    await show({
      getSlos: jest.fn(async () => sloReport({ freshness: stale() })),
    });
    await states.expectShown(/Showing data from 42 minutes ago/);
  });

  it('shows an error with retry', async () => {
    const getSlos = states.failsOnceThen('DataDog unreachable', sloReport());
    await show({ getSlos });
    await states.expectRetryRecovers(/DataDog unreachable/, () =>
      screen.findByRole('link', { name: /Payments API availability/ }),
    );
  });

  it.each(HOSTILE_URL_KINDS)(
    'keeps the tab and its data when the SLO and monitors addresses are %j',
    async url => {
      const report = sloReport();
      report.items[0].url = url;
      report.monitors!.url = url;
      await show({ getSlos: jest.fn(async () => report) });
      await states.expectShown('Payments API availability');
      expect(screen.getByText('Monitors (8)')).toBeInTheDocument();
      expect(screen.getByText('1h: 15.2×')).toBeInTheDocument();
      expect(await findBurnDown()).toBeInTheDocument();
      expect(linksTo(url)).toEqual([]);
      expect(unsafeHrefs()).toEqual([]);
      expect(
        screen.queryByRole('link', { name: /Open monitors in DataDog/ }),
      ).not.toBeInTheDocument();
    },
  );

  it('shows a 100 kB SLO name, description and vendor error cut', async () => {
    const name = longValue('slo-');
    const description = longValue('description-');
    const error = longValue('DataDog said ');
    const report = sloReport({ freshness: stale() });
    report.items[0].name = name;
    report.items[0].description = description;
    report.freshness.sources[0].lastError = {
      message: error,
      at: NOW.toISO() ?? '',
    };
    await show({ getSlos: jest.fn(async () => report) });
    await states.expectShown('Monitors (8)');
    expectShownCut(name, 'slo-');
    expectShownCut(description, 'description-');
    expectShownCut(error, 'DataDog said ');
  });

  it('cuts a 100 kB tag query in the not-configured panel', async () => {
    const query = longValue('service:');
    await show({
      getSlos: jest.fn(async () => sloReport({ items: [], query })),
    });
    await states.expectShown(/^No SLOs found for service:x+…$/);
    expectShownCut(query, 'service:');
  });
});
