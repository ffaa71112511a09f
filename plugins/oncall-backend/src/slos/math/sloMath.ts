import {
  BURN_RATE_WINDOWS,
  BurnRateWindow,
  SloStatus,
} from '@oncall-for-backstage/plugin-oncall-common';

/**
 * Error-budget arithmetic. SLIs and targets come in percent (as DataDog reports them) and are
 * turned into fractions here. All functions are pure.
 */

/** Burn-rate thresholds of the SRE workbook's multiwindow table (long windows). */
export const BURN_RATE_THRESHOLDS: Record<BurnRateWindow, number> = {
  /** 2 % of a 30-day budget in one hour: page. */
  '1h': 14.4,
  /** 5 % of a 30-day budget in six hours: page. */
  '6h': 6,
  /** 10 % of a 30-day budget in three days: ticket. */
  '3d': 1,
};

const fraction = (percent: number) => percent / 100;

/**
 * Burn rate over a window: (1 − SLI) / (1 − target), SLI and target as fractions.
 * `null` when the window has no data. With a 100 % target there is no budget: the burn rate
 * is 0 when the SLI is 100 % and +∞ otherwise.
 */
export function burnRate(
  sliPercent: number | undefined,
  targetPercent: number,
): number | null {
  if (sliPercent === undefined || !Number.isFinite(sliPercent)) {
    return null;
  }
  const errorRate = Math.max(0, 1 - fraction(sliPercent));
  const budget = 1 - fraction(targetPercent);
  if (budget <= 0) {
    return errorRate === 0 ? 0 : Number.POSITIVE_INFINITY;
  }
  return errorRate / budget;
}

/**
 * Error budget remaining over the SLO's timeframe, in percent of the budget:
 * 100 × (1 − burn rate over the timeframe). 100 = untouched, 0 = spent exactly, negative =
 * overspent. `undefined` with no data. A 100 % target keeps 100 while the SLI is 100 % and is
 * −∞ after the first error.
 */
export function errorBudgetRemaining(
  sliPercent: number | undefined,
  targetPercent: number,
): number | undefined {
  const rate = burnRate(sliPercent, targetPercent);
  if (rate === null) {
    return undefined;
  }
  return 100 * (1 - rate);
}

/**
 * The SLO status:
 * - `no_data` when the timeframe has no SLI;
 * - `breached` when the error budget remaining is ≤ 0 (an SLI exactly at target has spent the
 *   whole budget and counts as breached), which is the same as the SLI being at or below target;
 * - `warning` when any window burns at or above its threshold: 1 h ≥ 14.4 or 6 h ≥ 6 (page),
 *   3 d ≥ 1 (ticket);
 * - `ok` otherwise.
 */
export function sloStatus(input: {
  sliPercent: number | undefined;
  targetPercent: number;
  burnRates: Record<BurnRateWindow, number | null>;
}): SloStatus {
  const remaining = errorBudgetRemaining(input.sliPercent, input.targetPercent);
  if (remaining === undefined) {
    return 'no_data';
  }
  if (remaining <= 0) {
    return 'breached';
  }
  const burning = BURN_RATE_WINDOWS.some(window => {
    const rate = input.burnRates[window];
    return rate !== null && rate >= BURN_RATE_THRESHOLDS[window];
  });
  return burning ? 'warning' : 'ok';
}

/** JSON has no infinity: an unbounded value is reported as `null`. */
export function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}
