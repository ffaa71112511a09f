import {
  blameless,
  datadog,
  errorOf,
  notNumbers,
  opsgenie,
  read,
} from './__testUtils__/readConfig';

describe('readOnCallConfig', () => {
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
    /** Blameless' own labels, which every severity map starts from. */
    const blamelessLabels = {
      SEV0: 'sev0',
      SEV1: 'sev1',
      SEV2: 'sev2',
      SEV3: 'sev3',
    };

    it('has defaults for everything but baseUrl and apiKey', () => {
      expect(read({ blameless }).blameless).toEqual({
        baseUrl: 'https://acme.blameless.io',
        apiKey: 'bl-key',
        severityMap: blamelessLabels,
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
        severityMap: { ...blamelessLabels, P1: 'sev1', CRITICAL: 'sev0' },
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

  describe('oncall.<vendor>.requestsPerMinute', () => {
    const sections = { opsgenie, blameless, datadog } as const;

    it.each(Object.keys(sections) as Array<keyof typeof sections>)(
      '%s: read when set, unpaced when not',
      vendor => {
        expect(read({ [vendor]: sections[vendor] })[vendor]).toMatchObject({
          requestsPerMinute: undefined,
        });
        expect(
          read({ [vendor]: { ...sections[vendor], requestsPerMinute: 600 } })[
            vendor
          ],
        ).toMatchObject({ requestsPerMinute: 600 });
      },
    );

    it.each(Object.keys(sections) as Array<keyof typeof sections>)(
      '%s: a bad budget is refused naming the key',
      vendor => {
        for (const value of [0, -1, 2.5, 100_001, ...notNumbers]) {
          expect(
            errorOf({
              [vendor]: { ...sections[vendor], requestsPerMinute: value },
            }),
          ).toBe(
            `InputError: oncall.${vendor}.requestsPerMinute must be a positive whole number of at most 100000`,
          );
        }
      },
    );
  });
});
