import { noise } from '../random';
import { DAY } from '../time';
import { DemoPageRate } from '../types';
import { PageContext } from './context';
import { TeamPaging } from './paging';

/** How many pages of each sort a team gets on a day: cheap, no page is built. */
export interface DayCounts {
  regular: number;
  night: number;
  noisy: number;
  fixed: number[];
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

function draw(rate: DemoPageRate, day: number, u1: number, u2: number): number {
  if (
    (rate.chance !== undefined && u1 >= rate.chance) ||
    (rate.everyDays !== undefined && mod(day, rate.everyDays) !== 0)
  ) {
    return 0;
  }
  return rate.min + Math.floor(u2 * (rate.max - rate.min + 1));
}

/** 1970-01-01 was a Thursday: days 2 and 3 of every week are Saturday and Sunday. */
function isWeekend(day: number): boolean {
  const weekday = mod(day, 7);
  return weekday === 2 || weekday === 3;
}

/**
 * How many pages a team gets on `day` (days since 1970-01-01 UTC), by sort: from the seed and
 * the profile alone, so that counting a million pages builds none of them.
 */
export function dayCounts(
  ctx: PageContext,
  paging: TeamPaging,
  day: number,
): DayCounts {
  const { profile, index } = paging;
  const key = (ctx.seedKey ^ Math.imul(index + 1, 0x27d4eb2d)) | 0;
  const u = (slot: number) => noise(key, day * 8 + slot);
  const start = day * DAY;
  const overload =
    profile.overload && start >= profile.overload.since
      ? profile.overload
      : undefined;
  let night = 0;
  if (overload) {
    night = mod(day, 2) === 0 ? draw(overload.nights, day, u(2), u(3)) : 0;
  } else if (
    profile.nightEvery > 0 &&
    mod(day + index, profile.nightEvery) === 0 &&
    u(2) < 0.5
  ) {
    night = 1;
  }
  const regular = draw(
    overload?.daily ?? profile.daily,
    day + index,
    u(0),
    u(1),
  );
  return {
    regular: isWeekend(day) ? Math.floor(regular / 2 + u(6)) : regular,
    night,
    noisy: profile.noisy ? draw(profile.noisy.firings, day, u(4), u(5)) : 0,
    fixed: profile.fixed.filter(t => t >= start && t < start + DAY),
  };
}

/** How many pages a team gets on `day`, without building them. */
export function countPagesOfDay(
  ctx: PageContext,
  paging: TeamPaging,
  day: number,
): number {
  const c = dayCounts(ctx, paging, day);
  return c.regular + c.night + c.noisy + c.fixed.length;
}
