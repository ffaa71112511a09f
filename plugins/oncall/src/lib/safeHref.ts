const APP_ORIGIN = 'https://app.invalid';

/** The longest address made into a link; longer values are shown as text. */
export const MAX_HREF_LENGTH = 8_192;

/** What a value may become a link to. */
export interface SafeHrefOptions {
  /** Also accept a path inside this app, such as `/catalog/default/group/payments`. */
  appRelative?: boolean;
  /** Also accept `mailto:` with one plain email address, such as a responder's. */
  mailto?: boolean;
}

/** One address: no spaces, control characters, second `@` or URL/header delimiters. */
const EMAIL =
  /^[^\s\p{Cc}@/\\?#&:;,<>"]+@[^\s\p{Cc}@/\\?#&:;,<>"]+\.[^\s\p{Cc}@/\\?#&:;,<>".]+$/u;
const MAX_EMAIL_LENGTH = 254;

function parse(value: string, base?: string): URL | undefined {
  try {
    return new URL(value, base);
  } catch {
    return undefined;
  }
}

/**
 * The address a link may point to: an absolute http(s) URL, normalised as a browser would
 * follow it, or, when asked, a path inside this app or `mailto:` one email address. Anything
 * else — `javascript:`, `data:`, `vbscript:`, another scheme, a protocol-relative `//host`, a
 * malformed or oversized value, a non-string — gives `undefined`, and the caller shows the text
 * without a link.
 */
export function safeHref(
  value: unknown,
  options: SafeHrefOptions = {},
): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_HREF_LENGTH) {
    return undefined;
  }
  if (options.mailto && value.startsWith('mailto:')) {
    const address = value.slice('mailto:'.length);
    return address.length <= MAX_EMAIL_LENGTH && EMAIL.test(address)
      ? value
      : undefined;
  }
  const absolute = parse(value);
  if (absolute) {
    return absolute.protocol === 'https:' || absolute.protocol === 'http:'
      ? absolute.href
      : undefined;
  }
  if (!options.appRelative || !value.startsWith('/')) {
    return undefined;
  }
  // Resolved against a stand-in origin, a path that leaves it (`//host`, `/\host`) is not
  // a path inside the app.
  const relative = parse(value, APP_ORIGIN);
  if (!relative || relative.origin !== APP_ORIGIN) {
    return undefined;
  }
  return `${relative.pathname}${relative.search}${relative.hash}`;
}
