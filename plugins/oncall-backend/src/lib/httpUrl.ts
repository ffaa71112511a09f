import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { capEcho } from './echo';

/**
 * The absolute http(s) URL in `value`, as the WHATWG URL parser (and so a browser) reads it;
 * undefined for anything else: `javascript:`, `data:`, `vbscript:` or any other scheme, a
 * relative or malformed URL, a non-string. Vendor-supplied links pass through here before they
 * reach a response, so a link in the portal only ever leads to a web page.
 */
export function httpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || !URL.canParse(value)) {
    return undefined;
  }
  const url = new URL(value);
  return url.protocol === 'http:' || url.protocol === 'https:'
    ? url.href
    : undefined;
}

/** A vendor's optional link field: its http(s) URL, or undefined ({@link httpUrl}). */
export const optionalHttpUrl = z.unknown().transform(httpUrl);

/**
 * A configured base for links or requests: its http(s) URL, or an InputError naming the config
 * `key` (e.g. `oncall.datadog.webUrl`).
 */
export function requireHttpUrl(value: string, key: string): string {
  const url = httpUrl(value);
  if (url === undefined) {
    throw new InputError(
      `${key} must be an absolute http(s) URL, got ${JSON.stringify(
        capEcho(value),
      )}`,
    );
  }
  return url;
}
