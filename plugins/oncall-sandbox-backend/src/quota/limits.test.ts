import { defaultQuotaLimits, quotaFromFlags } from './limits';
import { VENDOR_QUOTAS } from './vendorQuotas';

describe('quotaFromFlags', () => {
  const noFile = (path: string): string => {
    throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  };

  it('starts from the defaults, which carry their source', () => {
    const limits = quotaFromFlags(['defaults'], noFile);
    expect(limits).toEqual(defaultQuotaLimits());
    expect(limits.opsgenie['schedule-oncalls']).toEqual([
      { limit: 10, seconds: 1 },
      { limit: 600, seconds: 60 },
    ]);
    expect(limits.datadog.slo_history).toEqual([{ limit: 150, seconds: 10 }]);
    for (const quota of Object.values(VENDOR_QUOTAS)) {
      for (const domain of Object.values(quota.domains)) {
        expect(domain.source).not.toBe('');
        expect(domain.windows.length).toBeGreaterThan(0);
      }
    }
    expect(VENDOR_QUOTAS.datadog.domains.slo_history.assumed).toBe(false);
    expect(VENDOR_QUOTAS.blameless.domains.api.assumed).toBe(true);
  });

  it('applies assignments and files in order', () => {
    const files: Record<string, string> = {
      'quota.json': JSON.stringify({
        opsgenie: { configuration: '2/s,100/min', search: 'off' },
        datadog: { slo_history: '30/10s' },
      }),
    };
    const limits = quotaFromFlags(
      [
        'opsgenie.configuration=1/s',
        'quota.json',
        'datadog.slo_history=off',
        'blameless.api=5/s',
      ],
      path => files[path] ?? noFile(path),
    );
    expect(limits.opsgenie.configuration).toEqual([
      { limit: 2, seconds: 1 },
      { limit: 100, seconds: 60 },
    ]);
    expect(limits.opsgenie.search).toEqual([]);
    expect(limits.datadog.slo_history).toEqual([]);
    expect(limits.blameless.api).toEqual([{ limit: 5, seconds: 1 }]);
    expect(limits.opsgenie.alert).toEqual(defaultQuotaLimits().opsgenie.alert);
  });

  it.each([
    [
      'victorops.rest=960/min',
      "--quota victorops.rest=960/min: unknown vendor 'victorops'; use one of opsgenie, blameless, datadog, jsm, pagerduty",
    ],
    [
      'opsgenie.schedule=5/s',
      "--quota opsgenie.schedule=5/s: opsgenie has no rate-limit domain 'schedule'; use one of alert, configuration, search, schedule-oncalls",
    ],
    [
      'opsgenie.search=lots',
      "--quota opsgenie.search=lots: 'lots' is not a rate",
    ],
    ['opsgenie=5/s', '--quota opsgenie=5/s: write <vendor>.<domain>=<rates>'],
    ['', "--quota needs 'defaults'"],
    ['missing.json', '--quota missing.json: cannot read the file (ENOENT)'],
  ])('refuses %j with an error naming the flag', (flag, message) => {
    expect(() => quotaFromFlags([flag], noFile)).toThrow(message);
  });

  it('refuses a file that is not JSON or not vendors of domains, naming the file and entry', () => {
    const read = (text: string) => () => text;
    expect(() => quotaFromFlags(['q.json'], read('{'))).toThrow(
      '--quota q.json: not valid JSON',
    );
    expect(() =>
      quotaFromFlags(['q.json'], read('{"opsgenie": {"search": 5}}')),
    ).toThrow('--quota q.json: opsgenie.search must be an object of vendors');
    expect(() =>
      quotaFromFlags(
        ['q.json'],
        read('{"opsgenie": {"alert": "9/fortnight"}}'),
      ),
    ).toThrow("--quota q.json: opsgenie.alert: '9/fortnight' is not a rate");
    expect(() =>
      quotaFromFlags(['q.json'], read('{"datadog": {"slo": "1/s"}}')),
    ).toThrow(
      "--quota q.json: datadog.slo: datadog has no rate-limit domain 'slo'",
    );
  });
});
