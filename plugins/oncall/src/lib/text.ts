/** Longest free text shown in a line of a view (a team, a schedule, a service, a title). */
export const MAX_DISPLAY_LENGTH = 120;

/** Longest free text shown in a chip (a status, a responder, a team). */
export const MAX_CHIP_LENGTH = 60;

/** Longest free text shown as a sentence (a vendor's error, a reason, an explanation). */
export const MAX_SENTENCE_LENGTH = 400;

/** Longest value kept in a tooltip that shows the full text of a truncated value. */
export const MAX_TOOLTIP_LENGTH = 2_000;

/**
 * `value` cut to at most `max` characters, ending in `…` when it was cut. Never splits a
 * surrogate pair, so an emoji is not broken in half.
 */
export function truncate(value: string, max = MAX_DISPLAY_LENGTH): string {
  if (value.length <= max) {
    return value;
  }
  let end = Math.max(0, max - 1);
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) {
    end -= 1;
  }
  return `${value.slice(0, end)}…`;
}
