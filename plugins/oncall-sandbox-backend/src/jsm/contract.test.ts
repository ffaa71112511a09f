import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { Express } from 'express';
import { JSM_AUTH, JSM_BASE, testSandbox } from '../__testUtils__/sandbox';
import {
  ShapeOptions,
  WIRE_SAMPLES_DIR,
  compareShape,
  loadWireSample,
} from '../testing';
import { JsmDirectory } from './directory';
import { OrgIndex } from '../org/orgIndex';

/**
 * Contract: every JSM Operations (and Jira user) sample of the reference set is matched by the
 * sandbox's answer to the equivalent request: same keys, same JSON types.
 */
const { app, org } = testSandbox();
const dir = new JsmDirectory(new OrgIndex(org));
const schedule = (name: string) =>
  dir.scheduleId(org.schedules.find(s => s.name === name)!);
const team = (name: string) =>
  dir.teamId(org.teams.find(t => t.name === name)!);
const account = (fullNameIndex: number) =>
  dir.accountId(org.users[fullNameIndex].id);

const jsm = (path: string) => (a: Express) =>
  request(a).get(`${JSM_BASE}${path}`).set(JSM_AUTH);
const jira = (path: string) => (a: Express) =>
  request(a).get(`/jira${path}`).set(JSM_AUTH);

interface Case {
  file: string;
  status: number;
  call: (a: Express) => Promise<request.Response>;
  options?: ShapeOptions;
}

const ROTATION_OPTIONAL = (prefix: string): ShapeOptions => ({
  // rotations without an end or a time restriction leave those keys out, as the API does
  optional: [`${prefix}.endDate`, `${prefix}.timeRestriction`],
});

const discovery = () => schedule('discovery-ops_schedule');

