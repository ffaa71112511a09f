import { InputError } from '@backstage/errors';
import { ZodType, ZodTypeDef } from 'zod';
import { capEcho } from './echo';
import { Vendor } from './Vendor';
import { VendorError } from './VendorError';
import { VendorPolicy } from './resilience';

/** Query values; arrays repeat the parameter. Undefined values are left out. */
export type QueryParams = Record<
  string,
  string | number | boolean | undefined | Array<string | number>
>;

export interface VendorRequest<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the base URL, each dynamic segment already encoded (use {@link encodePath}). */
  path: string;
  query?: QueryParams;
  body?: unknown;
  headers?: Record<string, string>;
  /** Parses the JSON body at the boundary; a mismatch is a `malformed` VendorError. */
  schema: ZodType<T, ZodTypeDef, unknown>;
  /** Statuses that are an answer rather than a failure (e.g. 404 for "not processed yet"). */
  acceptStatus?: number[];
}

export interface VendorResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * Whether a value can stand as one segment of a request path: not empty, not `.` or `..`
 * (which URL parsing resolves away, moving the request to another resource) and without `/`.
 */
export function isPathSegment(value: string): boolean {
  return (
    value !== '' && value !== '.' && value !== '..' && !value.includes('/')
  );
}

/**
 * Encodes each segment of a path: `encodePath('v2', 'schedules', id)` → `v2/schedules/<id>`.
 * A segment that is empty, `.`, `..` or holds `/` is an InputError, thrown before any request.
 */
export function encodePath(...segments: Array<string | number>): string {
  return segments
    .map(segment => {
      const value = String(segment);
      if (!isPathSegment(value)) {
        throw new InputError(
          `${JSON.stringify(
            capEcho(value),
          )} cannot be used in a request path: an identifier must not be empty, "." or "..", nor contain "/"`,
        );
      }
      return encodeURIComponent(value);
    })
    .join('/');
}

/**
 * A small typed JSON client for one vendor: builds URLs with every part encoded, adds the
 * vendor's auth headers, runs each call through the vendor's policy (timeout, retry, breaker,
 * concurrency cap), and parses every body with zod. It never logs or returns credentials.
 */
export class VendorHttpClient {
  readonly #vendor: Vendor;
  readonly #baseUrl: string;
  readonly #policy: VendorPolicy;
  readonly #authHeaders: () => Promise<Record<string, string>>;
  readonly #retryAfterMs: (headers: Headers) => number | undefined;

  constructor(options: {
    vendor: Vendor;
    baseUrl: string;
    policy: VendorPolicy;
    authHeaders: () => Promise<Record<string, string>>;
    /** Reads the vendor's rate-limit headers into a wait before the next try. */
    retryAfterMs: (headers: Headers) => number | undefined;
  }) {
    this.#vendor = options.vendor;
    this.#baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#policy = options.policy;
    this.#authHeaders = options.authHeaders;
    this.#retryAfterMs = options.retryAfterMs;
  }

  get vendor(): Vendor {
    return this.#vendor;
  }

  isCircuitOpen(): boolean {
    return this.#policy.isOpen();
  }

  /** Whether a request started now would run at once rather than wait for a free slot. */
  hasFreeSlot(): boolean {
    return this.#policy.hasFreeSlot();
  }

  /** Runs the request with the policy and returns the parsed body. */
  async request<T>(request: VendorRequest<T>): Promise<T> {
    return (await this.requestWithResponse(request)).body;
  }

  async requestWithResponse<T>(
    request: VendorRequest<T>,
  ): Promise<VendorResponse<T>> {
    return this.#policy.execute(signal => this.#once(request, signal));
  }

  /** One attempt without the policy, for callers that run their own (e.g. token exchange). */
  async once<T>(
    request: VendorRequest<T>,
    signal?: AbortSignal,
  ): Promise<VendorResponse<T>> {
    return this.#once(request, signal);
  }

  buildUrl(path: string, query?: QueryParams): URL {
    const url = new URL(`${this.#baseUrl}/${path.replace(/^\/+/, '')}`);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined) {
        continue;
      }
      if (Array.isArray(value)) {
        value.forEach(v => url.searchParams.append(key, String(v)));
      } else {
        url.searchParams.set(key, String(value));
      }
    }
    return url;
  }

  async #once<T>(
    request: VendorRequest<T>,
    signal?: AbortSignal,
  ): Promise<VendorResponse<T>> {
    const url = this.buildUrl(request.path, request.query);
    const headers: Record<string, string> = {
      Accept: 'application/json',
      ...(await this.#authHeaders()),
      ...request.headers,
    };
    if (request.body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    let response: Response;
    try {
      response = await fetch(url, {
        method: request.method ?? 'GET',
        headers,
        body:
          request.body === undefined ? undefined : JSON.stringify(request.body),
        signal,
      });
    } catch (error) {
      if (signal?.aborted) {
        throw new VendorError({
          vendor: this.#vendor,
          kind: 'timeout',
          message: `${this.#vendor} did not answer in time (${request.path})`,
        });
      }
      throw new VendorError({
        vendor: this.#vendor,
        kind: 'network',
        message: `${this.#vendor} could not be reached (${request.path})`,
        cause: error,
      });
    }
    const accepted =
      response.ok || (request.acceptStatus ?? []).includes(response.status);
    const text = await response.text();
    if (!accepted) {
      throw new VendorError({
        vendor: this.#vendor,
        kind: 'http',
        status: response.status,
        retryAfterMs: this.#retryAfterMs(response.headers),
        message: `${this.#vendor} answered ${response.status} for ${
          request.method ?? 'GET'
        } ${request.path}: ${summarise(text)}`,
      });
    }
    let json: unknown;
    try {
      json = text.length > 0 ? JSON.parse(text) : {};
    } catch {
      throw new VendorError({
        vendor: this.#vendor,
        kind: 'malformed',
        status: response.status,
        message: `${this.#vendor} sent a body that is not JSON for ${
          request.path
        }`,
      });
    }
    const parsed = request.schema.safeParse(json);
    if (!parsed.success) {
      throw new VendorError({
        vendor: this.#vendor,
        kind: 'malformed',
        status: response.status,
        message: `${this.#vendor} sent an unexpected body for ${
          request.path
        }: ${parsed.error.issues
          .slice(0, 3)
          .map(i => `${i.path.join('.')}: ${i.message}`)
          .join('; ')}`,
      });
    }
    return {
      status: response.status,
      headers: response.headers,
      body: parsed.data,
    };
  }
}

/** The first part of an error body, for messages; vendors' error bodies hold no secrets. */
function summarise(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 200 ? `${oneLine.slice(0, 200)}…` : oneLine;
}

/** Reads a header holding seconds into milliseconds. */
export function secondsHeaderMs(
  headers: Headers,
  name: string,
): number | undefined {
  const value = headers.get(name);
  if (value === null) {
    return undefined;
  }
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
