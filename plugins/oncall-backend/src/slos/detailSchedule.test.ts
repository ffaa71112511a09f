import {
  SLO_HISTORY_PER_MINUTE,
  detailMaxAgeMs,
  isDetailDue,
  stableFraction,
} from './detailSchedule';

const MINUTE = 60_000;
const MAX_AGE = 10 * MINUTE;
const T0 = Date.UTC(2026, 10, 20, 12);
const ids = Array.from({ length: 1000 }, (_, i) => `slo-${i}`);

/** Runs every `periodMs` after all SLOs were read at T0; per run, how many were due. */
function simulate(periodMs: number, runs: number, maxAgeMs = MAX_AGE) {
  const refreshed = new Map(ids.map(id => [id, T0]));
  const perRun: number[] = [];
  let maxAge = 0;
  for (let k = 1; k <= runs; k++) {
    const now = T0 + k * periodMs;
    let due = 0;
    for (const id of ids) {
      const last = refreshed.get(id)!;
      if (
        isDetailDue(id, new Date(last), new Date(now), maxAgeMs, periodMs / 2)
      ) {
        refreshed.set(id, now);
        due += 1;
      } else {
        maxAge = Math.max(maxAge, now - last);
      }
    }
    perRun.push(due);
  }
  return { perRun, maxAge };
}

describe('isDetailDue', () => {
  it('is due without a read, never before half the max age, always at the max age', () => {
    const at = new Date(T0);
    expect(isDetailDue('a', undefined, at, MAX_AGE)).toBe(true);
    for (const id of ids) {
      expect(isDetailDue(id, at, new Date(T0 + MAX_AGE / 2 - 1), MAX_AGE)).toBe(
        false,
      );
      expect(isDetailDue(id, at, new Date(T0 + MAX_AGE), MAX_AGE)).toBe(true);
    }
  });

  it('spreads the reads after a full read over the runs of the following max age, and keeps them spread', () => {
    // runs every 5 minutes (the default schedule) with a 10-minute max age
    const { perRun, maxAge } = simulate(5 * MINUTE, 12);
    for (const due of perRun) {
      expect(due).toBeGreaterThan(400);
      expect(due).toBeLessThan(600);
    }
    expect(perRun.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(6 * 1000);
    expect(maxAge).toBeLessThan(MAX_AGE);

    // runs every minute: about a tenth per run, none older than the max age
    const minutely = simulate(MINUTE, 40);
    expect(minutely.perRun.slice(0, 4)).toEqual([0, 0, 0, 0]);
    // spread over the second half of the max age, not half of them at its middle
    expect(Math.max(...minutely.perRun)).toBeLessThan(300);
    for (const due of minutely.perRun.slice(10)) {
      expect(due).toBeLessThan(200);
    }
    expect(minutely.maxAge).toBeLessThan(MAX_AGE);
  });

  it('hashes each id to a stable fraction in [0, 1)', () => {
    const fractions = ids.map(stableFraction);
    expect(fractions.every(f => f >= 0 && f < 1)).toBe(true);
    expect(stableFraction('slo-1')).toBe(stableFraction('slo-1'));
    expect(fractions.filter(f => f < 0.5).length).toBeGreaterThan(400);
    expect(fractions.filter(f => f < 0.5).length).toBeLessThan(600);
  });
});

describe('detailMaxAgeMs', () => {
  it('keeps the configured max age while the SLOs fit the history-read budget, raises it beyond', () => {
    expect(SLO_HISTORY_PER_MINUTE).toBe(900);
    // DataDog's 900 a minute: 2,250 SLOs × 2 reads per 10 minutes is half of it
    expect(detailMaxAgeMs(MAX_AGE, 100)).toBe(MAX_AGE);
    expect(detailMaxAgeMs(MAX_AGE, 2_250)).toBe(MAX_AGE);
    expect(detailMaxAgeMs(MAX_AGE, 2_251)).toBeGreaterThan(MAX_AGE);
    expect(detailMaxAgeMs(MAX_AGE, 10_000) / MINUTE).toBeCloseTo(44.4, 1);
    expect(detailMaxAgeMs(MAX_AGE, 40_000) / MINUTE).toBeCloseTo(177.8, 1);
    // a configured budget of a third: three times as long
    expect(detailMaxAgeMs(MAX_AGE, 10_000, 300) / MINUTE).toBeCloseTo(133.3, 1);
    // a longer configured age stays
    expect(detailMaxAgeMs(240 * MINUTE, 40_000)).toBe(240 * MINUTE);
  });

  it('keeps the reads after a full pass at the budget and in steady state at half of it', () => {
    // 1,000 SLOs, 100 history reads a minute: 40 minutes
    const readsPerMinute = 100;
    const maxAgeMs = detailMaxAgeMs(MAX_AGE, ids.length, readsPerMinute);
    expect(maxAgeMs).toBe(40 * MINUTE);
    // the default schedule: a run every 5 minutes, 2 reads per due detail
    const { perRun, maxAge } = simulate(5 * MINUTE, 48, maxAgeMs);
    const perMinute = perRun.map(due => (2 * due) / 5);
    const window = (from: number, to: number) =>
      perMinute.slice(from, to).reduce((a, b) => a + b, 0) / (to - from);
    // the 20-40 minutes after the full pass: every detail once, at the budget on average
    expect(window(3, 8)).toBeLessThanOrEqual(readsPerMinute * 1.1);
    // and no run alone much above it (not half of them at half the max age)
    expect(Math.max(...perMinute)).toBeLessThanOrEqual(readsPerMinute * 1.2);
    // later, each detail once per max age: about half the budget
    expect(window(16, 48)).toBeLessThanOrEqual((readsPerMinute / 2) * 1.1);
    expect(window(16, 48)).toBeGreaterThan((readsPerMinute / 2) * 0.8);
    expect(maxAge).toBeLessThan(maxAgeMs);
  });
});
