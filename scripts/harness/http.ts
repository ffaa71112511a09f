import { request as httpRequest } from 'node:http';

/** One HTTP exchange as the suite records it. */
export interface Exchange {
  method: string;
  url: string;
  status: number;
  ms: number;
  text: string;
  /** The parsed body when it was JSON. */
  json?: any;
  headers: Headers;
}

/** Options of {@link request}. */
export interface RequestOptions {
  method?: string;
  token?: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** A raw body (sent as is, with the given content-type header). */
  rawBody?: string;
  timeoutMs?: number;
}

/**
 * Makes one request and records its status, body and wall time. A network error or client
 * timeout is reported as status 0 (never thrown), so load loops can count it.
 */
export async function request(
  url: string,
  options: RequestOptions = {},
): Promise<Exchange> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(options.body);
  }
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method,
      headers,
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return {
      method,
      url,
      status: response.status,
      ms: performance.now() - started,
      text,
      json,
      headers: response.headers,
    };
  } catch (error) {
    return {
      method,
      url,
      status: 0,
      ms: performance.now() - started,
      text: String(error),
      headers: new Headers(),
    };
  }
}

/** A guest user token (the demo's sign-in: user:default/guest). */
export async function guestToken(baseUrl: string): Promise<string> {
  const exchange = await request(
    `${baseUrl}/api/auth/guest/refresh?optional&env=development`,
  );
  const token = exchange.json?.backstageIdentity?.token;
  if (exchange.status !== 200 || typeof token !== 'string') {
    throw new Error(
      `guest sign-in failed: HTTP ${exchange.status} ${exchange.text.slice(
        0,
        300,
      )}`,
    );
  }
  return token;
}

/** A user token for `user:default/<name>` from the harness sign-in provider (harness entry only). */
export async function harnessUserToken(
  baseUrl: string,
  name: string,
): Promise<string> {
  const exchange = await request(
    `${baseUrl}/api/auth/harness/refresh?optional&env=development`,
    {
      headers: { 'x-harness-user': name },
    },
  );
  const token = exchange.json?.backstageIdentity?.token;
  if (exchange.status !== 200 || typeof token !== 'string') {
    throw new Error(
      `harness sign-in for ${name} failed: HTTP ${
        exchange.status
      } ${exchange.text.slice(0, 300)}`,
    );
  }
  return token;
}

/** The on-call plugin's routes for one entity. */
export function entityRoutes(
  baseUrl: string,
  ref: { kind: string; namespace?: string; name: string },
) {
  const path = [ref.kind.toLowerCase(), ref.namespace ?? 'default', ref.name]
    .map(encodeURIComponent)
    .join('/');
  const base = `${baseUrl}/api/oncall/entities/${path}`;
  return {
    onCall: `${base}/on-call`,
    incidents: `${base}/incidents`,
    slos: `${base}/slos`,
    pages: `${base}/pages`,
  };
}

/** Percentile (0..100) of a list of numbers; NaN for an empty list. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(
    sorted.length - 1,
    Math.max(0, Math.ceil((p / 100) * sorted.length) - 1),
  );
  return sorted[index];
}

/**
 * Sends a request with the path exactly as given (no URL normalisation: `..` and `%2E%2E`
 * segments reach the server as written, which `fetch` would resolve away).
 */
export function requestRawPath(
  baseUrl: string,
  path: string,
  options: { method?: string; token?: string; timeoutMs?: number } = {},
): Promise<Exchange> {
  const target = new URL(baseUrl);
  const started = performance.now();
  return new Promise(resolveExchange => {
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path,
        method: options.method ?? 'GET',
        headers: options.token
          ? { authorization: `Bearer ${options.token}` }
          : {},
        timeout: options.timeoutMs ?? 30_000,
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          const headers = new Headers();
          for (const [k, v] of Object.entries(res.headers)) {
            if (typeof v === 'string') headers.set(k, v);
          }
          resolveExchange({
            method: options.method ?? 'GET',
            url: `${baseUrl}${path}`,
            status: res.statusCode ?? 0,
            ms: performance.now() - started,
            text,
            json,
            headers,
          });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', error =>
      resolveExchange({
        method: options.method ?? 'GET',
        url: `${baseUrl}${path}`,
        status: 0,
        ms: performance.now() - started,
        text: String(error),
        headers: new Headers(),
      }),
    );
    req.end();
  });
}
