import request from 'supertest';
import { createSandbox } from '../app';
import { SANDBOX_DEFAULT_KEYS } from '../options';
import { participantAt } from '../org/rotation';
import { DemoOrg } from '../org/types';
import { TEST_NOW } from './sandbox';

/**
 * A sandbox with the control API on, its clock at `now()` (TEST_NOW by default), and
 * helpers to read the Blameless fake and to open and change live incidents.
 */
export function liveSandbox(
  options: { controlKey?: string; now?: () => number } = {},
) {
  const sb = createSandbox({
    seed: 42,
    now: () => new Date(options.now?.() ?? TEST_NOW.getTime()),
    keys: SANDBOX_DEFAULT_KEYS,
    control: true,
    controlKey: options.controlKey,
  });
  const blameless = async (path: string) => {
    const token = await request(sb.app)
      .post('/blameless/api/v2/identity/token')
      .set('Authorization', SANDBOX_DEFAULT_KEYS.blameless);
    return request(sb.app)
      .get(`/blameless${path}`)
      .set('Authorization', `Bearer ${token.body.access_token}`);
  };
  const open = (body: unknown) =>
    request(sb.app)
      .post('/__sandbox/incidents')
      .send(body as object);
  const patch = (id: number | string, body: unknown) =>
    request(sb.app)
      .patch(`/__sandbox/incidents/${id}`)
      .send(body as object);
  return { ...sb, blameless, open, patch };
}

/** The Incident Commander rotation's user at `t`, as the org defines it. */
export function commanderAt(org: DemoOrg, t: number) {
  const ic = org.schedules.find(s => s.name === org.incidentCommanderSchedule)!;
  const id = participantAt(ic, ic.rotations[0], t)!.participant.id;
  return org.users.find(u => u.id === id)!;
}
