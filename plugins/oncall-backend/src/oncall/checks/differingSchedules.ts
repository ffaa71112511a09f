import { OnCallRecipient, ScheduleOnCalls } from '../OnCallProvider';
import { StoredPeriod } from '../OnCallStore';

/**
 * How far ahead of now each run asks the vendor who is on call (one request per instant, for
 * every schedule at once): now catches an override as it takes effect, the instants ahead one
 * made for later today (a shift reminder needs it before the shift starts).
 */
export const CHECK_OFFSETS_MINUTES: readonly number[] = [
  0, 10, 30, 60, 240, 720,
];

function recipientKey(recipient: OnCallRecipient): string | undefined {
  if (recipient.type === 'other') {
    return undefined;
  }
  return `${recipient.type}:${recipient.id ?? recipient.name ?? ''}`;
}

function keysOf(recipients: OnCallRecipient[]): Set<string> {
  return new Set(
    recipients
      .map(recipientKey)
      .filter((key): key is string => key !== undefined),
  );
}

function sameKeys(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every(key => b.has(key));
}

/**
 * The schedules among `checked` whose stored timeline names other recipients at `at` than
 * the vendor's answer for that instant: an override made or removed, or a rotation edited,
 * since the timeline was read. Schedules the vendor reports disabled are left out.
 */
export function differingSchedules(options: {
  vendor: ScheduleOnCalls[];
  /** Stored periods of the checked schedules overlapping `at`. */
  stored: StoredPeriod[];
  at: Date;
  checked: ReadonlySet<string>;
}): Set<string> {
  const { at } = options;
  const storedBySchedule = new Map<string, OnCallRecipient[]>();
  for (const period of options.stored) {
    if (period.start <= at && at < period.end) {
      const list = storedBySchedule.get(period.scheduleId) ?? [];
      list.push(period.recipient);
      storedBySchedule.set(period.scheduleId, list);
    }
  }
  const differing = new Set<string>();
  for (const answer of options.vendor) {
    if (!options.checked.has(answer.scheduleId) || answer.enabled === false) {
      continue;
    }
    const stored = keysOf(storedBySchedule.get(answer.scheduleId) ?? []);
    if (!sameKeys(stored, keysOf(answer.recipients))) {
      differing.add(answer.scheduleId);
    }
  }
  return differing;
}
