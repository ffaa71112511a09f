import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { readSandboxConfig } from './config';
import { SANDBOX_DEFAULT_KEYS } from './options';
import { defaultQuotaLimits } from './quota/limits';

const read = (sandbox: JsonObject) =>
  readSandboxConfig(new ConfigReader({ 'oncall-sandbox': sandbox }));

function errorOf(sandbox: JsonObject): string {
  try {
    read(sandbox);
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : '?';
  }
  throw new Error('the config was accepted');
}

const on = { enabled: true };
const notNumbers = ['many', false, [1], { n: 1 }];

describe('readSandboxConfig', () => {
  it('is off unless oncall-sandbox.enabled is true', () => {
    expect(readSandboxConfig(new ConfigReader({}))).toBeUndefined();
    expect(read({})).toBeUndefined();
    expect(read({ enabled: false, seed: 'ignored' })).toBeUndefined();
    expect(errorOf({ enabled: 'sometimes' })).toMatch(
      /'oncall-sandbox\.enabled'/,
    );
  });

  it('has a default for every other key', () => {
    expect(read(on)).toEqual({
      seed: 42,
      control: false,
      controlKey: undefined,
      keys: SANDBOX_DEFAULT_KEYS,
      scale: undefined,
    });
  });

  it('reads valid values of every key', () => {
    expect(
      read({
        ...on,
        control: true,
        controlKey: 'a-control-key-of-32-characters!!',
        seed: 7,
        scale: { teams: 500, services: 5000, incidents: 0, alerts: 1_200_000 },
        opsgenie: { apiKey: 'og' },
        blameless: { apiKey: 'bl' },
        datadog: { apiKey: 'dd-api', applicationKey: 'dd-app' },
        jsm: {
          email: 'ops@example.com',
          apiToken: 'jsm',
          cloudId: 'cloud',
          orgId: 'org',
        },
        pagerduty: { apiToken: 'pd' },
      }),
    ).toEqual({
      seed: 7,
      control: true,
      controlKey: 'a-control-key-of-32-characters!!',
      keys: {
        opsgenie: 'og',
        blameless: 'bl',
        datadogApi: 'dd-api',
        datadogApp: 'dd-app',
        jsm: {
          email: 'ops@example.com',
          apiToken: 'jsm',
          cloudId: 'cloud',
          orgId: 'org',
        },
        pagerduty: 'pd',
      },
      scale: {
        teams: 500,
        services: 5000,
        incidents: 0,
        slos: undefined,
        alerts: 1_200_000,
      },
    });
    expect(read({ ...on, seed: 0 })?.seed).toBe(0);
    expect(read({ ...on, seed: 4294967295 })?.seed).toBe(4294967295);
  });

  it('seed must be a 32-bit whole number', () => {
    for (const seed of [-1, 1.5, 4294967296, ...notNumbers]) {
      expect(errorOf({ ...on, seed })).toBe(
        'InputError: oncall-sandbox.seed must be a whole number of at least 0 and at most 4294967295',
      );
    }
  });

  it.each(['teams', 'services', 'incidents', 'slos', 'alerts'])(
    'scale.%s must be a whole number, 0 or more',
    key => {
      for (const value of [-1, 2.5, ...notNumbers]) {
        expect(errorOf({ ...on, scale: { [key]: value } })).toBe(
          `InputError: oncall-sandbox.scale.${key} must be a whole number of at least 0`,
        );
      }
    },
  );

  it('controlKey must be a string of at least 16 characters', () => {
    expect(errorOf({ ...on, controlKey: 'short' })).toBe(
      'InputError: oncall-sandbox.controlKey must be at least 16 characters long',
    );
    expect(errorOf({ ...on, controlKey: '' })).toMatch(
      /'oncall-sandbox\.controlKey'/,
    );
    expect(errorOf({ ...on, controlKey: 1234567890123456 })).toMatch(
      /'oncall-sandbox\.controlKey'.*wanted string/,
    );
  });

  it('names a mistyped boolean, key or section', () => {
    expect(errorOf({ ...on, control: 'always' })).toMatch(
      /'oncall-sandbox\.control'/,
    );
    expect(errorOf({ ...on, opsgenie: { apiKey: 1 } })).toMatch(
      /'oncall-sandbox\.opsgenie\.apiKey'/,
    );
    expect(errorOf({ ...on, blameless: { apiKey: [] } })).toMatch(
      /'oncall-sandbox\.blameless\.apiKey'/,
    );
    expect(errorOf({ ...on, datadog: { apiKey: true } })).toMatch(
      /'oncall-sandbox\.datadog\.apiKey'/,
    );
    expect(errorOf({ ...on, datadog: { applicationKey: {} } })).toMatch(
      /'oncall-sandbox\.datadog\.applicationKey'/,
    );
    expect(errorOf({ ...on, scale: 100 })).toMatch(/'oncall-sandbox\.scale'/);
  });

  it('turns quota mode on with oncall-sandbox.quota, at the defaults unless limits change them', () => {
    expect(read(on)?.quota).toBeUndefined();
    expect(read({ ...on, quota: {} })?.quota).toEqual(defaultQuotaLimits());
    expect(read({ ...on, quota: { enabled: false } })?.quota).toBeUndefined();
    const quota = read({
      ...on,
      quota: {
        enabled: true,
        limits: {
          opsgenie: { 'schedule-oncalls': '5/s,300/min', search: 'off' },
          datadog: { slo_history: '100/10s' },
        },
      },
    })?.quota;
    expect(quota?.opsgenie['schedule-oncalls']).toEqual([
      { limit: 5, seconds: 1 },
      { limit: 300, seconds: 60 },
    ]);
    expect(quota?.opsgenie.search).toEqual([]);
    expect(quota?.datadog.slo_history).toEqual([{ limit: 100, seconds: 10 }]);
    expect(quota?.opsgenie.configuration).toEqual(
      defaultQuotaLimits().opsgenie.configuration,
    );
  });

  it('names the quota key that is wrong', () => {
    const limits = (value: JsonObject) =>
      errorOf({ ...on, quota: { limits: value } });
    expect(limits({ opsgenie: { configuration: '10 per second' } })).toBe(
      "InputError: oncall-sandbox.quota.limits.opsgenie.configuration: '10 per second' is not a rate; write requests per period, e.g. 10/s, 600/min or 150/10s (at most a day), several separated by commas, or 'off'",
    );
    expect(limits({ opsgenie: { configuration: 10 } })).toBe(
      "InputError: oncall-sandbox.quota.limits.opsgenie.configuration must be a list of rates such as '10/s,600/min', or 'off'",
    );
    expect(limits({ opsgenie: { schedules: '1/s' } })).toMatch(
      /^InputError: oncall-sandbox\.quota\.limits\.opsgenie\.schedules: opsgenie has no rate-limit domain 'schedules'; use one of alert, configuration, search, schedule-oncalls$/,
    );
    expect(limits({ victorops: { rest: '960/min' } })).toMatch(
      /^InputError: oncall-sandbox\.quota\.limits\.victorops\.rest: unknown vendor 'victorops'/,
    );
    expect(limits({ opsgenie: '10/s' })).toMatch(
      /'oncall-sandbox\.quota\.limits\.opsgenie'/,
    );
    expect(errorOf({ ...on, quota: true })).toMatch(/'oncall-sandbox\.quota'/);
    expect(errorOf({ ...on, quota: { enabled: 'sometimes' } })).toMatch(
      /'oncall-sandbox\.quota\.enabled'/,
    );
  });
});
