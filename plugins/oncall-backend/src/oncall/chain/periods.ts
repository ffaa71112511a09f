import { StoredPeriod } from '../OnCallStore';

/** Periods of one rotation, sorted, with back-to-back periods of one recipient merged. */
export function mergePeriods(periods: StoredPeriod[]): StoredPeriod[] {
  const byRotation = new Map<string, StoredPeriod[]>();
  for (const period of periods) {
    const list = byRotation.get(period.rotationId) ?? [];
    list.push(period);
    byRotation.set(period.rotationId, list);
  }
  const merged: StoredPeriod[] = [];
  for (const list of byRotation.values()) {
    list.sort((a, b) => a.start.getTime() - b.start.getTime());
    let last: StoredPeriod | undefined;
    for (const period of list) {
      if (
        last &&
        sameRecipient(last, period) &&
        last.end.getTime() >= period.start.getTime()
      ) {
        last = {
          ...last,
          end: new Date(Math.max(last.end.getTime(), period.end.getTime())),
          override: last.override || period.override,
        };
        merged[merged.length - 1] = last;
      } else {
        last = { ...period };
        merged.push(last);
      }
    }
  }
  return merged.sort((a, b) => a.start.getTime() - b.start.getTime());
}

function sameRecipient(a: StoredPeriod, b: StoredPeriod): boolean {
  return (
    a.recipient.type === b.recipient.type &&
    (a.recipient.name ?? a.recipient.id) ===
      (b.recipient.name ?? b.recipient.id)
  );
}

/** The periods covering `at`. */
export function coveringAt(periods: StoredPeriod[], at: Date): StoredPeriod[] {
  const t = at.getTime();
  return periods.filter(p => p.start.getTime() <= t && t < p.end.getTime());
}
