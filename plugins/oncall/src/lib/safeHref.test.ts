import { HOSTILE_URLS } from '../__testUtils__/hostileUrls';
import { MAX_HREF_LENGTH, safeHref } from './safeHref';

describe('safeHref', () => {
  it.each([
    [
      'https://acme.blameless.io/incidents/1',
      'https://acme.blameless.io/incidents/1',
    ],
    [
      'http://kibana.internal:5601/app/logs',
      'http://kibana.internal:5601/app/logs',
    ],
    [
      'HTTPS://Slack.example.com/archives/C1',
      'https://slack.example.com/archives/C1',
    ],
    [
      'https://app.datadoghq.com/slo?slo_id=a b',
      'https://app.datadoghq.com/slo?slo_id=a%20b',
    ],
  ])('keeps the http(s) URL %s', (value, href) => {
    expect(safeHref(value)).toBe(href);
  });

  it.each<[unknown]>([
    ...Object.values(HOSTILE_URLS).map((value): [unknown] => [value]),
    ['file:///etc/passwd'],
    ['ftp://files.example.com/x'],
    ['mailto:someone@example.com'],
    ['slack://channel?team=T1&id=C1'],
    [''],
    ['/catalog/default/component/checkout-api'],
    [`https://example.com/${'a'.repeat(MAX_HREF_LENGTH)}`],
    [undefined],
    [null],
    [42],
    [{ toString: () => 'https://example.com' }],
  ])('refuses %j', value => {
    expect(safeHref(value)).toBeUndefined();
  });

  it('accepts a path inside the app only when asked', () => {
    const path =
      '/catalog/default/component/payments-api/incidents?incident=1#x';
    expect(safeHref(path, { appRelative: true })).toBe(path);
    expect(safeHref(path)).toBeUndefined();
  });

  it.each([
    ['//evil.example.com/path'],
    ['/\\evil.example.com/path'],
    ['/\t/evil.example.com'],
    ['catalog/default'],
    [HOSTILE_URLS.javascript],
    [HOSTILE_URLS.data],
  ])('does not take %j for a path inside the app', value => {
    expect(safeHref(value, { appRelative: true })).toBeUndefined();
  });

  it('accepts mailto: with one plain address only when asked', () => {
    expect(safeHref('mailto:ada.lovelace@example.com', { mailto: true })).toBe(
      'mailto:ada.lovelace@example.com',
    );
    expect(safeHref('mailto:ada.lovelace@example.com')).toBeUndefined();
    for (const address of [
      'ada@example.com?subject=x',
      'ada@example.com,eve@example.com',
      'ada example@example.com',
      `ada@example.com\n${HOSTILE_URLS.javascript}`,
      'not-an-address',
      '',
    ]) {
      expect(safeHref(`mailto:${address}`, { mailto: true })).toBeUndefined();
    }
    expect(
      safeHref(HOSTILE_URLS.javascript, { mailto: true, appRelative: true }),
    ).toBeUndefined();
  });
});
