import request from 'supertest';
import { Express } from 'express';
import { ShapeOptions, WireSampleVendor } from '../testing';
import { TEST_NOW, dd, og, testSandbox } from './sandbox';

export { dd, og };
import { DemoOrg } from '../org/types';
import { SANDBOX_DEFAULT_KEYS } from '../options';

/**
 * Contract: for each recorded vendor response, the sandbox's answer to the equivalent request
 * has the same shape (keys and JSON types). Extra keys are allowed only where noted: where the
 * sample is known to be minimal (vendor docs print "the minimum returned", an older recording
 * predates fields, or an error/no-data case leaves fields out).
 */
export interface Case {
  vendor: WireSampleVendor;
  file: string;
  status: number;
  call: (app: Express, org: DemoOrg) => Promise<request.Response>;
  options?: ShapeOptions;
  /** What the case answers, when several cases share a sample. */
  what?: string;
}

/** The one sandbox the contract cases and tests of a test file call. */
export const sandbox = testSandbox();
export const { app, org } = sandbox;
export const slo = (name: string) => org.slos.find(s => s.name === name)!;
export const schedule = (name: string) =>
  org.schedules.find(s => s.name === name)!;
export const nowS = Math.floor(TEST_NOW.getTime() / 1000);

export async function blamelessToken(a: Express): Promise<string> {
  const res = await request(a)
    .post('/blameless/api/v2/identity/token')
    .set('Authorization', SANDBOX_DEFAULT_KEYS.blameless);
  return res.body.access_token;
}

export const bl = (path: string) => async (a: Express) =>
  request(a)
    .get(`/blameless${path}`)
    .set('Authorization', `Bearer ${await blamelessToken(a)}`);

/** A sandbox of its own with one incident opened (and, with `resolve`, resolved) through control. */
export async function withLiveIncident(resolve: boolean) {
  const live = testSandbox();
  const opened = await request(live.app)
    .post('/__sandbox/incidents')
    .send({
      title: 'Card payments failing at checkout',
      severity: 'SEV1',
      services: ['checkout-api', 'payments-api'],
    })
    .expect(201);
  if (resolve) {
    await request(live.app)
      .patch(`/__sandbox/incidents/${opened.body.id}`)
      .send({ status: 'resolved' })
      .expect(200);
  }
  return { app: live.app, id: opened.body.id };
}

export const MONITOR_OPTIONS: ShapeOptions = {
  loose: ['options', '[].options'],
  maps: ['options.thresholds', '[].options.thresholds'],
};
export const HISTORY_MAPS = [
  'data.thresholds',
  'data.overall.precision',
  'data.overall.error_budget_remaining',
];
