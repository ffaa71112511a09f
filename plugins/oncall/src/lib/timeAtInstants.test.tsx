import { PINNED_INSTANTS } from '@oncall-for-backstage/plugin-oncall-common/testing';
import { Shift } from '@oncall-for-backstage/plugin-oncall-common';
import { render, screen, within } from '@testing-library/react';
import { Settings } from 'luxon';
import { pinClockForEachTest } from '../__testUtils__/clock';
import { UpcomingTimeline } from '../components/OnCallContent/UpcomingTimeline';
import { DAY_LABEL_WIDTH } from '../components/OnCallContent/timelineLabels';
import { formatAge, formatRelative, formatShiftTime } from './time';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const VIEWERS = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata'];

const iso = (ms: number) => new Date(ms).toISOString();

// jsdom lays nothing out: the timeline is measured as wide enough to label every day
jest.mock('react-use/esm/useMeasure', () => ({
  __esModule: true,
  default: () => [() => undefined, { width: 14 * DAY_LABEL_WIDTH }],
}));

/** Parts of an instant on a viewer's clock, from the platform's Intl (not luxon). */
function wallClock(ms: number, zone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(new Date(ms));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find(p => p.type === type)?.value ?? '';
  return {
    weekday: part('weekday'),
    day: part('day'),
    month: part('month'),
    year: part('year'),
    time: `${part('hour')}:${part('minute')}`,
    zone: part('timeZoneName'),
  };
}

/** Midnight starting the viewer's calendar day that holds `ms`. */
function startOfViewerDay(ms: number, zone: string): number {
  const { time } = wallClock(ms, zone);
  const [h, m] = time.split(':').map(Number);
  let start = ms - (h * HOUR + m * MINUTE) - (ms % MINUTE);
  // across a clock change the wall clock and elapsed time differ by the change
  while (wallClock(start, zone).time !== '00:00') {
    start += wallClock(start, zone).time < '12:00' ? -HOUR : HOUR;
  }
  return start;
}

describe.each(PINNED_INSTANTS)(
  'time as the viewer reads it at $label',
  ({ at }) => {
    const t = Date.parse(at);
    pinClockForEachTest(t);

    it.each(VIEWERS)(
      'says how far away a moment is in minutes, then hours up to two days, then days (viewer in %s)',
      viewer => {
        Settings.defaultZone = viewer;
        const phrases: Array<[number, string]> = [
          [20_000, 'in less than a minute'],
          [MINUTE, 'in 1 minute'],
          [59 * MINUTE, 'in 59 minutes'],
          [90 * MINUTE, 'in 2 hours'],
          [31 * HOUR, 'in 31 hours'],
          [47 * HOUR, 'in 47 hours'],
          [54 * HOUR, 'in 2 days'],
          [7 * DAY + 4 * HOUR, 'in 7 days'],
          [-3 * HOUR, '3 hours ago'],
          [-50 * HOUR, '2 days ago'],
        ];
        expect(
          phrases.map(([offset]) => formatRelative(iso(t + offset))),
        ).toEqual(phrases.map(([, phrase]) => phrase));
        expect(formatAge(iso(t - 42 * MINUTE))).toBe('42 minutes');
      },
    );

    it.each(VIEWERS)(
      'names a shift end by weekday, time and zone on the viewer’s clock at that moment (%s)',
      viewer => {
        Settings.defaultZone = viewer;
        for (const offset of [
          MINUTE,
          30 * HOUR,
          5 * DAY,
          6 * DAY + HOUR,
          13 * DAY,
        ]) {
          const end = t + offset;
          const w = wallClock(end, viewer);
          const expected =
            offset < 6 * DAY
              ? `${w.weekday} ${w.time} ${w.zone}`
              : `${w.weekday} ${w.day} ${w.month} ${w.time} ${w.zone}`;
          expect(formatShiftTime(iso(end))).toBe(expected);
        }
      },
    );

    it.each(VIEWERS)(
      'labels the 14-day timeline with the viewer’s 14 days from today, 23- and 25-hour days included (%s)',
      viewer => {
        Settings.defaultZone = viewer;
        const today = startOfViewerDay(t, viewer);
        const labels: string[] = [];
        for (let day = today, i = 0; i < 14; i++) {
          const w = wallClock(day, viewer);
          labels.push(`${w.weekday} ${w.day}`);
          // the next local midnight, 23 to 25 hours on
          day = startOfViewerDay(day + 26 * HOUR, viewer);
        }
        const shifts: Shift[] = [
          {
            role: 'primary',
            rotation: 'primary',
            responder: { name: 'Ada Lovelace' },
            start: iso(t),
            end: iso(t + 3 * DAY),
          },
        ];
        render(<UpcomingTimeline shifts={shifts} />);
        const figure = screen.getByRole('figure', { name: 'Upcoming 14 days' });
        expect(
          Array.from(figure.querySelectorAll('[data-day-label]')).map(
            label => label.textContent,
          ),
        ).toEqual(labels);
        expect(
          within(figure).getByLabelText(
            `Ada Lovelace: ${formatShiftTime(iso(t))} – ${formatShiftTime(
              iso(t + 3 * DAY),
            )}`,
          ),
        ).toBeInTheDocument();
      },
    );
  },
);
