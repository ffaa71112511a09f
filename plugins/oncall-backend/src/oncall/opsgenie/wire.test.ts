import fs from 'node:fs';
import path from 'node:path';
import { ZodTypeAny } from 'zod';
import {
  WIRE_SAMPLES_DIR,
  loadWireSample,
} from '@oncall-for-backstage/plugin-oncall-sandbox-backend/testing';
import { toSchedule, toUser } from './mapOnCall';
import {
  errorBodySchema,
  getScheduleResponse,
  getTeamResponse,
  getUserResponse,
  listSchedulesResponse,
  listTeamsResponse,
  listUsersResponse,
  onCallsResponse,
  requestStatusResponse,
} from './wire';

function sample(name: string): unknown {
  return loadWireSample('opsgenie', name);
}

// Every recorded Opsgenie response body, with the parser of its endpoint.
const cases: Array<[string, ZodTypeAny]> = [
  ['get-v2-schedules.json', listSchedulesResponse],
  ['get-v2-schedules-id.json', getScheduleResponse],
  ['get-v2-schedules-id-by-name.json', getScheduleResponse],
  ['get-v2-schedules-id-on-calls.json', onCallsResponse],
  ['get-v2-schedules-id-on-calls-nested.json', onCallsResponse],
  ['get-v2-schedules-id-403.json', errorBodySchema],
  ['get-v2-teams.json', listTeamsResponse],
  ['get-v2-teams-id.json', getTeamResponse],
  ['get-v2-users.json', listUsersResponse],
  ['get-v2-users-id.json', getUserResponse],
  ['get-v2-alerts-requests-id.json', requestStatusResponse],
  ['get-v2-alerts-requests-id-failed.json', requestStatusResponse],
];

describe('Opsgenie response schemas', () => {
  it('cover every wire sample', () => {
    const files = fs
      .readdirSync(path.join(WIRE_SAMPLES_DIR, 'opsgenie'))
      .filter(f => !f.endsWith('.headers.json'));
    expect(files.sort()).toEqual(cases.map(([f]) => f).sort());
  });

  it.each(cases)('accept %s', (file, schema) => {
    const result = schema.safeParse(sample(file));
    expect(result.error?.issues).toBeUndefined();
    expect(result.success).toBe(true);
  });

  it('map a recorded schedule with its rotations and participants', () => {
    const schedule = toSchedule(
      getScheduleResponse.parse(sample('get-v2-schedules-id.json')).data,
    );
    expect(schedule).toMatchObject({
      id: 'b8e97704-0e9d-41b5-b27c-9d9027c83943',
      name: 'ooh_second_line',
      timezone: 'Europe/London',
      enabled: true,
      ownerTeam: { name: 'support_team' },
    });
    expect(schedule.rotations[0].participants[0]).toEqual({
      type: 'user',
      id: 'acd9af98-e3c0-4588-8276-1c545911e44f',
      name: 'user02@example.com',
    });
  });

  it('map a recorded user with its full name and email contact', () => {
    expect(
      toUser(getUserResponse.parse(sample('get-v2-users-id.json')).data),
    ).toEqual({
      id: 'f4df67fe-15cb-4c88-ad9c-a1a83a785fe6',
      username: 'john.doe@example.com',
      fullName: 'john doe',
      email: 'john.doe@example.com',
    });
  });
});
