import { createDemoOrg } from './demoOrg';
import { countsBetween, minuteCounts, seriesKey } from './series';
import { DAY, MINUTE } from './time';

describe('SLO event series', () => {
  const now = new Date('2026-11-27T10:00:00Z');
  const org = createDemoOrg({ seed: 42, now });

  it.each(['metric', 'monitor'] as const)(
    'sums any window across whole days, hours and minutes exactly as minute by minute (%s SLO)',
    type => {
      const slo = org.slos.find(s => s.type === type && s.health !== 'no_data');
      expect(slo).toBeDefined();
      const key = seriesKey(slo!);
      const from = Date.UTC(2026, 10, 20) - 97 * MINUTE;
      const to = Date.UTC(2026, 10, 23) + 17 * MINUTE;
      const naive = { good: 0, total: 0 };
      for (let m = from / MINUTE; m < to / MINUTE; m++) {
        const c = minuteCounts(slo!, key, m);
        naive.good += c.good;
        naive.total += c.total;
      }
      expect(naive.total).toBeGreaterThan(0);
      // twice: computed, then from the cached days and hours
      expect(countsBetween(slo!, from, to)).toEqual(naive);
      expect(countsBetween(slo!, from, to)).toEqual(naive);
      // a window inside one day, and one ending on a day boundary
      const inside = countsBetween(slo!, from + DAY, from + DAY + 3 * MINUTE);
      expect(inside.total).toBeGreaterThan(0);
      const split =
        countsBetween(slo!, from, Date.UTC(2026, 10, 21)).good +
        countsBetween(slo!, Date.UTC(2026, 10, 21), to).good;
      expect(split).toBe(naive.good);
    },
  );
});
