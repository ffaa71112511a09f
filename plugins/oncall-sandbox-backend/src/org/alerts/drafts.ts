import { Random } from '../random';
import { HOUR, MINUTE } from '../time';
import { DayCounts } from './counts';
import { WallClock, isSleepHour } from './zoneClock';

/** Why a page fires: the daily rhythm, a night page, the noisy alert or a fixed instant. */
export type DraftKind = 'regular' | 'night' | 'noisy' | 'fixed';

/** A page before it has a kind and a fate: when it fires, and why. */
export interface Draft {
  at: number;
  kind: DraftKind;
}

/**
 * The daily rhythm on the paged person's own clock: business hours weigh most, evenings and
 * weekends less, sleep hours (00:00–07:00) nothing.
 */
function rhythm(clock: WallClock): number {
  if (isSleepHour(clock)) {
    return 0;
  }
  const weekend = clock.weekday >= 6;
  if (clock.hour >= 22) {
    return weekend ? 0.3 : 0.5;
  }
  if (weekend) {
    return clock.hour >= 8 ? 0.8 : 0.3;
  }
  return clock.hour >= 9 && clock.hour < 18 ? 4 : 1.2;
}

interface HourSlot {
  start: number;
  weight: number;
  sleep: boolean;
}

function pickWeighted(slots: HourSlot[], u: number): HourSlot {
  const total = slots.reduce((sum, s) => sum + s.weight, 0);
  if (total <= 0) {
    return slots[Math.min(slots.length - 1, Math.floor(u * slots.length))];
  }
  let acc = u * total;
  for (const slot of slots) {
    acc -= slot.weight;
    if (acc < 0 && slot.weight > 0) {
      return slot;
    }
  }
  return slots.filter(s => s.weight > 0).slice(-1)[0];
}

/**
 * When a team's pages fire on the day starting at `dayStart` (UTC), oldest first: the
 * rhythm's pages by the weight of each hour on the clock of whoever is on call then (an hour
 * nobody covers weighs 1), night pages in their sleep hours, the noisy alert in distinct waking
 * hours (it closes within minutes, so its firings never overlap), fixed pages where they are.
 */
export function draftDay(options: {
  counts: DayCounts;
  dayStart: number;
  random: Random;
  primaryAt(t: number): string | undefined;
  clockOf(userId: string | undefined, t: number): WallClock;
}): Draft[] {
  const { counts, dayStart, random } = options;
  const hours: HourSlot[] = [];
  for (let h = 0; h < 24; h++) {
    const start = dayStart + h * HOUR;
    const middle = start + 30 * MINUTE;
    const primary = options.primaryAt(middle);
    const clock = options.clockOf(primary, middle);
    hours.push({
      start,
      weight: primary ? rhythm(clock) : 1,
      sleep: primary !== undefined && isSleepHour(clock),
    });
  }
  const within = (slot: HourSlot, latestMinute = 60) =>
    slot.start + Math.floor(random.next() * latestMinute * MINUTE);

  const drafts: Draft[] = [];
  for (let i = 0; i < counts.regular; i++) {
    drafts.push({
      at: within(pickWeighted(hours, random.next())),
      kind: 'regular',
    });
  }
  const sleepHours = hours.filter(s => s.sleep);
  for (let i = 0; i < counts.night; i++) {
    const pool = sleepHours.length > 0 ? sleepHours : hours;
    drafts.push({ at: within(random.pick(pool)), kind: 'night' });
  }
  const awakeHours = hours.filter(s => s.weight > 0);
  const noisyHours = [...(awakeHours.length > 0 ? awakeHours : hours)];
  for (let i = 0; i < counts.noisy; i++) {
    const slot = noisyHours.splice(
      Math.floor(random.next() * noisyHours.length),
      1,
    )[0];
    drafts.push({ at: within(slot, 45), kind: 'noisy' });
  }
  for (const at of counts.fixed) {
    drafts.push({ at, kind: 'fixed' });
  }
  return drafts.sort((a, b) => a.at - b.at);
}
