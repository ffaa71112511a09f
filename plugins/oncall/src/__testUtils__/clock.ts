import { pinDate } from '@oncall-for-backstage/plugin-oncall-common/testing';
import { Settings } from 'luxon';

/** After each test, puts back the viewer's time zone (luxon's default zone) a test may have set. */
export function restoreViewerZoneAfterEach() {
  const defaultZone = Settings.defaultZone;
  afterEach(() => {
    Settings.defaultZone = defaultZone;
  });
}

/** Pins the clock at `ms` for each test, then puts back real timers and the viewer's zone. */
export function pinClockForEachTest(ms: number) {
  restoreViewerZoneAfterEach();
  beforeEach(() => pinDate(ms));
  afterEach(() => {
    jest.useRealTimers();
  });
}
