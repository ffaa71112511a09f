import { parseIsoInstant } from './isoInstant';

const at = (value: string) => {
  const result = parseIsoInstant(value);
  return result.valid ? result.date.toISOString() : result.problem;
};

describe('parseIsoInstant', () => {
  it.each([
    ['2026-11-29', '2026-11-29T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2026-11-29T09:00:00Z', '2026-11-29T09:00:00.000Z'],
    ['2026-11-29T09:00Z', '2026-11-29T09:00:00.000Z'],
    ['2026-11-29 09:00:00Z', '2026-11-29T09:00:00.000Z'],
    ['2026-11-29T09:00:00.123Z', '2026-11-29T09:00:00.123Z'],
    ['2026-11-29T09:00:00', '2026-11-29T09:00:00.000Z'],
    ['2026-11-29T09:00:00+01:00', '2026-11-29T08:00:00.000Z'],
    ['2026-11-29T09:00:00-0530', '2026-11-29T14:30:00.000Z'],
    ['2026-11-29T09:00:00+14:00', '2026-11-28T19:00:00.000Z'],
    ['2026-12-31T23:59:59.999Z', '2026-12-31T23:59:59.999Z'],
    ['2026-11-29T24:00:00Z', '2026-11-30T00:00:00.000Z'],
    // the hour that does not exist locally when Berlin springs forward is fine as an offset
    ['2027-03-28T02:30:00+01:00', '2027-03-28T01:30:00.000Z'],
  ])('reads %s as %s', (value, expected) => {
    expect(at(value)).toBe(expected);
  });

  it.each([
    '2024-02-30',
    '2023-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-11-00',
    '2026-11-29T25:00:00Z',
    '2026-11-29T09:60:00Z',
    '2026-11-29T23:59:60Z',
  ])('refuses %s, a day or time that does not exist', value => {
    expect(at(value)).toBe('is not a date or time that exists');
  });

  it.each([
    '2026-11-29T09:00+15:00',
    '2026-11-29T09:00-14:30',
    '2026-11-29T09:00+01:60',
  ])('refuses %s, an offset that does not exist', value => {
    expect(at(value)).toBe('has an offset that does not exist');
  });

  it.each([
    '',
    'yesterday',
    '1e12',
    '12/31/2026',
    '2026-11-29T9:00Z',
    '2026-W48-7',
    '2026-333',
    '2026-11-29t09:00:00z',
    ' 2026-11-29',
    '2026-11-29T09:00:00Z trailing',
  ])('refuses %j, which is not in the accepted ISO 8601 forms', value => {
    expect(at(value)).toMatch(/^must be an ISO 8601 date or date-time/);
  });
});
