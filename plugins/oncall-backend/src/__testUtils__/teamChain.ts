import { Rotation } from '@oncall-for-backstage/plugin-oncall-common';
import { RotationInput } from '../oncall/chain/buildRotation';
import { OnCallProvider } from '../oncall/OnCallProvider';
import { providerRotation, usersOf } from './providerRotation';

/**
 * The chain the On-call tab shows at `input.now` for a team's schedule: the people on call,
 * then the escalation's levels, with the provider's users as names and emails.
 */
export async function teamChain(
  provider: OnCallProvider,
  input: Pick<RotationInput, 'schedule' | 'team' | 'escalation' | 'now'>,
): Promise<Rotation> {
  return providerRotation(provider, {
    ...input,
    withEscalation: true,
    users: await usersOf(provider),
  });
}
