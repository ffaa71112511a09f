/*
 * Comparing what two replicas (or one replica before and after a restart) serve: the answers
 * without what legitimately moves between two reads (replicas.test.ts).
 */

/** How far ahead the on-call timeline is read at each sync (OnCallSync's 8 weeks). */
const TIMELINE_DAYS = 56;

/**
 * Whether an instant is the end of the timeline read at a recent sync (now + 8 weeks, give or
 * take the minutes since that sync): a shift running past it ends there in the data.
 */
export function atTimelineHorizon(value: unknown): boolean {
  const at = Date.parse(String(value));
  const horizon = Date.now() + TIMELINE_DAYS * 24 * 3600 * 1000;
  return Number.isFinite(at) && Math.abs(at - horizon) < 10 * 60 * 1000;
}

/**
 * A copy without what legitimately moves between two reads: `freshness` blocks (every sync
 * attempt), the start of a shift that is already under way (served as "now") and the end of
 * a shift cut at the timeline's end, which moves with every sync (a sync can land
 * between the last read and the stop).
 */
export function withoutFreshness(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutFreshness);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(
      ([key]) => key !== 'freshness',
    );
    const record = Object.fromEntries(
      entries.map(([key, v]) => [key, withoutFreshness(v)]),
    );
    const isShift =
      'start' in record && 'end' in record && 'responder' in record;
    if (isShift && Date.parse(String(record.start)) <= Date.now()) {
      record.start = '(under way)';
    }
    for (const key of ['end', 'shiftEnd']) {
      if (key in record && atTimelineHorizon(record[key])) {
        record[key] = '(timeline end)';
      }
    }
    return record;
  }
  return value;
}
