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
