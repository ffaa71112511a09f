import { isDetailDue, stableFraction } from './detailSchedule';

const MINUTE = 60_000;
const MAX_AGE = 10 * MINUTE;
const T0 = Date.UTC(2026, 10, 20, 12);
const ids = Array.from({ length: 1000 }, (_, i) => `slo-${i}`);

/** Runs every `periodMs` after all SLOs were read at T0; per run, how many were due. */
function simulate(periodMs: number, runs: number) {
  const refreshed = new Map(ids.map(id => [id, T0]));
  const perRun: number[] = [];
  let maxAge = 0;
  for (let k = 1; k <= runs; k++) {
    const now = T0 + k * periodMs;
    let due = 0;
    for (const id of ids) {
      const last = refreshed.get(id)!;
      if (isDetailDue(id, new Date(last), new Date(now), MAX_AGE)) {
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
