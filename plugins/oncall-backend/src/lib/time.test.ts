import { utcDay } from './time';

describe('utcDay', () => {
  it('names the UTC day of any instant in it, the same as toISOString', () => {
    const start = Date.UTC(2026, 10, 27);
    expect(utcDay(start)).toBe('2026-11-27');
    expect(utcDay(start + 86_399_999)).toBe('2026-11-27');
    expect(utcDay(start - 1)).toBe('2026-11-26');
    expect(utcDay(Date.UTC(2024, 1, 29, 12))).toBe('2024-02-29');
    for (
      let ms = Date.UTC(1969, 11, 30);
      ms < Date.UTC(2030, 0, 1);
      ms += 7_777_777_777
    ) {
      expect(utcDay(ms)).toBe(new Date(ms).toISOString().slice(0, 10));
    }
  });
});
