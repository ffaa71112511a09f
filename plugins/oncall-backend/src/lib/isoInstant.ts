import { DateTime } from 'luxon';

/**
 * `YYYY-MM-DD`, optionally followed by `THH:mm[:ss[.fff]]` (or a space instead of `T`) and an
 * offset `Z`, `±HH`, `±HHmm` or `±HH:mm`.
 */
const ISO_SHAPE =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-](\d{2})(?::?(\d{2}))?)?)?$/;

/** The largest offset in use anywhere (UTC+14:00, Line Islands). */
const MAX_OFFSET_MINUTES = 14 * 60;

/** An instant read from a query parameter, or what is wrong with the text. */
export type IsoInstant =
  | { valid: true; date: Date }
  | { valid: false; problem: string };

/**
 * Reads an ISO 8601 date or date-time strictly: a date alone is midnight UTC, a date-time
 * without an offset is UTC, and a day or time that does not exist (`2024-02-30`,
 * `2026-11-29T25:00Z`, an offset beyond ±14:00) is refused rather than rolled over.
 */
export function parseIsoInstant(value: string): IsoInstant {
  const shape = ISO_SHAPE.exec(value);
  if (!shape) {
    return {
      valid: false,
      problem:
        'must be an ISO 8601 date or date-time, e.g. 2026-11-29 or 2026-11-29T09:00:00Z',
    };
  }
  const [, , offsetHours, offsetMinutes] = shape;
  if (
    offsetHours !== undefined &&
    (Number(offsetMinutes ?? 0) >= 60 ||
      Number(offsetHours) * 60 + Number(offsetMinutes ?? 0) >
        MAX_OFFSET_MINUTES)
  ) {
    return { valid: false, problem: `has an offset that does not exist` };
  }
  const parsed = DateTime.fromISO(value.replace(' ', 'T'), { zone: 'utc' });
  if (!parsed.isValid) {
    return { valid: false, problem: `is not a date or time that exists` };
  }
  return { valid: true, date: parsed.toJSDate() };
}
