import { annotationYaml } from './annotationHint';

describe('annotationYaml', () => {
  it('writes the annotation under metadata.annotations', () => {
    expect(
      annotationYaml({ key: 'opsgenie.com/team', value: 'growth' }, 'growth'),
    ).toBe(
      [
        'metadata:',
        '  name: growth',
        '  annotations:',
        '    opsgenie.com/team: growth',
      ].join('\n'),
    );
  });

  it('quotes a value YAML would read as something else', () => {
    const line = (value: string) =>
      annotationYaml({ key: 'opsgenie.com/team', value }, 'x').split('\n')[3];
    expect(line('service:checkout-api,env:prod')).toBe(
      '    opsgenie.com/team: service:checkout-api,env:prod',
    );
    expect(line('<opsgenie team name>')).toBe(
      '    opsgenie.com/team: <opsgenie team name>',
    );
    expect(line('true')).toBe('    opsgenie.com/team: "true"');
    expect(line('2024')).toBe('    opsgenie.com/team: "2024"');
    expect(line('a: b')).toBe('    opsgenie.com/team: "a: b"');
    expect(line('team #1')).toBe('    opsgenie.com/team: "team #1"');
    expect(line('*alias')).toBe('    opsgenie.com/team: "*alias"');
  });

  it('cuts a long value for display', () => {
    const yaml = annotationYaml(
      { key: 'opsgenie.com/team', value: 'x'.repeat(100_000) },
      'payments-api',
    );
    expect(yaml.length).toBeLessThan(300);
    expect(yaml).toMatch(/x…$/);
  });
});
