import { SANDBOX_DEFAULT_KEYS } from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import request from 'supertest';

/** One period of an Opsgenie rotation's final timeline: who covers it, in epoch ms. */
export interface VendorPeriod {
  rotation: string;
  start: number;
  end: number;
  username: string;
}

interface WireRotation {
  name: string;
  periods: Array<{
    startDate: string;
    endDate: string;
    recipient: { name: string };
  }>;
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
  const rotations: WireRotation[] = res.body.data.finalTimeline.rotations;
  return rotations.flatMap(r =>
    r.periods.map(p => ({
      rotation: r.name,
      start: Date.parse(p.startDate),
      end: Date.parse(p.endDate),
      username: p.recipient.name,
    })),
  );
}
