import { Rotation } from '@oncall-for-backstage/plugin-oncall-common';
import { EscalationPolicy } from '../oncall/OnCallProvider';

/** A policy's rules as `[notify type, delay in minutes, recipient type]`, in their order. */
export function escalationSteps(policy: EscalationPolicy) {
  return policy.rules.map(r => [
    r.notifyType,
    r.delayMinutes,
    r.recipient.type,
  ]);
}

/** A rotation's levels as `[role, after minutes, the responders' names or emails]`. */
export function levelSteps(rotation: Rotation, responder: 'name' | 'email') {
  return rotation.levels.map(l => [
    l.role,
    l.afterMinutes,
    l.responders.map(r => r[responder]),
  ]);
}
