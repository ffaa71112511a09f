import { encodePath, isPathSegment } from './VendorHttpClient';

describe('encodePath', () => {
  it('encodes every segment', () => {
    expect(encodePath('v2', 'schedules', 'a b?c#d', 'on-calls')).toBe(
      'v2/schedules/a%20b%3Fc%23d/on-calls',
    );
    expect(encodePath('api', 'v1', 'incidents', 344)).toBe(
      'api/v1/incidents/344',
    );
    expect(encodePath('x', '...', '.hidden', 'a..b', '%2e%2e')).toBe(
      'x/.../.hidden/a..b/%252e%252e',
    );
  });

  it.each(['..', '.', '', 'a/b', '/', '../v2/alerts'])(
    'refuses %j, which would move the request elsewhere, with an InputError',
    segment => {
      expect(isPathSegment(segment)).toBe(false);
      expect(() => encodePath('v2', 'schedules', segment, 'timeline')).toThrow(
        expect.objectContaining({
          name: 'InputError',
          message: `${JSON.stringify(
            segment,
          )} cannot be used in a request path: an identifier must not be empty, "." or "..", nor contain "/"`,
        }),
      );
    },
  );

  it('repeats at most 200 characters of a refused segment', () => {
    const error = (() => {
      try {
        encodePath(`${'x'.repeat(100_000)}/`);
        return undefined;
      } catch (e) {
        return e;
      }
    })();
    expect(String(error)).toContain(`"${'x'.repeat(200)}…"`);
    expect(String(error).length).toBeLessThan(400);
  });
});
