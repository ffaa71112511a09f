import { BlamelessConfig } from '../../config';
import {
  VendorHttpClient,
  VendorRequest,
  secondsHeaderMs,
} from '../../lib/VendorHttpClient';
import { VendorPolicy } from '../../lib/resilience';
import { BlamelessTokenSource, isUnauthorized } from './BlamelessTokenSource';

/**
 * Calls to the Blameless API with a JWT the API key is exchanged for
 * ({@link BlamelessTokenSource}); a 401 renews the token once and repeats the call.
 */
export class BlamelessClient {
  readonly #http: VendorHttpClient;
  readonly #tokens: BlamelessTokenSource;

  constructor(options: {
    config: BlamelessConfig;
    policy: VendorPolicy;
    timeoutMs: number;
    now: () => number;
  }) {
    const { config, policy, timeoutMs, now } = options;
    const retryAfterMs = (headers: Headers) =>
      secondsHeaderMs(headers, 'Retry-After');
    this.#tokens = new BlamelessTokenSource({
      http: new VendorHttpClient({
        vendor: 'blameless',
        baseUrl: config.baseUrl,
        policy,
        authHeaders: async () => ({ Authorization: config.apiKey }),
        retryAfterMs,
      }),
      timeoutMs,
      now,
    });
    this.#http = new VendorHttpClient({
      vendor: 'blameless',
      baseUrl: config.baseUrl,
      policy,
      authHeaders: async () => ({
        Authorization: `Bearer ${await this.#tokens.token()}`,
      }),
      retryAfterMs,
    });
  }

  async request<T>(request: VendorRequest<T>): Promise<T> {
    return (await this.requestWithStatus(request)).body;
  }

  /** Runs a call; a 401 renews the token once and repeats it. */
  async requestWithStatus<T>(request: VendorRequest<T>) {
    try {
      return await this.#http.requestWithResponse(request);
    } catch (error) {
      if (!isUnauthorized(error)) {
        throw error;
      }
      this.#tokens.invalidate();
      return this.#http.requestWithResponse(request);
    }
  }
}
