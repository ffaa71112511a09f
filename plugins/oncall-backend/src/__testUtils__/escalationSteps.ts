import { EscalationPolicy } from '../oncall/OnCallProvider';

/** A policy's rules as `[notify type, delay in minutes, recipient type]`, in their order. */
export function escalationSteps(policy: EscalationPolicy) {
  return policy.rules.map(r => [
    r.notifyType,
    r.delayMinutes,
    r.recipient.type,
  ]);
}
