import { SANDBOX_DEFAULT_KEYS } from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import request from 'supertest';
import { timelineResponse } from '../oncall/opsgenie/wire';

/** One period of an Opsgenie rotation's final timeline: who covers it, in epoch ms. */
export interface VendorPeriod {
  rotation: string;
  start: number;
  end: number;
  username: string;
}

/**
 * The periods of every rotation of an Opsgenie schedule over `days` days from `from` (ms), per
 * the sandbox's own timeline API, one recipient each.
 */
export async function sandboxOpsgenieTimeline(
  sandboxUrl: string,
  scheduleId: string,
  from: number,
  days: number,
): Promise<VendorPeriod[]> {
  const res = await request(sandboxUrl)
    .get(`/opsgenie/v2/schedules/${scheduleId}/timeline`)
    .query({
      date: new Date(from).toISOString(),
      interval: days,
      intervalUnit: 'days',
    })
    .set('Authorization', `GenieKey ${SANDBOX_DEFAULT_KEYS.opsgenie}`)
    .expect(200);
  // read as the adapter reads it: a body the adapter could not read fails here too
  const { rotations } = timelineResponse.parse(res.body).data.finalTimeline;
  return rotations.flatMap(r =>
    r.periods.map(p => {
      if (p.recipient.name === undefined) {
        throw new Error(`A period of ${r.name} has no recipient name`);
      }
      return {
        rotation: r.name,
        start: Date.parse(p.startDate),
        end: Date.parse(p.endDate),
        username: p.recipient.name,
      };
    }),
  );
}
