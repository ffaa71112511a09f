import { ConfigReader } from '@backstage/config';
import { readOnCallProviders } from './readOnCallProviders';

const read = (oncall: object) => readOnCallProviders(new ConfigReader(oncall));

describe('readOnCallProviders', () => {
  it('reads the single-tool sections and the list, in that order', () => {
    const config = read({
      opsgenie: { baseUrl: 'http://127.0.0.1:1/opsgenie', apiKey: 'k' },
      jsm: { cloudId: 'c-1' },
      providers: [
        { id: 'opsgenie-eu', type: 'opsgenie', apiKey: 'k2' },
        { id: 'pd', type: 'pagerduty', apiToken: 't' },
      ],
      teamProviders: { Storefront: 'jsm' },
      migration: { prefer: ['jsm', 'opsgenie'] },
    });
    expect(config.providers.map(p => [p.id, p.type, p.key])).toEqual([
      ['opsgenie', 'opsgenie', 'oncall.opsgenie'],
      ['jsm', 'jsm', 'oncall.jsm'],
      ['opsgenie-eu', 'opsgenie', 'oncall.providers[0]'],
      ['pd', 'pagerduty', 'oncall.providers[1]'],
    ]);
    expect(config.providers[2].config.getString('apiKey')).toBe('k2');
    expect([...config.teamProviders]).toEqual([['storefront', 'jsm']]);
    expect(config.prefer).toEqual(['jsm', 'opsgenie']);
  });

  it('has no provider without config', () => {
    expect(readOnCallProviders(undefined)).toEqual({
      providers: [],
      teamProviders: new Map(),
      prefer: [],
    });
  });

  it.each([
    [
      { jsm: {}, providers: [{ id: 'jsm', type: 'jsm' }] },
      "oncall.providers[0].id 'jsm' is already the id of oncall.jsm; provider ids must be unique",
    ],
    [
      {
        providers: [
          { id: 'a', type: 'jsm' },
          { id: 'a', type: 'pagerduty' },
        ],
      },
      "oncall.providers[1].id 'a' is already the id of oncall.providers[0]",
    ],
    [{ providers: [{ type: 'jsm' }] }, 'oncall.providers[0].id must be'],
    [
      { providers: [{ id: 'Bad Id', type: 'jsm' }] },
      'oncall.providers[0].id must be',
    ],
    [
      { providers: [{ id: 'x', type: 'victorops' }] },
      'oncall.providers[0].type must be one of opsgenie, jsm, pagerduty, got "victorops"',
    ],
    [
      { opsgenie: {}, teamProviders: { growth: 'pagerduty' } },
      "oncall.teamProviders.growth names 'pagerduty', which is not a configured provider (opsgenie)",
    ],
    [
      { opsgenie: {}, migration: { prefer: ['opsgenie', 'jsm'] } },
      "oncall.migration.prefer[1] names 'jsm', which is not a configured provider (opsgenie)",
    ],
  ])('refuses %j naming the key', (oncall, message) => {
    expect(() => read(oncall)).toThrow(message);
  });
});
