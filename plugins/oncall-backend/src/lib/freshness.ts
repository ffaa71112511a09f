import {
  Freshness,
  SourceStatus,
} from '@oncall-for-backstage/plugin-oncall-common';
import { SyncState } from '../database/SyncStateStore';
import { Vendor } from './Vendor';

/**
 * Builds the `freshness` of a response from the sync states behind it. A source is stale
 * when it has never synced, when its last success is older than `staleAfterMs`, or when
 * its last error is newer than its last success.
 */
export function buildFreshness(
  sources: Array<{ source: Vendor; states: SyncState[] }>,
  now: Date,
  staleAfterMs: number,
): Freshness {
  const statuses: SourceStatus[] = sources.map(({ source, states }) =>
    sourceStatus(source, states, now, staleAfterMs),
  );
  const asOfs = statuses
    .map(s => s.asOf)
    .filter((v): v is string => v !== undefined)
    .sort();
  return {
    asOf: asOfs[0],
    stale: statuses.some(s => s.stale),
    sources: statuses,
  };
}

function sourceStatus(
  source: Vendor,
  states: SyncState[],
  now: Date,
  staleAfterMs: number,
): SourceStatus {
  if (states.length === 0) {
    return { source, stale: true };
  }
  const successes = states
    .map(s => s.asOf?.getTime())
    .filter((t): t is number => t !== undefined);
  const oldestSuccess =
    successes.length === states.length ? Math.min(...successes) : undefined;
  const failing = states
    .filter(s => s.lastError && (!s.asOf || s.lastError.at > s.asOf))
    .map(s => s.lastError!)
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  const tooOld =
    oldestSuccess === undefined || now.getTime() - oldestSuccess > staleAfterMs;
  return {
    source,
    asOf:
      oldestSuccess === undefined
        ? undefined
        : new Date(oldestSuccess).toISOString(),
    stale: tooOld || failing.length > 0,
    lastError: failing[0]
      ? { message: failing[0].message, at: failing[0].at.toISOString() }
      : undefined,
  };
}
