import { DateTime } from 'luxon';
import { DAY_LABEL_WIDTH, dayLabels } from './timelineLabels';

function fortnight(startIso: string) {
  const start = DateTime.fromISO(startIso, { zone: 'UTC' });
  return Array.from({ length: 14 }, (_, i) => start.plus({ days: i }));
}

describe('dayLabels', () => {
  it('never lets two labels touch or one run past the axis, whatever the width and first weekday', () => {
    // 2026-11-23 is a Monday: the seven starts cover every weekday, Sunday 29 Nov included.
    for (let offset = 0; offset < 7; offset++) {
      const days = fortnight(`2026-11-${23 + offset}`);
      for (let width = 0; width <= 2_000; width += 7) {
        const labels = dayLabels(days, width);
        const lefts = labels.map(label => label.left);
        const gaps = lefts.slice(1).map((left, i) => left - lefts[i]);
        expect(Math.min(...lefts, 0)).toBe(0);
        expect(
          Math.max(...lefts, -Infinity) + DAY_LABEL_WIDTH,
        ).toBeLessThanOrEqual(Math.max(width, DAY_LABEL_WIDTH));
        expect(Math.min(...gaps, Infinity)).toBeGreaterThanOrEqual(
          DAY_LABEL_WIDTH,
        );
        expect(labels[0]?.day.equals(days[0]) ?? false).toBe(
          width >= DAY_LABEL_WIDTH,
        );
      }
    }
  });

  it('on a narrow card starting on a Sunday, keeps Sunday and skips the Monday next to it', () => {
    // The SRE Incident Commander card: about 220 px of axis, 16 px a day.
    const labels = dayLabels(fortnight('2026-11-29'), 220);
    expect(labels.map(label => label.text)).toEqual(['Sun 29', 'Mon 7']);
  });

  it('labels the first day and each Monday when a day is narrower than a label', () => {
    const labels = dayLabels(fortnight('2026-11-25'), 500);
    expect(labels.map(label => label.text)).toEqual([
      'Wed 25',
      'Mon 30',
      'Mon 7',
    ]);
  });

  it('labels every day when each day has room', () => {
    const labels = dayLabels(fortnight('2026-11-29'), 14 * DAY_LABEL_WIDTH);
    expect(labels).toHaveLength(14);
    expect(labels[1].text).toBe('Mon 30');
  });

  it('labels nothing on an axis too narrow for one label, or before it is measured', () => {
    expect(dayLabels(fortnight('2026-11-29'), DAY_LABEL_WIDTH - 1)).toEqual([]);
    expect(dayLabels(fortnight('2026-11-29'), 0)).toEqual([]);
  });
});
