import { Rotation } from '@oncall-for-backstage/plugin-oncall-common';
import { RotationInput, buildRotation } from '../oncall/chain/buildRotation';
import {
  OnCallProvider,
  OnCallUser,
  ScheduleTimeline,
} from '../oncall/OnCallProvider';

const TWO_WEEKS_MS = 14 * 86_400_000;

/** The provider's users by lower-case username, as {@link buildRotation} looks them up. */
export async function usersOf(
  provider: OnCallProvider,
): Promise<Map<string, OnCallUser>> {
  return new Map(
    (await provider.listUsers()).map(u => [
      u.username.toLocaleLowerCase('en-US'),
      u,
    ]),
  );
}

/** The provider's timeline of a schedule for the two weeks from `now`. */
export function twoWeeksOf(
  provider: OnCallProvider,
  scheduleId: string,
  now: Date,
): Promise<ScheduleTimeline> {
  return provider.getTimeline(
    scheduleId,
    now,
    new Date(now.getTime() + TWO_WEEKS_MS),
  );
}

/**
 * The rotation the On-call tab shows at `input.now` for `input.schedule`, built from the
 * provider's timeline of the two weeks from then.
 */
export async function providerRotation(
  provider: OnCallProvider,
  input: Omit<RotationInput, 'periods'>,
): Promise<Rotation> {
  const { schedule, now } = input;
  const timeline = await twoWeeksOf(provider, schedule.id, now);
  return buildRotation({
    ...input,
    periods: timeline.periods.map(p => ({ ...p, scheduleId: schedule.id })),
  });
}

/**
 * The Incident Commander rotation of the provider's schedule named `scheduleName` at `now`:
 * the people on call in it, without an escalation chain.
 */
export async function commanderRotation(
  provider: OnCallProvider,
  scheduleName: string,
  now: Date,
): Promise<Rotation> {
  const schedule = (await provider.listSchedules()).find(
    s => s.name === scheduleName,
  );
  if (!schedule) {
    throw new Error(`${provider.id} has no schedule named ${scheduleName}`);
  }
  return providerRotation(provider, {
    schedule,
    withEscalation: false,
    users: await usersOf(provider),
    now,
  });
}
