import { CustomErrorBase } from '@backstage/errors';
import { Vendor } from './Vendor';

/**
 * An upstream call failed. Carries the HTTP status (absent for network errors, timeouts and
 * unparseable bodies) and how long the vendor asked us to wait before retrying.
 */
export class VendorError extends CustomErrorBase {
  name = 'VendorError' as const;
  readonly vendor: Vendor;
  readonly status?: number;
  readonly retryAfterMs?: number;
  /** `busy`: our own cap on calls to the vendor is full; the call was not made. */
  readonly kind:
    | 'http'
    | 'network'
    | 'timeout'
    | 'malformed'
    | 'circuit-open'
    | 'busy';

  constructor(options: {
    vendor: Vendor;
    message: string;
    kind: VendorError['kind'];
    status?: number;
    retryAfterMs?: number;
    cause?: unknown;
  }) {
    super(options.message, options.cause);
    this.vendor = options.vendor;
    this.kind = options.kind;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** 429, 5xx (but 501), network failures and timeouts are worth another try. */
  get retryable(): boolean {
    if (this.kind === 'network' || this.kind === 'timeout') {
      return true;
    }
    if (this.kind === 'http' && this.status !== undefined) {
      return this.status === 429 || (this.status >= 500 && this.status !== 501);
    }
    return false;
  }
}

export function isVendorError(error: unknown): error is VendorError {
  return error instanceof VendorError;
}
