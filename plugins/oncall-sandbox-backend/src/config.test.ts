import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { readSandboxConfig } from './config';
import { SANDBOX_DEFAULT_KEYS } from './options';

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
});
