import request from 'supertest';
import { compareShape } from '../testing';
import {
  OG_AUTH,
  TEST_NOW,
  pageFromPortal,
  testSandbox,
} from '../__testUtils__/sandbox';

/**
 * No recording of List Alerts or Get Alert exists (see the wire samples' README), so these
 * answers are held to the documented shape instead: `BaseAlert` and `Alert` of Opsgenie's own
 * specification (opsgenie-oas `definitions/alert.yaml`, summarised in vendor-apis.md §1.7.8),
 * plus `ownerTeamId` from the Go SDK's alert model. Every field of an acknowledged and closed
 * alert; `report` and its fields appear as the alert gets there; `snoozedUntil` only while
 * snoozed (never, here).
 */
const BASE_ALERT = {
  id: '70413a06-38d6-4c85-92b8-5ebc900d42e2',
  tinyId: '1791',
  alias: 'event_573',
  message: 'Our servers are in danger',
  status: 'closed',
  acknowledged: true,
  isSeen: true,
  tags: ['Critical'],
  snoozed: false,
  snoozedUntil: '2017-04-03T20:32:35.143Z',
  count: 79,
  lastOccurredAt: '2017-04-03T20:05:50.894Z',
  createdAt: '2017-03-21T20:32:52.353Z',
  updatedAt: '2017-04-03T20:32:57.301Z',
  source: 'Isengard',
  owner: 'user@example.com',
  priority: 'P5',
  responders: [{ type: 'team', id: '8418d193-2dab-4490-b331-8c02cdd196b7' }],
  integration: {
    id: '4513b7ea-3b91-438f-b7e4-e3e54af9147c',
    name: 'Nebuchadnezzar',
    type: 'API',
  },
  report: {
    ackTime: 15702,
    closeTime: 60503,
    acknowledgedBy: 'user@example.com',
    closedBy: 'user@example.com',
  },
  ownerTeamId: '8418d193-2dab-4490-b331-8c02cdd196b7',
};

const LIST_ALERTS = {
  data: [BASE_ALERT],
  paging: {
    next: 'https://api.opsgenie.com/v2/alerts?query=status%3Aopen&offset=20&limit=10&sort=createdAt&order=desc',
    first:
      'https://api.opsgenie.com/v2/alerts?query=status%3Aopen&offset=0&limit=10&sort=createdAt&order=desc',
    last: 'https://api.opsgenie.com/v2/alerts?query=status%3Aopen&offset=100&limit=10&sort=createdAt&order=desc',
  },
  took: 0.605,
  requestId: '9ae63dd7-ed00-4c81-86f0-c4ffd33142c9',
};

const GET_ALERT = {
  data: {
    ...BASE_ALERT,
    actions: ['Restart'],
    entity: 'EC2',
    description: 'Example description',
    details: { serverName: 'Zion' },
  },
  took: 0.01,
  requestId: '9ae63dd7-ed00-4c81-86f0-c4ffd33142c9',
};

const PARTIAL = (prefix: string) => [
  `${prefix}.snoozedUntil`,
  `${prefix}.ownerTeamId`,
  `${prefix}.report`,
  `${prefix}.report.ackTime`,
  `${prefix}.report.acknowledgedBy`,
  `${prefix}.report.closeTime`,
  `${prefix}.report.closedBy`,
];

describe('Opsgenie alert answers against the documented shape', () => {
  const { app } = testSandbox();
  const get = (path: string) =>
    request(app).get(`/opsgenie${path}`).set(OG_AUTH);
  const since = TEST_NOW.getTime() - 3 * 86_400_000;

  it('List Alerts: open, acknowledged, closed and self-closed alerts, and ones created through the API', async () => {
    await pageFromPortal(app, { type: 'user', username: 'guest@example.com' });
    const res = await get(
      `/v2/alerts?limit=100&query=${encodeURIComponent(`createdAt>${since}`)}`,
    ).expect(200);
    const data: Array<{
      status: string;
      acknowledged: boolean;
      report?: object;
    }> = res.body.data;
    expect(data.some(a => a.report === undefined)).toBe(true);
    expect(data.some(a => a.acknowledged && a.status === 'open')).toBe(true);
    expect(data.some(a => a.status === 'closed' && !a.acknowledged)).toBe(true);
    expect(data.some(a => a.status === 'closed' && a.acknowledged)).toBe(true);
    expect(
      compareShape(LIST_ALERTS, res.body, {
        optional: [...PARTIAL('data[]'), 'paging.next'],
      }),
    ).toEqual([]);
  });

  it('Get Alert', async () => {
    const [first] = (await get('/v2/alerts?limit=1&query=status%3Aclosed')).body
      .data;
    const res = await get(`/v2/alerts/${first.id}`).expect(200);
    expect(
      compareShape(GET_ALERT, res.body, {
        optional: PARTIAL('data'),
        maps: ['data.details'],
      }),
    ).toEqual([]);
  });
});
