import { normaliseGroupRef } from './config';
import { errorOf, notNumbers, read } from './__testUtils__/readConfig';

describe('readOnCallConfig', () => {
  it('has a default for everything when oncall is absent or empty', () => {
    for (const config of [undefined, {}]) {
      expect(read(config)).toEqual({
        opsgenie: undefined,
        blameless: undefined,
        datadog: undefined,
        incidentCommanderSchedule: undefined,
        teamMappings: new Map(),
        refresh: {
          onCall: { frequency: { minutes: 2 }, timeout: { minutes: 2 } },
          incidents: { frequency: { minutes: 5 }, timeout: { minutes: 5 } },
          openIncidents: {
            frequency: { seconds: 30 },
            timeout: { minutes: 1 },
          },
          slos: { frequency: { minutes: 5 }, timeout: { minutes: 5 } },
        },
        onCallChecks: { maxStaleMs: 900_000, rereadMs: 3_600_000 },
        shards: 1,
        vendorTimeoutMs: 5000,
        staleAfterMs: 600_000,
      });
    }
  });

  it('reads a section of the wrong type as an error naming it', () => {
    expect(errorOf({ opsgenie: 'yes' })).toMatch(
      /key 'oncall\.opsgenie' .*wanted object/,
    );
    expect(errorOf({ blameless: [] })).toMatch(/key 'oncall\.blameless'/);
    expect(errorOf({ datadog: 1 })).toMatch(/key 'oncall\.datadog'/);
    expect(errorOf({ refresh: { onCall: 'every minute' } })).toMatch(
      /key 'oncall\.refresh\.onCall'/,
    );
  });

  describe('oncall.incidentCommander.schedule', () => {
    it('is read as given, and named when of the wrong type', () => {
      expect(
        read({ incidentCommander: { schedule: 'sre_ic_schedule' } })
          .incidentCommanderSchedule,
      ).toBe('sre_ic_schedule');
      expect(errorOf({ incidentCommander: { schedule: ['a'] } })).toMatch(
        /'oncall\.incidentCommander\.schedule'/,
      );
    });
  });

  describe('oncall.teamMappings', () => {
    it('maps full, lower-case Group refs to team names', () => {
      expect(
        read({
          teamMappings: [
            { group: 'group:default/discovery', team: 'discovery-ops' },
            { group: 'Payments', team: 'payments-team' },
            { group: 'group:ops/SRE', team: 'sre' },
          ],
        }).teamMappings,
      ).toEqual(
        new Map([
          ['group:default/discovery', 'discovery-ops'],
          ['group:default/payments', 'payments-team'],
          ['group:ops/sre', 'sre'],
        ]),
      );
    });

    it('names the entry whose group is not a Group ref', () => {
      for (const group of ['component:default/x', 'group:default/', '  ']) {
        expect(
          errorOf({
            teamMappings: [
              { group: 'a', team: 'a' },
              { group, team: 'b' },
            ],
          }),
        ).toBe(
          `InputError: oncall.teamMappings[1].group must be a Group ref such as group:default/payments, got ${JSON.stringify(
            group,
          )}`,
        );
      }
    });

    it('names a missing or mistyped group or team', () => {
      expect(errorOf({ teamMappings: [{ team: 'x' }] })).toMatch(
        /'oncall\.teamMappings\[0\]\.group'/,
      );
      expect(errorOf({ teamMappings: [{ group: 'x', team: 3 }] })).toMatch(
        /'oncall\.teamMappings\[0\]\.team'/,
      );
      expect(errorOf({ teamMappings: { group: 'x' } })).toMatch(
        /'oncall\.teamMappings'/,
      );
    });
  });

  describe('oncall.refresh', () => {
    it.each(['onCall', 'incidents', 'openIncidents', 'slos'] as const)(
      'reads %s as a task schedule and names it when invalid',
      key => {
        expect(
          read({
            refresh: {
              [key]: { frequency: { minutes: 15 }, timeout: { minutes: 3 } },
            },
          }).refresh[key],
        ).toEqual({ frequency: { minutes: 15 }, timeout: { minutes: 3 } });
        expect(
          errorOf({ refresh: { [key]: { timeout: { minutes: 3 } } } }),
        ).toMatch(
          new RegExp(`^InputError: oncall\\.refresh\\.${key} is invalid`),
        );
        expect(
          errorOf({
            refresh: { [key]: { frequency: 'often', timeout: { minutes: 3 } } },
          }),
        ).toMatch(
          new RegExp(`^InputError: oncall\\.refresh\\.${key} is invalid`),
        );
      },
    );
  });

  describe('oncall.vendorTimeoutMs', () => {
    it('reads a whole number of milliseconds up to 10 minutes', () => {
      expect(read({ vendorTimeoutMs: 250 }).vendorTimeoutMs).toBe(250);
      expect(read({ vendorTimeoutMs: 600_000 }).vendorTimeoutMs).toBe(600_000);
    });

    it('names the key for anything else', () => {
      for (const value of [0, -1, 1.5, 600_001, 3e9, ...notNumbers]) {
        expect(errorOf({ vendorTimeoutMs: value })).toBe(
          'InputError: oncall.vendorTimeoutMs must be a positive whole number of at most 600000',
        );
      }
    });
  });

  describe('oncall.staleAfterMinutes', () => {
    it('reads a positive number of minutes', () => {
      expect(read({ staleAfterMinutes: 2.5 }).staleAfterMs).toBe(150_000);
    });

    it('names the key for anything else', () => {
      for (const value of [0, -10, ...notNumbers]) {
        expect(errorOf({ staleAfterMinutes: value })).toBe(
          'InputError: oncall.staleAfterMinutes must be a positive number',
        );
      }
    });
  });
});

describe('normaliseGroupRef', () => {
  it.each([
    ['payments', 'group:default/payments'],
    ['group:payments', 'group:default/payments'],
    ['Group:Default/Payments', 'group:default/payments'],
    [' group:ops/sre ', 'group:ops/sre'],
  ])('%j → %j', (ref, expected) => {
    expect(normaliseGroupRef(ref)).toBe(expected);
  });
});
