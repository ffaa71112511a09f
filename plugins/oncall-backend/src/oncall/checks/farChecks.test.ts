import {
  FAR_CHECKS_PER_RUN,
  FAR_CHECK_STEP_MS,
  FAR_CHECK_UNTIL_MS,
  FarCheckSweep,
} from './farChecks';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// a Sunday evening; runs every 2 minutes, the default refresh
const T0 = Date.parse('2026-11-29T18:01:00Z');

describe('FarCheckSweep', () => {
  it('asks about every 6-hour UTC instant between 12 hours and a week ahead within 7 runs, nearest first', () => {
    const sweep = new FarCheckSweep();
    const asked: Date[][] = [];
    for (let run = 0; run < 7; run++) {
      asked.push(sweep.next(new Date(T0 + run * 2 * MINUTE)));
    }
    expect(asked.every(a => a.length <= FAR_CHECKS_PER_RUN)).toBe(true);
    expect(asked[0].map(d => d.toISOString())).toEqual([
      '2026-11-30T12:00:00.000Z',
      '2026-11-30T18:00:00.000Z',
      '2026-12-01T00:00:00.000Z',
      '2026-12-01T06:00:00.000Z',
    ]);
    // six runs ask 24 different instants, the seventh the last two and the two oldest again
    const firstSix = asked.slice(0, 6).flat();
    expect(new Set(firstSix.map(d => d.getTime())).size).toBe(24);
    const all = [...new Set(asked.flat().map(d => d.getTime()))];
    expect(all.every(t => t % FAR_CHECK_STEP_MS === 0)).toBe(true);
    expect(Math.min(...all)).toBeGreaterThan(T0 + 12 * HOUR);
    expect(Math.max(...all)).toBeLessThanOrEqual(T0 + FAR_CHECK_UNTIL_MS);
    // the whole week: 26 instants, none left out
    expect(all).toHaveLength(26);
    expect(Math.max(...all)).toBe(Date.parse('2026-12-06T18:00:00Z'));
  });

  it('starts the sweep again with the instant checked longest ago, and takes new instants as the week moves on', () => {
    const sweep = new FarCheckSweep();
    for (let run = 0; run < 7; run++)
      sweep.next(new Date(T0 + run * 2 * MINUTE));
    // the seventh run asked the first run's first two again: the eighth asks its other two
    // and the second run's
    expect(
      sweep.next(new Date(T0 + 14 * MINUTE)).map(d => d.toISOString()),
    ).toEqual([
      '2026-12-01T00:00:00.000Z',
      '2026-12-01T06:00:00.000Z',
      '2026-12-01T12:00:00.000Z',
      '2026-12-01T18:00:00.000Z',
    ]);
    // six hours later the week reaches a new instant, never asked: it is among the next
    const later = sweep.next(new Date(T0 + 6 * HOUR));
    expect(later.map(d => d.toISOString())).toContain(
      '2026-12-07T00:00:00.000Z',
    );
    // and the instant now within 12 hours is no longer asked
    expect(later.map(d => d.toISOString())).not.toContain(
      '2026-11-30T12:00:00.000Z',
    );
  });
});
