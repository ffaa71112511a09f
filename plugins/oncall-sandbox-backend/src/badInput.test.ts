import request from 'supertest';
import {
  DD_AUTH,
  JSM_AUTH,
  JSM_BASE,
  OG_AUTH,
  testSandbox,
} from './__testUtils__/sandbox';
import { JsmDirectory } from './jsm/directory';
import { OrgIndex } from './org/orgIndex';
import { SANDBOX_DEFAULT_KEYS } from './options';

const ODD_VALUES = [
  '',
  '-1',
  'abc',
  '1e5',
  '99999999999999999999',
  '%00',
  '[object Object]',
  '2026-13-45T00:00:00Z',
  ' ',
  'null',
];

describe('bad input never crashes the sandbox', () => {
  const { app, org } = testSandbox();
  const schedule = org.schedules[0].id;
  const slo = org.slos[0].id;
  const jsm = new JsmDirectory(new OrgIndex(org));
  const jsmSchedule = jsm.scheduleId(jsm.schedules[0]);

  const cases: Array<[string, string[], Record<string, string> | 'blameless']> =
    [
      [
        '/opsgenie/v2/users',
        ['offset', 'limit', 'sort', 'order', 'query'],
        OG_AUTH,
      ],
      [
        `/opsgenie/v2/schedules/${schedule}/on-calls`,
        ['date', 'flat', 'scheduleIdentifierType'],
        OG_AUTH,
      ],
      [
        `/opsgenie/v2/schedules/${schedule}/timeline`,
        ['date', 'interval', 'intervalUnit', 'expand', 'identifierType'],
        OG_AUTH,
      ],
      [`/opsgenie/v2/schedules/${schedule}/next-on-calls`, ['date'], OG_AUTH],
      ['/opsgenie/v2/alerts', ['offset', 'limit'], OG_AUTH],
      [
        `${JSM_BASE}/v1/schedules`,
        ['offset', 'size', 'query', 'expand'],
        JSM_AUTH,
      ],
      [
        `${JSM_BASE}/v1/schedules/${jsmSchedule}/timeline`,
        ['date', 'interval', 'intervalUnit', 'expand'],
        JSM_AUTH,
      ],
      [
        `${JSM_BASE}/v1/schedules/${jsmSchedule}/on-calls`,
        ['date', 'flat'],
        JSM_AUTH,
      ],
      [`${JSM_BASE}/v1/alerts`, ['offset', 'size', 'query'], JSM_AUTH],
      [
        '/jira/rest/api/3/user/bulk',
        ['accountId', 'startAt', 'maxResults'],
        JSM_AUTH,
      ],
      [
        '/blameless/api/v1/incidents',
        ['limit', 'offset', 'search', 'updated_since', 'services', 'status'],
        'blameless',
      ],
      [
        '/datadog/api/v1/slo',
        ['ids', 'limit', 'offset', 'query', 'tags_query'],
        DD_AUTH,
      ],
      [
        '/datadog/api/v1/slo/search',
        ['query', 'page[size]', 'page[number]'],
        DD_AUTH,
      ],
      [`/datadog/api/v1/slo/${slo}/history`, ['from_ts', 'to_ts'], DD_AUTH],
      [
        '/datadog/api/v1/monitor',
        [
          'page',
          'page_size',
          'tags',
          'monitor_tags',
          'group_states',
          'id_offset',
        ],
        DD_AUTH,
      ],
    ];

  it.each(cases)(
    '%s answers odd parameters with 2xx or 4xx JSON',
    async (path, params, auth) => {
      let headers: Record<string, string>;
      if (auth === 'blameless') {
        const token = await request(app)
          .post('/blameless/api/v2/identity/token')
          .set('Authorization', SANDBOX_DEFAULT_KEYS.blameless);
        headers = { Authorization: `Bearer ${token.body.access_token}` };
      } else {
        headers = auth;
      }
      for (const param of params) {
        for (const value of ODD_VALUES) {
          const res = await request(app)
            .get(
              `${path}?${encodeURIComponent(param)}=${encodeURIComponent(
                value,
              )}`,
            )
            .set(headers);
          expect({ param, value, status: res.status < 500 }).toEqual({
            param,
            value,
            status: true,
          });
          expect(res.headers['content-type']).toMatch(/json/);
        }
      }
    },
  );
});
