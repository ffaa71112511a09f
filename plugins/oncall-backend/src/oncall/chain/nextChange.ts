import { Rotation } from '@oncall-for-backstage/plugin-oncall-common';

/**
 * Milliseconds from `now` until the first moment any of the rotations changes: a shift starts
 * or ends, someone's shift ends, or a handoff happens. Undefined when nothing changes within
 * what the rotations show. A rotation read from a cache must not outlive this moment, or the
 * page shows the previous primary for a while after a handoff.
 */
export function untilNextChange(
  rotations: Rotation[],
  now: Date,
): number | undefined {
  const t = now.getTime();
  const moments = rotations.flatMap(rotation => [
    rotation.nextHandoff,
    ...rotation.levels.flatMap(level => level.responders.map(r => r.shiftEnd)),
    ...rotation.upcoming.flatMap(shift => [shift.start, shift.end]),
  ]);
  let next = Number.POSITIVE_INFINITY;
  for (const moment of moments) {
    const at = moment === undefined ? Number.NaN : Date.parse(moment);
    if (at > t && at < next) {
      next = at;
    }
  }
  return Number.isFinite(next) ? next - t : undefined;
}
