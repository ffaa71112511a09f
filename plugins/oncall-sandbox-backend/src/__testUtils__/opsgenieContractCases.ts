import request from 'supertest';
import { OG_AUTH } from './sandbox';
import { Case, og } from './contractCalls';

/** Calls the Opsgenie fake at `/v2/schedules/<id of the demo schedule named name><rest>`. */
const onSchedule =
  (name: string, rest: string): Case['call'] =>
  (a, o) =>
    og(`/v2/schedules/${o.schedules.find(s => s.name === name)!.id}${rest}`)(a);

/** The wire contract cases for the Opsgenie fake: a recorded response and the equivalent request. */
export const opsgenieCases: Case[] = [
  {
    vendor: 'opsgenie',
    file: 'get-v2-schedules.json',
    status: 200,
    call: og('/v2/schedules'),
  },
  {
    vendor: 'opsgenie',
    file: 'get-v2-schedules-id.json',
    status: 200,
    call: onSchedule('checkout_weekend', '?identifierType=id'),
  },
  {
    vendor: 'opsgenie',
    file: 'get-v2-schedules-id-by-name.json',
    status: 200,
    call: og('/v2/schedules/checkout_weekday?identifierType=name'),
  },
  {
    vendor: 'opsgenie',
    file: 'get-v2-schedules-id-on-calls.json',
    status: 200,
    call: onSchedule(
      'payments_schedule',
      '/on-calls?date=2026-03-05T10%3A00%3A00%2B00%3A00',
    ),
  },
  {
    vendor: 'opsgenie',
    file: 'get-v2-schedules-id-403.json',
    status: 403,
    call: og(
      '/v2/schedules/b1d1b076-70b3-43a6-ac3b-ac386fdca79c?identifierType=id',
    ),
  },
  {
    vendor: 'opsgenie',
    file: 'get-v2-teams.json',
    status: 200,
    call: og('/v2/teams'),
    options: { extraKeysAt: [''] },
  },
  {
    vendor: 'opsgenie',
    file: 'get-v2-teams-id.json',
    status: 200,
    call: og('/v2/teams/payments-team?identifierType=name'),
  },
  {
    vendor: 'opsgenie',
    file: 'get-v2-users.json',
    status: 200,
    call: og('/v2/users?limit=2&offset=2'),
    options: { maps: ['data[].details'] },
  },
  {
    vendor: 'opsgenie',
    file: 'get-v2-users-id.json',
    status: 200,
    call: og('/v2/users/guest@example.com?expand=contact'),
    options: { optional: ['data.skypeUsername'], maps: ['data.details'] },
  },
  {
    vendor: 'opsgenie',
    file: 'get-v2-alerts-requests-id.json',
    status: 200,
    call: async a => {
      const created = await request(a)
        .post('/opsgenie/v2/alerts')
        .set(OG_AUTH)
        .send({ message: 'Checkout is down' });
      await og(`/v2/alerts/requests/${created.body.requestId}`)(a);
      return og(`/v2/alerts/requests/${created.body.requestId}`)(a);
    },
  },
];
