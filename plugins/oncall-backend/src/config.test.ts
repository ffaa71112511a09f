import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { normaliseGroupRef, readOnCallConfig } from './config';

const read = (oncall: JsonObject | undefined) =>
  readOnCallConfig(new ConfigReader(oncall === undefined ? {} : { oncall }));

/** The error `readOnCallConfig` throws for the config, as `name: message`. */
function errorOf(oncall: JsonObject): string {
  try {
    read(oncall);
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : '?';
  }
  throw new Error('the config was accepted');
}

const opsgenie = { baseUrl: 'https://api.opsgenie.com', apiKey: 'og-key' };
const blameless = { baseUrl: 'https://acme.blameless.io', apiKey: 'bl-key' };
const datadog = { apiKey: 'dd-api', applicationKey: 'dd-app' };

/** Values of the wrong type for a number key. */
const notNumbers = ['ten', true, [], { days: 1 }];

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

  describe('oncall.opsgenie', () => {
    it('reads baseUrl (without a trailing slash), apiKey and webUrl', () => {
      expect(
        read({
          opsgenie: {
            ...opsgenie,
            baseUrl: 'https://api.eu.opsgenie.com/',
            webUrl: 'https://acme.app.opsgenie.com',
          },
        }).opsgenie,
      ).toEqual({
        baseUrl: 'https://api.eu.opsgenie.com',
        apiKey: 'og-key',
        webUrl: 'https://acme.app.opsgenie.com',
      });
      expect(read({ opsgenie }).opsgenie?.webUrl).toBeUndefined();
    });

    it('names baseUrl and apiKey when they are missing', () => {
      expect(errorOf({ opsgenie: { apiKey: 'k' } })).toMatch(
        /'oncall\.opsgenie\.baseUrl'/,
      );
      expect(errorOf({ opsgenie: { baseUrl: opsgenie.baseUrl } })).toMatch(
        /'oncall\.opsgenie\.apiKey'/,
      );
      expect(errorOf({ opsgenie: { ...opsgenie, apiKey: 42 } })).toMatch(
        /'oncall\.opsgenie\.apiKey'.*wanted string/,
      );
    });

    it.each(['baseUrl', 'webUrl'])(
      'accepts only an absolute http(s) URL as %s',
      key => {
        for (const value of [
          'api.opsgenie.com',
          // eslint-disable-next-line no-script-url -- a hostile value on purpose
          'javascript:alert(1)//',
          'ftp://api.opsgenie.com',
          '/opsgenie',
        ]) {
          expect(errorOf({ opsgenie: { ...opsgenie, [key]: value } })).toBe(
            `InputError: oncall.opsgenie.${key} must be an absolute http(s) URL, got ${JSON.stringify(
              value,
            )}`,
          );
        }
        expect(errorOf({ opsgenie: { ...opsgenie, [key]: 7 } })).toMatch(
          new RegExp(`'oncall\\.opsgenie\\.${key}'.*wanted string`),
        );
      },
    );
  });

  describe('oncall.blameless', () => {
    it('has defaults for everything but baseUrl and apiKey', () => {
      expect(read({ blameless }).blameless).toEqual({
        baseUrl: 'https://acme.blameless.io',
        apiKey: 'bl-key',
        severityMap: { SEV0: 'sev0', SEV1: 'sev1', SEV2: 'sev2', SEV3: 'sev3' },
        backfillDays: 365,
        retentionDays: 730,
        retrospectiveDays: 30,
        retrospectiveLookupsPerRun: 200,
      });
    });

    it('reads valid values of every key', () => {
      expect(
        read({
          blameless: {
            ...blameless,
            severityMap: { p1: 'sev1', Critical: 'sev0' },
            backfillDays: 90,
            retentionDays: 0.5,
            retrospectiveDays: 7,
            retrospectiveLookupsPerRun: 0,
          },
        }).blameless,
      ).toMatchObject({
        severityMap: {
          SEV0: 'sev0',
          SEV1: 'sev1',
          SEV2: 'sev2',
          SEV3: 'sev3',
          P1: 'sev1',
          CRITICAL: 'sev0',
        },
        backfillDays: 90,
        retentionDays: 0.5,
        retrospectiveDays: 7,
        retrospectiveLookupsPerRun: 0,
      });
    });

    it('names baseUrl and apiKey', () => {
      expect(errorOf({ blameless: { apiKey: 'k' } })).toMatch(
        /'oncall\.blameless\.baseUrl'/,
      );
      expect(errorOf({ blameless: { baseUrl: blameless.baseUrl } })).toMatch(
        /'oncall\.blameless\.apiKey'/,
      );
      expect(
        errorOf({ blameless: { ...blameless, baseUrl: 'acme.blameless.io' } }),
      ).toBe(
        'InputError: oncall.blameless.baseUrl must be an absolute http(s) URL, got "acme.blameless.io"',
      );
    });

    it('names the severity label whose value is not a severity', () => {
      expect(
        errorOf({ blameless: { ...blameless, severityMap: { P1: 'high' } } }),
      ).toBe(
        'InputError: oncall.blameless.severityMap.P1 must be one of sev0, sev1, sev2, sev3',
      );
      expect(
        errorOf({ blameless: { ...blameless, severityMap: { P1: 1 } } }),
      ).toMatch(/'oncall\.blameless\.severityMap\.P1'/);
    });

    it.each(['backfillDays', 'retentionDays'])(
      '%s must be a positive number',
      key => {
        for (const value of [0, -1, ...notNumbers]) {
          expect(errorOf({ blameless: { ...blameless, [key]: value } })).toBe(
            `InputError: oncall.blameless.${key} must be a positive number`,
          );
        }
      },
    );

    it('retrospectiveDays must be a positive whole number', () => {
      for (const value of [0, -3, 1.5, ...notNumbers]) {
        expect(
          errorOf({ blameless: { ...blameless, retrospectiveDays: value } }),
        ).toBe(
          'InputError: oncall.blameless.retrospectiveDays must be a positive whole number',
        );
      }
    });

    it('retrospectiveLookupsPerRun must be a whole number, 0 or more', () => {
      for (const value of [-1, 2.5, ...notNumbers]) {
        expect(
          errorOf({
            blameless: { ...blameless, retrospectiveLookupsPerRun: value },
          }),
        ).toBe(
          'InputError: oncall.blameless.retrospectiveLookupsPerRun must be a whole number (0 or more)',
        );
      }
    });
  });

  describe('oncall.datadog', () => {
    it('builds the API and web URLs from the site, datadoghq.com by default', () => {
      expect(read({ datadog }).datadog).toEqual({
        baseUrl: 'https://api.datadoghq.com',
        apiKey: 'dd-api',
        applicationKey: 'dd-app',
        webUrl: 'https://app.datadoghq.com',
        burnRateMaxAgeMs: 600_000,
      });
      expect(
        read({ datadog: { ...datadog, site: 'us5.datadoghq.com' } }).datadog,
      ).toMatchObject({
        baseUrl: 'https://api.us5.datadoghq.com',
        webUrl: 'https://app.us5.datadoghq.com',
      });
    });

    it('reads baseUrl, webUrl and burnRateMaxAgeMinutes', () => {
      expect(
        read({
          datadog: {
            ...datadog,
            site: 'datadoghq.eu',
            baseUrl: 'http://127.0.0.1:7099/datadog/',
            webUrl: 'https://acme.datadoghq.eu/',
            burnRateMaxAgeMinutes: 2.5,
          },
        }).datadog,
      ).toMatchObject({
        baseUrl: 'http://127.0.0.1:7099/datadog',
        webUrl: 'https://acme.datadoghq.eu',
        burnRateMaxAgeMs: 150_000,
      });
    });

    it('names apiKey and applicationKey', () => {
      expect(errorOf({ datadog: { applicationKey: 'x' } })).toMatch(
        /'oncall\.datadog\.apiKey'/,
      );
      expect(errorOf({ datadog: { apiKey: 'x' } })).toMatch(
        /'oncall\.datadog\.applicationKey'/,
      );
    });

    it('site must be a host name', () => {
      for (const site of [
        'datadoghq',
        'evil.example/x',
        'datadoghq.com#',
        'https://datadoghq.com',
        '.datadoghq.com',
      ]) {
        expect(errorOf({ datadog: { ...datadog, site } })).toBe(
          `InputError: oncall.datadog.site must be a DataDog site host name such as datadoghq.com or datadoghq.eu, got ${JSON.stringify(
            site,
          )}`,
        );
      }
      expect(errorOf({ datadog: { ...datadog, site: 5 } })).toMatch(
        /'oncall\.datadog\.site'/,
      );
    });

    it.each(['baseUrl', 'webUrl'])(
      'accepts only an absolute http(s) URL as %s',
      key => {
        for (const value of ['app.datadoghq.com', 'data:text/html,x']) {
          expect(errorOf({ datadog: { ...datadog, [key]: value } })).toBe(
            `InputError: oncall.datadog.${key} must be an absolute http(s) URL, got ${JSON.stringify(
              value,
            )}`,
          );
        }
      },
    );

    it('burnRateMaxAgeMinutes must be a positive number', () => {
      for (const value of [0, -5, ...notNumbers]) {
        expect(
          errorOf({ datadog: { ...datadog, burnRateMaxAgeMinutes: value } }),
        ).toBe(
          'InputError: oncall.datadog.burnRateMaxAgeMinutes must be a positive number',
        );
      }
    });
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
