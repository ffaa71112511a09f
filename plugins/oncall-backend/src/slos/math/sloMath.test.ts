import {
  burnRate,
  errorBudgetRemaining,
  finiteOrNull,
  sloStatus,
} from './sloMath';

const none = { '1h': null, '6h': null, '3d': null };
/** Burn rates of windows without any error. */
const clean = { '1h': 0, '6h': 0, '3d': 0 };

describe('burnRate', () => {
  it('is 1.0 when the SLI sits exactly on the target', () => {
    expect(burnRate(99.9, 99.9)).toBe(1);
    expect(burnRate(95, 95)).toBe(1);
  });

  it('is 0 at a 100 % SLI', () => {
    expect(burnRate(100, 99.9)).toBe(0);
  });

  it('matches hand-computed values', () => {
    // 1 − 0.99 = 0.01 errors against a 0.001 budget → 10×.
    expect(burnRate(99, 99.9)).toBeCloseTo(10, 10);
    // 0.0005 / 0.001 = 0.5
    expect(burnRate(99.95, 99.9)).toBeCloseTo(0.5, 10);
    // 0.0144 / 0.001 = 14.4: the 1 h page threshold exactly
    expect(burnRate(98.56, 99.9)).toBeCloseTo(14.4, 10);
    // 95 % SLI against a 99 % target: 0.05 / 0.01 = 5
    expect(burnRate(95, 99)).toBeCloseTo(5, 10);
  });

  it('is null with no data', () => {
    expect(burnRate(undefined, 99.9)).toBeNull();
    expect(burnRate(Number.NaN, 99.9)).toBeNull();
  });

  it('treats a 100 % target as a zero budget: 0 without errors, unbounded with any', () => {
    expect(burnRate(100, 100)).toBe(0);
    expect(burnRate(99.99, 100)).toBe(Number.POSITIVE_INFINITY);
    expect(finiteOrNull(burnRate(99.99, 100))).toBeNull();
  });
});

describe('errorBudgetRemaining', () => {
  it('is 0 exactly at target, 100 at 100 % and negative when overspent', () => {
    expect(errorBudgetRemaining(99.9, 99.9)).toBe(0);
    expect(errorBudgetRemaining(100, 99.9)).toBe(100);
    // half the budget used
    expect(errorBudgetRemaining(99.95, 99.9)).toBeCloseTo(50, 8);
    // 0.02 errors against a 0.01 budget: 200 % used → −100 %
    expect(errorBudgetRemaining(98, 99)).toBeCloseTo(-100, 8);
  });

  it('is undefined with no data', () => {
    expect(errorBudgetRemaining(undefined, 99)).toBeUndefined();
  });

  it('keeps a 100 % target whole until the first error', () => {
    expect(errorBudgetRemaining(100, 100)).toBe(100);
    expect(errorBudgetRemaining(99.999, 100)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('sloStatus', () => {
  /** The status of an SLO at `sliPercent` against `targetPercent` with these burn rates. */
  const statusAt = (
    sliPercent: number | undefined,
    targetPercent: number,
    burnRates: Parameters<typeof sloStatus>[0]['burnRates'],
  ) => sloStatus({ sliPercent, targetPercent, burnRates });

  it('is no_data without an SLI over the timeframe', () => {
    expect(statusAt(undefined, 99, none)).toBe('no_data');
  });

  it('is breached with the SLI exactly at target (budget remaining 0)', () => {
    expect(statusAt(99.9, 99.9, none)).toBe('breached');
  });

  it('is breached below target even when the recent windows are clean', () => {
    expect(statusAt(98, 99, clean)).toBe('breached');
  });

  it.each([
    ['1h', 14.4, 'warning'],
    ['1h', 14.39, 'ok'],
    ['6h', 6, 'warning'],
    ['6h', 5.99, 'ok'],
    ['3d', 1, 'warning'],
    ['3d', 0.99, 'ok'],
  ] as const)(
    'warns at each threshold (inclusive) and not below it: a %s burn rate of %d is %s',
    (window, rate, status) => {
      const burnRates = { ...clean, [window]: rate };
      expect(statusAt(99.95, 99.9, burnRates)).toBe(status);
    },
  );

  it('is ok at 100 % and ignores windows without data', () => {
    expect(statusAt(100, 99.9, none)).toBe('ok');
  });

  it('is breached for a 100 % target after any error and ok without errors', () => {
    expect(statusAt(99.99, 100, none)).toBe('breached');
    expect(statusAt(100, 100, clean)).toBe('ok');
  });
});
