import { DateTime } from 'luxon';
import { DAY, HOUR, MINUTE } from '../time';

/** A wall-clock reading in some time zone. */
export interface WallClock {
  /** 0–23 */
  hour: number;
  /** 1 = Monday … 7 = Sunday (ISO, as luxon counts). */
  weekday: number;
  /** Days since 1970-01-01 on the local calendar. */
  localDay: number;
}

const MAX_CACHED_HOURS = 50_000;

/**
 * Wall-clock readings in IANA time zones, with each zone's UTC offset looked up once per UTC
 * hour (offsets of the zones in use change on whole hours), so that reading the clock for
 * every alert of a large org stays cheap.
 */
export class ZoneClock {
  private readonly offsets = new Map<string, Map<number, number>>();

  /** Offset from UTC in minutes of `zone` at `t`. */
  offsetMinutes(t: number, zone: string): number {
    if (zone === 'UTC' || zone === 'Etc/UTC') {
      return 0;
    }
    const hour = Math.floor(t / HOUR);
    let hours = this.offsets.get(zone);
    if (!hours) {
      hours = new Map();
      this.offsets.set(zone, hours);
    }
    let offset = hours.get(hour);
    if (offset === undefined) {
      offset = DateTime.fromMillis(hour * HOUR, { zone }).offset;
      if (hours.size >= MAX_CACHED_HOURS) {
        hours.clear();
      }
      hours.set(hour, offset);
    }
    return offset;
  }

  /** The wall clock of `zone` at `t`. */
  read(t: number, zone: string): WallClock {
    const local = t + this.offsetMinutes(t, zone) * MINUTE;
    const localDay = Math.floor(local / DAY);
    return {
      hour: Math.floor((local - localDay * DAY) / HOUR),
      // 1970-01-01 was a Thursday (ISO weekday 4)
      weekday: ((((localDay + 3) % 7) + 7) % 7) + 1,
      localDay,
    };
  }
}

/** Sleep hours: 00:00–07:00 on the sleeper's own clock. */
export function isSleepHour(clock: WallClock): boolean {
  return clock.hour < 7;
}
