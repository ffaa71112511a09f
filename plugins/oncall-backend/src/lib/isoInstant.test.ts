import { parseIsoInstant } from './isoInstant';

const at = (value: string) => {
  const result = parseIsoInstant(value);
  return result.valid ? result.date.toISOString() : result.problem;
};

/** What parseIsoInstant says of a day, a time or an offset that does not exist, or of another form. */
const NO_SUCH_INSTANT = 'is not a date or time that exists';
const NO_SUCH_OFFSET = 'has an offset that does not exist';
const NOT_ISO =
  'must be an ISO 8601 date or date-time, e.g. 2026-11-29 or 2026-11-29T09:00:00Z';

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
    // a day or time that does not exist
    ['2024-02-30', NO_SUCH_INSTANT],
    ['2023-02-29', NO_SUCH_INSTANT],
    ['2026-04-31', NO_SUCH_INSTANT],
    ['2026-13-01', NO_SUCH_INSTANT],
    ['2026-00-10', NO_SUCH_INSTANT],
    ['2026-11-00', NO_SUCH_INSTANT],
    ['2026-11-29T25:00:00Z', NO_SUCH_INSTANT],
    ['2026-11-29T09:60:00Z', NO_SUCH_INSTANT],
    ['2026-11-29T23:59:60Z', NO_SUCH_INSTANT],
    // an offset that does not exist
    ['2026-11-29T09:00+15:00', NO_SUCH_OFFSET],
    ['2026-11-29T09:00-14:30', NO_SUCH_OFFSET],
    ['2026-11-29T09:00+01:60', NO_SUCH_OFFSET],
    // not in the accepted ISO 8601 forms
    ['', NOT_ISO],
    ['yesterday', NOT_ISO],
    ['1e12', NOT_ISO],
    ['12/31/2026', NOT_ISO],
    ['2026-11-29T9:00Z', NOT_ISO],
    ['2026-W48-7', NOT_ISO],
    ['2026-333', NOT_ISO],
    ['2026-11-29t09:00:00z', NOT_ISO],
    [' 2026-11-29', NOT_ISO],
    ['2026-11-29T09:00:00Z trailing', NOT_ISO],
  ])('reads %j as %s', (value, expected) => {
    expect(at(value)).toBe(expected);
  });
});
