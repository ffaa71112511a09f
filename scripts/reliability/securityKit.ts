/*
 * Shared set-up of the security test files (security-access.test.ts, security-input.test.ts):
 * the portal backend composed with the harness's test-only permission policy and sign-in
 * (scripts/harness/backend-main.ts) and the embedded sandbox (the default portal config), the
 * users and entities the tests use, and the vendor-key scan. Each file starts its own backend.
 */
import { after, before } from 'node:test';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  BackendProcess,
  Exchange,
  HarnessRun,
  RequestOptions,
  SANDBOX_KEYS,
  createRun,
  fastRefreshConfig,
  guestToken,
  harnessUserToken,
  request as rawRequest,
  startBackend,
  waitForCatalog,
} from '../harness';
import { DEMO_ENTITIES } from './lib';

export const HIDDEN = {
  kind: 'component',
  namespace: 'default',
  name: 'payment-gateway',
};
export const HIDDEN_REF = `component:default/${HIDDEN.name}`;
export const VISIBLE = DEMO_ENTITIES[0];
export const RESTRICTED_USER = 'restricted';
export const KEYS = Object.values(SANDBOX_KEYS);
/** oncall-sandbox.controlKey of the security backends. */
export const CONTROL_KEY = 'security-suite-control-key';

/** One file's backend, its users' tokens, and every exchange of the file. */
export interface SecuritySuite {
  run: HarnessRun;
  backend: BackendProcess;
  guest: string;
  restricted: string;
  /** Every exchange of the file, scanned for vendor keys. */
  exchanges: Exchange[];
  /** A request whose exchange is kept in `exchanges`. */
  request(url: string, options?: RequestOptions): Promise<Exchange>;
  /** The URL of an on-call API path. */
  api(path: string): string;
}

/** Starts the file's backend before its tests and stops it after them. */
export function securitySuite(label: string): SecuritySuite {
  const suite = {
    exchanges: [] as Exchange[],
    async request(url: string, options?: RequestOptions) {
      const exchange = await rawRequest(url, options);
      suite.exchanges.push(exchange);
      return exchange;
    },
    api: (path: string) => `${suite.backend.url}/api/oncall${path}`,
  } as SecuritySuite;
  before(async () => {
    suite.run = createRun(label);
    suite.backend = await startBackend(suite.run, {
      name: 'backend',
      entry: 'harness',
      sandbox: 'embedded',
      config: {
        ...fastRefreshConfig({ frequencySeconds: 30 }),
        'oncall-sandbox': { controlKey: CONTROL_KEY },
        reliabilityHarness: {
          policy: [
            {
              user: `user:default/${RESTRICTED_USER}`,
              hide: [HIDDEN_REF],
              deny: ['oncall.page.create'],
            },
          ],
        },
      },
    });
    await waitForCatalog(suite.backend, { min: 10 });
    suite.guest = await guestToken(suite.backend.url);
    suite.restricted = await harnessUserToken(
      suite.backend.url,
      RESTRICTED_USER,
    );
  });
  after(async () => {
    await suite.backend?.stop();
  });
  return suite;
}

export function q(params: Array<[string, string]>): string {
  return params
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
}

export function scanText(text: string): string[] {
  return KEYS.filter(key => text.includes(key));
}

/** Every vendor key in the responses (bodies and headers) and the backend's log lines. */
export function responseAndLogLeaks(
  exchanges: Exchange[],
  backend: BackendProcess,
): string[] {
  const leaks: string[] = [];
  for (const e of exchanges) {
    const headerText = [...e.headers].map(([k, v]) => `${k}: ${v}`).join('\n');
    for (const key of scanText(`${e.text}\n${headerText}`))
      leaks.push(`response ${e.method} ${e.url.slice(0, 120)} holds ${key}`);
  }
  for (const line of backend.process.lines) {
    for (const key of scanText(line))
      leaks.push(`log line holds ${key}: ${line.slice(0, 200)}`);
  }
  return leaks;
}

export function filesUnder(dir: string, pattern: RegExp): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path, pattern));
    else if (pattern.test(entry.name) && statSync(path).size < 20_000_000)
      out.push(path);
  }
  return out;
}
