import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { readOnCallConfig } from './config';

const sandboxUrls = {
  opsgenie: {
    baseUrl: 'http://localhost:7007/api/oncall-sandbox/opsgenie',
    apiKey: 'sandbox-opsgenie-key',
  },
  blameless: {
    baseUrl: 'http://localhost:7007/api/oncall-sandbox/blameless',
    apiKey: 'sandbox-blameless-key',
  },
  datadog: {
    baseUrl: 'http://localhost:7007/api/oncall-sandbox/datadog',
    apiKey: 'dd-api',
    applicationKey: 'dd-app',
  },
};

function read(root: JsonObject) {
  return () =>
    readOnCallConfig(
      new ConfigReader({
        backend: { baseUrl: 'http://localhost:7007' },
        ...root,
      }),
    );
}

describe('a vendor pointed at this backend’s own sandbox', () => {
  it('is accepted while the sandbox is mounted (the demo)', () => {
    expect(
      read({ oncall: sandboxUrls, 'oncall-sandbox': { enabled: true } }),
    ).not.toThrow();
  });

  it.each(['opsgenie', 'blameless', 'datadog'] as const)(
    'is refused for %s when the sandbox is off, naming the key (an unset production variable falls back to the demo URL)',
    vendor => {
      expect(
        read({
          oncall: { [vendor]: sandboxUrls[vendor] },
          'oncall-sandbox': { enabled: false },
        }),
      ).toThrow(
        new RegExp(
          `oncall\\.${vendor}\\.baseUrl points at this backend's vendor sandbox .*oncall-sandbox\\.enabled is not true`,
        ),
      );
    },
  );

  it('is refused when the sandbox section is absent', () => {
    expect(read({ oncall: { opsgenie: sandboxUrls.opsgenie } })).toThrow(
      /oncall\.opsgenie\.baseUrl points at this backend's vendor sandbox/,
    );
  });

  it('is accepted for a sandbox on another host or a standalone sandbox', () => {
    for (const baseUrl of [
      'http://demo.example.com/api/oncall-sandbox/opsgenie',
      'http://localhost:7070/opsgenie',
      'https://api.opsgenie.com',
    ]) {
      expect(
        read({
          oncall: { opsgenie: { baseUrl, apiKey: 'k' } },
          'oncall-sandbox': { enabled: false },
        }),
      ).not.toThrow();
    }
  });
});
