import { formatRates, parseRates } from './rates';

describe('parseRates', () => {
  it('reads per-second, per-minute, per-hour and counted periods, shortest first', () => {
    expect(parseRates('600/min,10/s', '--quota x')).toEqual([
      { limit: 10, seconds: 1 },
      { limit: 600, seconds: 60 },
    ]);
    expect(parseRates(' 150/10s ', 'k')).toEqual([{ limit: 150, seconds: 10 }]);
    expect(parseRates('3600/h', 'k')).toEqual([{ limit: 3600, seconds: 3600 }]);
    expect(parseRates('50/5min', 'k')).toEqual([{ limit: 50, seconds: 300 }]);
    expect(parseRates('off', 'k')).toEqual([]);
  });

  it.each([
    ['', "''"],
    ['10', "'10'"],
    ['10/m', "'10/m'"],
    ['0/s', "'0/s'"],
    ['10/0s', "'10/0s'"],
    ['-1/s', "'-1/s'"],
    ['1.5/s', "'1.5/s'"],
    ['10/s,', "''"],
    ['10/25h', "'10/25h'"],
  ])('refuses %j, naming where it came from', (text, quoted) => {
    expect(() => parseRates(text, '--quota opsgenie.search=…')).toThrow(
      `--quota opsgenie.search=…: ${quoted} is not a rate`,
    );
  });

  it('refuses two limits for one period', () => {
    expect(() => parseRates('10/s,20/1s', 'k')).toThrow(
      "k: '10/s,20/1s' gives two limits for the same period",
    );
  });

  it('formats what it parses', () => {
    for (const text of [
      '10/s,600/min',
      '150/10s',
      '3600/h',
      '50/5min',
      'off',
    ]) {
      expect(formatRates(parseRates(text, 'k'))).toBe(text);
    }
  });
});
