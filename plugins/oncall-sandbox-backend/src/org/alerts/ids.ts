import { noise } from '../random';

function hex(value: number, digits: number): string {
  return (value >>> 0).toString(16).padStart(8, '0').slice(-digits);
}

/** Opsgenie-looking ids that say where a page comes from: its day, team and rank that day. */
export function pageId(
  seedKey: number,
  day: number,
  team: number,
  rank: number,
): string {
  const key = seedKey ^ Math.imul(team + 7, 0x165667b1);
  const h = (slot: number) =>
    Math.floor(noise(key, day * 4096 + rank * 4 + slot) * 2 ** 32);
  return `${hex(h(0), 8)}-${hex(day, 4)}-4${hex(h(1), 3)}-a${hex(
    rank,
    3,
  )}-${hex(team, 4)}${hex(h(2), 8)}`;
}

/** Numeric tiny id: the day, the team and the rank that day, in decimal. */
export function pageTinyId(day: number, team: number, rank: number): string {
  return `${day}${String(team).padStart(4, '0')}${String(rank).padStart(
    3,
    '0',
  )}`;
}

/** Where a page id or tiny id says the page comes from; undefined when it is not one of ours. */
export function pageOrigin(
  identifier: string,
  type: 'id' | 'tiny',
): { day: number; team: number; rank: number } | undefined {
  if (type === 'tiny') {
    const m = /^(\d{1,6})(\d{4})(\d{3})$/.exec(identifier);
    return m
      ? { day: Number(m[1]), team: Number(m[2]), rank: Number(m[3]) }
      : undefined;
  }
  const m =
    /^[0-9a-f]{8}-([0-9a-f]{4})-4[0-9a-f]{3}-a([0-9a-f]{3})-([0-9a-f]{4})[0-9a-f]{8}$/.exec(
      identifier,
    );
  return m
    ? {
        day: parseInt(m[1], 16),
        rank: parseInt(m[2], 16),
        team: parseInt(m[3], 16),
      }
    : undefined;
}
