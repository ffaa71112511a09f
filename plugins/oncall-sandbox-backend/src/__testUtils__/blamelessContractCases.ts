import request from 'supertest';
import { Case, bl, withLiveIncident } from './contractCalls';
import { SANDBOX_DEFAULT_KEYS } from '../options';

/** Calls the Blameless fake at `path` of an incident opened (and, with `resolve`, resolved) through control. */
const onLiveIncident =
  (resolve: boolean, path: (id: string) => string) => async () => {
    const live = await withLiveIncident(resolve);
    return bl(path(live.id))(live.app);
  };

const incidentPath = (id: string | number) => `/api/v1/incidents/${id}`;

/** The wire contract cases for the Blameless fake: a recorded response and the equivalent request. */
export const blamelessCases: Case[] = [
  {
    vendor: 'blameless',
    file: 'get-api-v1-incidents-id.json',
    status: 200,
    call: (a, o) => bl(incidentPath(o.incidents[0].id))(a),
    options: { extraKeysAt: ['incident'] },
  },
  // the same sample for an incident opened, then resolved, through control
  ...(
    [
      [false, 'an incident opened through control'],
      [true, 'an incident resolved through control'],
    ] as const
  ).map(
    ([resolve, what]): Case => ({
      vendor: 'blameless',
      file: 'get-api-v1-incidents-id.json',
      status: 200,
      what,
      call: onLiveIncident(resolve, incidentPath),
      options: { extraKeysAt: ['incident'] },
    }),
  ),
  {
    vendor: 'blameless',
    file: 'get-api-v1-incidents-id-postmortem.json',
    status: 200,
    what: 'the retrospective of an incident resolved through control',
    call: onLiveIncident(true, id => `/api/v1/incidents/${id}/postmortem`),
  },
  {
    vendor: 'blameless',
    file: 'get-api-v1-incidents-id-postmortem.json',
    status: 200,
    call: (a, o) =>
      bl(
        `/api/v1/incidents/${
          o.incidents.find(i => i.retrospective)!.id
        }/postmortem`,
      )(a),
  },
  {
    vendor: 'blameless',
    file: 'post-oauth-token-auth0.json',
    status: 200,
    call: a =>
      request(a)
        .post('/blameless/api/v2/identity/token')
        .set('Authorization', SANDBOX_DEFAULT_KEYS.blameless),
    options: { extraKeysAt: [''] },
  },
];
