import { HOUR_MS } from '../../lib/time';
import { CHECK_OFFSETS_MINUTES } from './differingSchedules';

/** The far check instants: every 6 hours of UTC (00, 06, 12, 18), ... */
export const FAR_CHECK_STEP_MS = 6 * HOUR_MS;
/** ... beyond the last near check instant, ... */
const FAR_CHECK_FROM_MS = Math.max(...CHECK_OFFSETS_MINUTES) * 60_000;
/** ... up to a week ahead. */
export const FAR_CHECK_UNTIL_MS = 7 * 24 * HOUR_MS;
/**
 * Far instants asked per run: with the near ones, ten requests, the size of Opsgenie's
 * Schedule-oncalls bucket (10 a second). The week's 26 instants take 7 runs: 14 minutes at
 * the default 2-minute refresh, inside `onCallMaxStaleMinutes` (15).
 */
export const FAR_CHECKS_PER_RUN = 4;

/**
 * Which far instants a run asks the vendor about, so that an override starting beyond the
 * near check instants (12 hours) shows within a few runs instead of waiting for its team's
 * periodic re-read. The instants lie on a fixed grid (every 6 hours of UTC) between the last
 * near instant and a week ahead; each run takes the {@link FAR_CHECKS_PER_RUN} this process
 * checked longest ago (never checked first, nearest first), so the grid is swept in turn. An
 * override covering a grid instant is found within one sweep; a shorter one between two grid
 * instants waits for the re-read as before. One sweep per shard: each shard checks its own
 * schedules.
 */
export class FarCheckSweep {
  /** When each grid instant (ms) was last asked about. */
  readonly #checked = new Map<number, number>();

  /** The far instants to ask about in a run at `now`, nearest first. */
  next(now: Date): Date[] {
    const t = now.getTime();
    const first =
      Math.floor((t + FAR_CHECK_FROM_MS) / FAR_CHECK_STEP_MS) *
        FAR_CHECK_STEP_MS +
      FAR_CHECK_STEP_MS;
    const grid: number[] = [];
    for (let at = first; at <= t + FAR_CHECK_UNTIL_MS; at += FAR_CHECK_STEP_MS)
      grid.push(at);
    for (const at of this.#checked.keys()) {
      if (at < first) this.#checked.delete(at);
    }
    const chosen = grid
      .map(at => ({ at, last: this.#checked.get(at) ?? -Infinity }))
      .sort((a, b) => a.last - b.last || a.at - b.at)
      .slice(0, FAR_CHECKS_PER_RUN)
      .map(c => c.at)
      .sort((a, b) => a - b);
    for (const at of chosen) this.#checked.set(at, t);
    return chosen.map(at => new Date(at));
  }
}
