/**
 * The most characters of caller- or catalog-supplied text (a parameter, a body key, an
 * annotation value) the backend repeats in a response or an error message.
 */
export const ECHO_MAX_CHARS = 200;

/**
 * `value` as the backend may repeat it: at most `max` characters (whole code points), with an
 * ellipsis when it was cut.
 */
export function capEcho(value: string, max: number = ECHO_MAX_CHARS): string {
  if (value.length <= max) {
    return value;
  }
  const points = Array.from(value);
  return points.length <= max ? value : `${points.slice(0, max).join('')}…`;
}

/**
 * A list of caller- or catalog-supplied names as the backend may repeat it: the names that fit
 * in `max` characters joined with `, `, the last one cut if need be, and an ellipsis at the end
 * when anything was left out.
 */
export function capEchoList(
  values: readonly string[],
  max: number = ECHO_MAX_CHARS,
): string[] {
  const kept: string[] = [];
  let room = max;
  for (const value of values) {
    if (room <= 0) {
      break;
    }
    const capped = capEcho(value, room);
    kept.push(capped);
    if (capped !== value) {
      return kept;
    }
    room -= value.length + 2;
  }
  if (kept.length > 0 && kept.length < values.length) {
    kept[kept.length - 1] = `${kept[kept.length - 1]}…`;
  }
  return kept;
}
