import { InputError } from '@backstage/errors';

/**
 * One window of a token bucket: at most `limit` requests per `seconds`, the tokens coming back
 * continuously (`limit / seconds` a second), never more than `limit` held.
 *
 * @public
 */
export interface QuotaWindow {
  limit: number;
  seconds: number;
}

const UNIT_SECONDS: Record<string, number> = { s: 1, min: 60, h: 3600 };

/** Longest window accepted: a day. */
const MAX_WINDOW_SECONDS = 86_400;

/**
 * Parses a list of rates such as `10/s,600/min` or `150/10s` (units `s`, `min`, `h`, with an
 * optional count: `10s`, `5min`); `off` lifts the limit (no windows). `where` names the flag
 * or config key the text came from, so the error points at it.
 */
export function parseRates(text: string, where: string): QuotaWindow[] {
  const trimmed = text.trim();
  if (trimmed === 'off') {
    return [];
  }
  const windows = trimmed.split(',').map(raw => {
    const part = raw.trim();
    const match = /^(\d{1,9})\/(\d{0,5})(s|min|h)$/.exec(part);
    const limit = match ? Number(match[1]) : 0;
    const count = match && match[2] !== '' ? Number(match[2]) : 1;
    const seconds = match ? count * UNIT_SECONDS[match[3]] : 0;
    if (!match || limit < 1 || seconds < 1 || seconds > MAX_WINDOW_SECONDS) {
      throw new InputError(
        `${where}: '${part}' is not a rate; write requests per period, e.g. 10/s, 600/min or 150/10s (at most a day), several separated by commas, or 'off'`,
      );
    }
    return { limit, seconds };
  });
  const periods = new Set(windows.map(w => w.seconds));
  if (periods.size !== windows.length) {
    throw new InputError(
      `${where}: '${trimmed}' gives two limits for the same period`,
    );
  }
  return windows.sort((a, b) => a.seconds - b.seconds);
}

/** The inverse of {@link parseRates}: `10/s,600/min`, `150/10s`, or `off`. */
export function formatRates(windows: QuotaWindow[]): string {
  if (windows.length === 0) {
    return 'off';
  }
  return windows
    .map(({ limit, seconds }) => {
      if (seconds % 3600 === 0) {
        return `${limit}/${seconds === 3600 ? '' : seconds / 3600}h`;
      }
      if (seconds % 60 === 0) {
        return `${limit}/${seconds === 60 ? '' : seconds / 60}min`;
      }
      return `${limit}/${seconds === 1 ? '' : seconds}s`;
    })
    .join(',');
}