const cases: Case[] = [
  {
    file: 'GET_schedules.json',
    status: 200,
    call: jsm('/v1/schedules?size=2&expand=rotation'),
    options: ROTATION_OPTIONAL('values[].rotations[]'),
  },
  {
    file: 'GET_schedules_{id}.json',
    status: 200,
    call: a => jsm(`/v1/schedules/${discovery()}`)(a),
    options: ROTATION_OPTIONAL('rotations[]'),
  },
  {
    file: 'GET_schedules_{id}_rotations.json',
    status: 200,
    call: a =>
      jsm(
        `/v1/schedules/${schedule('storefront-us_schedule')}/rotations?size=1`,
      )(a),
    options: ROTATION_OPTIONAL('values[]'),
  },
  {
    file: 'GET_schedules_{id}_on-calls.json',
    status: 200,
    call: a => jsm(`/v1/schedules/${discovery()}/on-calls`)(a),
  },
  {
    file: 'GET_schedules_{id}_on-calls_flat.json',
    status: 200,
    call: a => jsm(`/v1/schedules/${discovery()}/on-calls?flat=true`)(a),
  },
  {
    file: 'GET_schedules_{id}_next-on-calls.json',
    status: 200,
    call: a => jsm(`/v1/schedules/${discovery()}/next-on-calls`)(a),
  },
  {
    file: 'GET_schedules_{id}_next-on-calls_flat.json',
    status: 200,
    call: a => jsm(`/v1/schedules/${discovery()}/next-on-calls?flat=true`)(a),
  },
  {
    file: 'GET_schedules_{id}_timeline.json',
    status: 200,
    call: a =>
      jsm(
        `/v1/schedules/${discovery()}/timeline?intervalUnit=days&interval=15&expand=base,forwarding,override`,
      )(a),
    options: {
      // `flattenedResponders` on historical periods, `from` on forwarding ones only
      optional: [
        'finalTimeline.rotations[].periods[].flattenedResponders',
        'baseTimeline.rotations[].periods[].flattenedResponders',
        'overrideTimeline.rotations[].periods[].flattenedResponders',
      ],
    },
  },
  {
    file: 'GET_schedules_{id}_overrides.json',
    status: 200,
    call: a => jsm(`/v1/schedules/${discovery()}/overrides?size=1`)(a),
  },
  { file: 'GET_teams.json', status: 200, call: jsm('/v1/teams') },
  {
    file: 'GET_teams_{teamId}_escalations.json',
    status: 200,
    call: a => jsm(`/v1/teams/${team('discovery-ops')}/escalations`)(a),
  },
  {
    file: 'POST_alerts.json',
    status: 200,
    call: a =>
      request(a)
        .post(`${JSM_BASE}/v1/alerts`)
        .set(JSM_AUTH)
        .send({ message: 'Checkout latency', alias: 'contract-post' }),
  },
  {
    file: 'GET_alerts.json',
    status: 200,
    call: async a => {
      await request(a)
        .post(`${JSM_BASE}/v1/alerts`)
        .set(JSM_AUTH)
        .send({
          message: 'Search errors',
          alias: 'contract-list',
          responders: [{ id: team('discovery-ops'), type: 'team' }],
        });
      return jsm('/v1/alerts?query=alias%3Acontract-list')(a);
    },
    options: {
      // no paging link on a single page; the sample's acknowledged/closed/snoozed times
      // belong to a closed alert, and its extra properties are the alert's own
      optional: [
        'values[].ackTime',
        'values[].closeTime',
        'values[].snoozedUntil',
      ],
      loose: ['values[].extraProperties'],
    },
  },
  {
    file: 'GET_alerts_requests_{id}.json',
    status: 200,
    call: async a => {
      const created = await request(a)
        .post(`${JSM_BASE}/v1/alerts`)
        .set(JSM_AUTH)
        .send({ message: 'Status', alias: 'contract-status' });
      const path = `/v1/alerts/requests/${created.body.requestId}`;
      const first = await jsm(path)(a);
      return first.status === 404 ? jsm(path)(a) : first;
    },
  },
  {
    file: 'ERROR_400_errors.json',
    status: 400,
    call: a => jsm(`/v1/schedules/${discovery()}/on-calls?date=yesterday`)(a),
  },
  {
    file: 'ERROR_401_unauthorized.json',
    status: 401,
    call: a =>
      request(a)
        .get(`${JSM_BASE}/v1/teams`)
        .set('Authorization', `Basic ${Buffer.from('x:y').toString('base64')}`),
  },
  {
    file: 'ERROR_alert-domain.json',
    status: 404,
    call: a => jsm('/v1/alerts/requests/unknown')(a),
  },
  {
    file: 'GET_jira_rest_api_3_user_bulk.json',
    status: 200,
    call: a =>
      jira(
        `/rest/api/3/user/bulk?accountId=${account(0)}&accountId=${account(1)}`,
      )(a),
  },
  {
    file: 'GET_jira_rest_api_3_user.json',
    status: 200,
    call: a => jira(`/rest/api/3/user?accountId=${account(2)}`)(a),
  },
];

describe('wire contract: the JSM Operations fake answers in the recorded shapes', () => {
  it('covers every sample of the reference set', () => {
    const files = readdirSync(resolve(WIRE_SAMPLES_DIR, 'jsm-ops')).filter(f =>
      f.endsWith('.json'),
    );
    expect(cases.map(c => c.file).sort()).toEqual(files.sort());
  });

  it.each(cases.map(c => [c.file, c] as const))('%s', async (_name, c) => {
    const res = await c.call(app);
    // the last page of a list has no `links.next`, as the API documents
    const options = {
      ...c.options,
      optional: [...(c.options?.optional ?? []), 'links.next'],
    };
    expect(res.status).toBe(c.status);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const body = res.body;
    expect(
      compareShape(loadWireSample('jsm-ops', c.file), body, options),
    ).toEqual([]);
    // a list answer is not empty, so its elements were compared too
    expect(body?.values?.length ?? 1).toBeGreaterThan(0);
  });
});
