import { VendorError } from '../../lib/VendorError';
import { VendorHttpClient } from '../../lib/VendorHttpClient';
import { tokenResponse } from './wire';

/** Renew this long before the token's expiry. */
const EXPIRY_SKEW_MS = 60_000;
/** Used when the token carries neither `exp` nor `expires_in`. */
const DEFAULT_LIFETIME_MS = 10 * 60_000;

/**
 * Exchanges the Blameless API key for a short-lived JWT at `POST /api/v2/identity/token`
 * (raw key in `Authorization`), caches it until shortly before it expires (the JWT's `exp`
 * claim, else `expires_in`), and shares one exchange among concurrent callers.
 */
export class BlamelessTokenSource {
  #token?: { value: string; renewAt: number };
  #pending?: Promise<string>;

  constructor(
    private readonly options: {
      /** A client whose auth header is the raw API key. */
      http: VendorHttpClient;
      timeoutMs: number;
      now?: () => number;
    },
  ) {}

  #now(): number {
    return this.options.now?.() ?? Date.now();
  }

  async token(): Promise<string> {
    if (this.#token && this.#now() < this.#token.renewAt) {
      return this.#token.value;
    }
    if (!this.#pending) {
      this.#pending = this.#exchange().finally(() => {
        this.#pending = undefined;
      });
    }
    return this.#pending;
  }

  /** Forgets the cached token, e.g. after the vendor answered 401. */
  invalidate(): void {
    this.#token = undefined;
  }

  async #exchange(): Promise<string> {
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    const { body } = await this.options.http.once(
      {
        method: 'POST',
        path: 'api/v2/identity/token',
        schema: tokenResponse,
      },
      signal,
    );
    const issuedAt = this.#now();
    const expiresAt =
      jwtExpiryMs(body.access_token) ??
      (body.expires_in !== undefined
        ? issuedAt + body.expires_in * 1000
        : issuedAt + DEFAULT_LIFETIME_MS);
    const renewAt = Math.max(
      issuedAt,
      expiresAt - Math.min(EXPIRY_SKEW_MS, (expiresAt - issuedAt) / 2),
    );
    this.#token = { value: body.access_token, renewAt };
    return body.access_token;
  }
}

/** The `exp` claim of a JWT in ms, read without verifying the signature (we are its audience). */
export function jwtExpiryMs(token: string): number | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) {
    return undefined;
  }
  try {
    const payload: unknown = JSON.parse(
      Buffer.from(parts[1], 'base64url').toString('utf8'),
    );
    if (
      typeof payload === 'object' &&
      payload !== null &&
      'exp' in payload &&
      typeof payload.exp === 'number'
    ) {
      return payload.exp * 1000;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

export function isUnauthorized(error: unknown): boolean {
  return error instanceof VendorError && error.status === 401;
}
