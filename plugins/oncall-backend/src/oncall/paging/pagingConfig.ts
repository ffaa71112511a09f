import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';

/** How many pages one caller may send per window, counted across every replica. */
export interface PagingRateLimit {
  pages: number;
  windowMs: number;
}

/** The share of the on-call tool's API that paging may use, apart from the sync's. */
export interface PagingVendorBudget {
  /** Paging calls (create alert, request status) in flight at once. */
  concurrency: number;
  /** Paging calls allowed to wait for a free slot; beyond that a page is refused at once. */
  queue: number;
}

/** `oncall.paging.*` as the on-call plugin uses it, with defaults applied. */
export interface PagingConfig {
  rateLimit: PagingRateLimit;
  vendor: PagingVendorBudget;
}

/**
 * Defaults. Five pages a minute per person: paging a team is one page, a second adds context
 * or pages a neighbouring team, and a real incident across several services still fits; a
 * script or a stuck button is cut off after five (1,000 attempts became 5 alerts). Four
 * paging calls in flight with 50 waiting keeps a page well under a second at Opsgenie's
 * usual latency, and bounds the wait (50 / 4 calls) when it is slow.
 */
export const defaultPagingConfig: PagingConfig = {
  rateLimit: { pages: 5, windowMs: 60_000 },
  vendor: { concurrency: 4, queue: 50 },
};

/** Reads `oncall.paging`; an invalid value is an InputError naming its full key. */
export function readPagingConfig(root: Config): PagingConfig {
  const paging = root.getOptionalConfig('oncall.paging');
  return {
    rateLimit: {
      pages: wholeNumber(
        paging,
        'rateLimit.pages',
        defaultPagingConfig.rateLimit.pages,
        1,
      ),
      windowMs: windowMs(paging),
    },
    vendor: {
      concurrency: wholeNumber(
        paging,
        'vendorConcurrency',
        defaultPagingConfig.vendor.concurrency,
        1,
      ),
      queue: wholeNumber(
        paging,
        'vendorQueue',
        defaultPagingConfig.vendor.queue,
        0,
      ),
    },
  };
}

function windowMs(paging: Config | undefined): number {
  const key = 'oncall.paging.rateLimit.window';
  if (!paging?.has('rateLimit.window')) {
    return defaultPagingConfig.rateLimit.windowMs;
  }
  let ms: number;
  try {
    ms = durationToMilliseconds(
      readDurationFromConfig(paging, { key: 'rateLimit.window' }),
    );
  } catch (error) {
    throw new InputError(
      `${key} must be a duration such as { minutes: 1 } or '1m': ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
  if (!Number.isFinite(ms) || ms < 1000) {
    throw new InputError(`${key} must be at least one second`);
  }
  return ms;
}

function wholeNumber(
  paging: Config | undefined,
  key: string,
  fallback: number,
  min: 0 | 1,
): number {
  const name = `oncall.paging.${key}`;
  let value: number | undefined;
  try {
    value = paging?.getOptionalNumber(key);
  } catch {
    value = Number.NaN;
  }
  if (value === undefined) {
    return fallback;
  }
  if (!Number.isInteger(value) || value < min) {
    throw new InputError(
      min === 1
        ? `${name} must be a positive whole number`
        : `${name} must be a whole number (0 or more)`,
    );
  }
  return value;
}
