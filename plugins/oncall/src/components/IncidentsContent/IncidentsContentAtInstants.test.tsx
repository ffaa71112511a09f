import { Incident } from '@oncall-for-backstage/plugin-oncall-common';
import { PINNED_INSTANTS } from '@oncall-for-backstage/plugin-oncall-common/testing';
import { screen } from '@testing-library/react';
import { DateTime, Settings } from 'luxon';
import { pinClockForEachTest } from '../../__testUtils__/clock';
import { incidentPage, mockOnCallApi } from '../../__testUtils__/fixtures';
import { renderWithEntity } from '../../__testUtils__/render';
import { weeklyBuckets } from './IncidentsChart';
import { IncidentsContent } from './IncidentsContent';
import * as states from '../../__testUtils__/states';

jest.setTimeout(60_000);

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;
const VIEWERS = ['UTC', 'America/New_York', 'Europe/Berlin'];

const iso = (ms: number) => new Date(ms).toISOString();

/** `d MMM` of the Monday starting the viewer's week that holds `ms`, from the platform's Intl. */
function viewerWeekLabel(ms: number, zone: string): string {
  const weekday = (at: number) =>
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      weekday: 'short',
    }).format(new Date(at));
  let monday = ms;
  while (weekday(monday) !== 'Mon') {
    monday -= 6 * 3_600_000;
  }
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    day: 'numeric',
    month: 'short',
  }).format(new Date(monday));
}

describe.each(PINNED_INSTANTS)('the Incidents tab at $label', ({ at }) => {
  // 20 seconds into the minute: an incident opened 10 seconds ago is part of "the last 90 days"
  const t = Date.parse(at) + 20 * SECOND;
  pinClockForEachTest(t);

  it.each(VIEWERS)(
    'asks for the last 90 days up to now, the same 90 × 24 hours wherever the viewer is (%s)',
    async viewer => {
      Settings.defaultZone = viewer;
      const justOpened: Incident = {
        id: 'inc-9',
        title: 'Checkout errors',
        severity: 'sev1',
        status: 'investigating',
        startedAt: iso(t - 10 * SECOND),
        url: 'https://blameless.example.com/incidents/9',
      };
      const api = mockOnCallApi({
        getIncidents: jest.fn(async () =>
          incidentPage({
            items: [justOpened],
            stats: {
              count: 1,
              bySeverity: { sev0: 0, sev1: 1, sev2: 0, sev3: 0 },
            },
          }),
        ),
      });
      await renderWithEntity(<IncidentsContent />, { api });
      await states.expectShown('Checkout errors');
      expect(screen.getByText('Ongoing (0 min)')).toBeInTheDocument();
      const query = api.getIncidents.mock.calls[0][1];
      expect([query?.from, query?.to]).toEqual([iso(t - 90 * DAY), iso(t)]);
    },
  );

  it.each(VIEWERS)(
    'counts each incident in the viewer’s week, Monday to Sunday on their clock (%s)',
    viewer => {
      Settings.defaultZone = viewer;
      const starts = [t - 10 * SECOND, t - 3 * DAY, t - 8 * DAY];
      const items: Incident[] = starts.map((start, i) => ({
        id: `inc-${i}`,
        title: `Incident ${i}`,
        severity: 'sev2',
        status: 'resolved',
        startedAt: iso(start),
        url: `https://blameless.example.com/incidents/${i}`,
      }));
      const rows = weeklyBuckets(
        items,
        DateTime.fromMillis(t - 14 * DAY),
        DateTime.fromMillis(t),
      );
      const expected = new Map<string, number>();
      for (const start of starts) {
        const label = viewerWeekLabel(start, viewer);
        expected.set(label, (expected.get(label) ?? 0) + 1);
      }
      expect(
        new Map(
          rows
            .filter(row => Number(row.sev2) > 0)
            .map(row => [row.week, Number(row.sev2)]),
        ),
      ).toEqual(expected);
      // every week of the window has a bar, the current one last
      expect(rows[rows.length - 1].week).toBe(viewerWeekLabel(t, viewer));
    },
  );
});
