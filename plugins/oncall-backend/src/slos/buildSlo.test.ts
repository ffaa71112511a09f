import { buildSlo } from './buildSlo';
import { StoredSlo, StoredSloDay } from './SloStore';

const slo = (timeframe: string, target = 99): StoredSlo => ({
  id: 'slo-1',
  name: 'checkout availability',
  tags: ['service:checkout-api'],
  target,
  timeframe,
  url: 'https://app.datadoghq.com/slo?slo_id=slo-1',
  sli: 99.5,
  sli1h: 100,
  sli6h: 99,
  sli3d: 98,
  asOf: new Date('2026-11-27T00:00:00Z'),
});

const day = (iso: string, sli?: number): StoredSloDay => ({
  day: iso,
  sli,
  complete: true,
});

describe('buildSlo', () => {
  it('estimates each day’s budget from the mean SLI of the timeframe ending that day', () => {
    const report = buildSlo(slo('2d'), [
      day('2026-11-01', 99.5),
      day('2026-11-02'),
      day('2026-11-03', 98.5),
      day('2026-11-04', 99.5),
    ]);
    expect(report.history.map(p => [p.date, p.errorBudgetRemaining])).toEqual([
      ['2026-11-01', expect.closeTo(50, 9)],
      // a day without data keeps the window's other day
      ['2026-11-02', expect.closeTo(50, 9)],
      ['2026-11-03', expect.closeTo(-50, 9)],
      ['2026-11-04', expect.closeTo(0, 9)],
    ]);
    expect(report.history[1].sli).toBeUndefined();
  });

  it('leaves the budget empty while the window has no data, and skips missing days', () => {
    const report = buildSlo(slo('7d'), [
      day('2026-11-01'),
      day('2026-11-02'),
      // 2026-11-03..09 were never stored
      day('2026-11-10', 99),
      day('2026-11-17', 100),
    ]);
    expect(report.history.map(p => p.errorBudgetRemaining)).toEqual([
      undefined,
      undefined,
      expect.closeTo(0, 9),
      // 2026-11-10 is outside the 7 days ending 2026-11-17
      expect.closeTo(100, 9),
    ]);
  });

  it('matches a day-by-day recomputation on 90 days of 30-day windows, in the given order', () => {
    const days: StoredSloDay[] = [];
    for (let i = 0; i < 90; i++) {
      const iso = new Date(Date.UTC(2026, 7, 30) + i * 86_400_000)
        .toISOString()
        .slice(0, 10);
      days.push(day(iso, i % 7 === 3 ? undefined : 99 + ((i * 37) % 10) / 10));
    }
    const shuffled = [...days.slice(45), ...days.slice(0, 45)];
    const report = buildSlo(slo('30d', 99.5), shuffled);
    shuffled.forEach((d, k) => {
      const end = Date.parse(`${d.day}T00:00:00Z`);
      const inWindow = days.filter(other => {
        const t = Date.parse(`${other.day}T00:00:00Z`);
        return t <= end && t > end - 30 * 86_400_000 && other.sli !== undefined;
      });
      const mean =
        inWindow.reduce((sum, other) => sum + (other.sli ?? 0), 0) /
        inWindow.length;
      expect(report.history[k].date).toBe(d.day);
      expect(report.history[k].errorBudgetRemaining).toBeCloseTo(
        100 * (1 - (100 - mean) / 0.5),
        6,
      );
    });
  });
  it('ends the chart on the SLO’s current budget: the day in progress is not a whole day', () => {
    const report = buildSlo(slo('2d'), [
      day('2026-11-26', 99.5),
      // today so far: a bad morning that would weigh as much as a whole day
      { day: '2026-11-27', sli: 95, complete: false },
    ]);
    // the SLO's SLI over its timeframe is 99.5 → 50 % of the budget left
    expect(report.errorBudgetRemaining).toBeCloseTo(50, 9);
    expect(report.history.map(p => p.errorBudgetRemaining)).toEqual([
      expect.closeTo(50, 9),
      expect.closeTo(50, 9),
    ]);
    expect(report.history[1].sli).toBe(95);

    // without a current SLI the estimate stays
    const unknown = buildSlo({ ...slo('2d'), sli: undefined }, [
      day('2026-11-26', 99.5),
      { day: '2026-11-27', sli: 99, complete: false },
    ]);
    expect(unknown.history[1].errorBudgetRemaining).toBeCloseTo(25, 9);
  });
});
