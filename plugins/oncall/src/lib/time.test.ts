import { Settings } from 'luxon';
import { restoreViewerZoneAfterEach } from '../__testUtils__/clock';
import { formatMinutes, formatShiftTime, localiseInstants } from './time';

describe('time formatting', () => {
  restoreViewerZoneAfterEach();

  it('shows instants in the viewer zone with the zone name', () => {
    Settings.defaultZone = 'America/New_York';
    expect(formatShiftTime('2026-07-03T13:00:00Z')).toBe('Fri 3 Jul 09:00 EDT');
  });

  it('rewrites instants inside backend notices', () => {
    Settings.defaultZone = 'America/New_York';
    expect(
      localiseInstants(
        'Nobody is on call now; the next shift starts at 2026-07-03T13:00:00.000Z.',
      ),
    ).toBe(
      'Nobody is on call now; the next shift starts at Fri 3 Jul 09:00 EDT.',
    );
  });

  it('formats durations for people', () => {
    expect(formatMinutes(13.25)).toBe('13 min');
    expect(formatMinutes(284.7)).toBe('4 h 45 min');
    expect(formatMinutes(60 * 26)).toBe('1 d 2 h');
  });
});
