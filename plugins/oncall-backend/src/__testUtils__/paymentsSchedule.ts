import {
  OnCallSchedule,
  OnCallTeam,
  RotationDefinition,
} from '../oncall/OnCallProvider';

/** The payments team's schedule as the store and chain tests use it: `s1`, enabled, in Berlin. */
export function paymentsSchedule(
  ownerTeam: OnCallTeam,
  rotations: RotationDefinition[],
): OnCallSchedule {
  return {
    id: 's1',
    name: 'payments_schedule',
    timezone: 'Europe/Berlin',
    enabled: true,
    ownerTeam,
    rotations,
  };
}
