/* eslint-disable no-script-url -- these tests feed script URLs on purpose */
import { httpUrl, optionalHttpUrl } from './httpUrl';

describe('httpUrl', () => {
  it.each([
    [
      'https://acme.slack.com/archives/C123',
      'https://acme.slack.com/archives/C123',
    ],
    [
      'http://kibana.internal:5601/app/logs',
      'http://kibana.internal:5601/app/logs',
    ],
    ['HTTPS://Example.COM/a?b=c#d', 'https://example.com/a?b=c#d'],
    ['  https://example.com/x  ', 'https://example.com/x'],
  ])('keeps the http(s) URL %j', (value, expected) => {
    expect(httpUrl(value)).toBe(expected);
  });

  it.each([
    'javascript:alert(document.cookie)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'javascript://example.com/%0aalert(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.com/x',
    '//evil.example.com/x',
    '/relative/path',
    'not a url',
    'https://',
    'http://[::1',
    '',
    // what is not a string
    undefined,
    null,
    42,
    {},
    ['https://example.com'],
  ])('drops %j', value => {
    expect(httpUrl(value)).toBeUndefined();
  });

  it('reads a vendor link field in a zod schema the same way', () => {
    expect(optionalHttpUrl.parse('https://example.com/a')).toBe(
      'https://example.com/a',
    );
    expect(optionalHttpUrl.parse('javascript:alert(1)')).toBeUndefined();
    expect(optionalHttpUrl.parse(undefined)).toBeUndefined();
  });
});
