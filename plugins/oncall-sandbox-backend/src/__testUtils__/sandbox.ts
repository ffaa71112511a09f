import { Express } from 'express';
import request from 'supertest';
import { createSandbox } from '../app';
import { SANDBOX_DEFAULT_KEYS } from '../options';
import { DemoOrg } from '../org/types';
import { quotaFromFlags } from '../quota/limits';

/** A Wednesday, mid-morning UTC. */
export const TEST_NOW = new Date('2026-03-04T10:15:00Z');

/**
 * A sandbox at TEST_NOW (or `now`) with the default keys and control routes on; `quotaFlags`
 * (`opsgenie.configuration=3/s`, as `--quota` takes them) turns quota mode on.
 */
export function testSandbox(
  overrides: {
    control?: boolean;
    controlKey?: string;
    org?: DemoOrg;
    now?: () => Date;
    quotaFlags?: string[];
  } = {},
) {
  return createSandbox(
    {
      seed: 42,
      now: overrides.now ?? (() => TEST_NOW),
      keys: SANDBOX_DEFAULT_KEYS,
      control: overrides.control ?? true,
      controlKey: overrides.controlKey,
      quota: overrides.quotaFlags
        ? quotaFromFlags(overrides.quotaFlags)
        : undefined,
    },
    overrides.org,
  );
}

export const OG_AUTH = {
  Authorization: `GenieKey ${SANDBOX_DEFAULT_KEYS.opsgenie}`,
};
/**
 * Asserts Opsgenie's throttled answer: 429, `X-RateLimit-State: THROTTLED` for the
 * Configuration domain, over a window of `periodSeconds`.
 */
export function expectOpsgenieThrottled(
  res: { status: number; headers: Record<string, string> },
  periodSeconds: number,
): void {
  expect(res.status).toBe(429);
  expect(res.headers).toMatchObject({
    'x-ratelimit-state': 'THROTTLED',
    'x-ratelimit-reason': 'Configuration',
    'x-ratelimit-period-in-sec': String(periodSeconds),
  });
}

export const DD_AUTH = {
  'DD-API-KEY': SANDBOX_DEFAULT_KEYS.datadogApi,
  'DD-APPLICATION-KEY': SANDBOX_DEFAULT_KEYS.datadogApp,
};

/** A GET of the Opsgenie fake at `path`, with the default key. */
export const og = (path: string) => (a: Express) =>
  request(a).get(`/opsgenie${path}`).set(OG_AUTH);
/** A GET of the DataDog fake at `path`, with the default keys. */
export const dd = (path: string) => (a: Express) =>
  request(a).get(`/datadog${path}`).set(DD_AUTH);

/**
 * Pages `responder` through Opsgenie's Create Alert as the portal's page button does, and
 * checks that the fake took the request (202).
 */
export async function pageFromPortal(app: Express, responder: object) {
  await request(app)
    .post('/opsgenie/v2/alerts')
    .set(OG_AUTH)
    .send({ message: 'Paged from the portal', responders: [responder] })
    .expect(202);
}

/** Basic `email:api_token` of the default JSM credentials. */
export const JSM_AUTH = {
  Authorization: `Basic ${Buffer.from(
    `${SANDBOX_DEFAULT_KEYS.jsm.email}:${SANDBOX_DEFAULT_KEYS.jsm.apiToken}`,
  ).toString('base64')}`,
};

/** The JSM Operations API base of the default cloud id. */
export const JSM_BASE = `/atlassian/jsm/ops/api/${SANDBOX_DEFAULT_KEYS.jsm.cloudId}`;
export const PD_HEADERS = {
  Authorization: `Token token=${SANDBOX_DEFAULT_KEYS.pagerduty}`,
  Accept: 'application/vnd.pagerduty+json;version=2',
};
