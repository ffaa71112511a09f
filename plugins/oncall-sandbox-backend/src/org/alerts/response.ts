import { Random } from '../random';
import { MINUTE } from '../time';
import { DemoUser } from '../types';
import { Draft } from './drafts';
import { EscalationStep } from './paging';
import { SandboxPage } from './types';

/** What happens to a page: who acknowledges it and when, when it closes, how often it repeats. */
export type PageFate = Pick<
  SandboxPage,
  'acknowledged' | 'closed' | 'occurrences'
> & { closed: NonNullable<SandboxPage['closed']> };

/** The people a page can reach, as its team's escalation policy has them at the page's time. */
export interface PageChain {
  /** The first level on call (user id). */
  primary?: string;
  /** The secondary the policy escalates to (user id), if it has one. */
  secondary?: string;
  members: DemoUser[];
  step?: EscalationStep;
  firstLevelMinutes: number;
  escalationRate: number;
  asleep(userId: string, t: number): boolean;
  username(userId: string): string;
}

function minutes(random: Random, from: number, to: number): number {
  return Math.round((from + random.next() * (to - from)) * MINUTE);
}

function repeats(random: Random, at: number, until: number, count: number) {
  return Array.from(
    { length: count },
    () => at + Math.floor(random.next() * (until - at)),
  );
}

/** The escalation's acknowledgement: the secondary, or an awake team mate, after the delay. */
function escalated(
  draft: Draft,
  chain: PageChain,
  random: Random,
): SandboxPage['acknowledged'] {
  const step = chain.step;
  if (!step) {
    return undefined;
  }
  const at = draft.at;
  const ackAt =
    at +
    step.delayMinutes * MINUTE +
    minutes(random, 1, step.to === 'secondary' ? 6 : 8);
  // whoever it escalates to is awake from the page until they acknowledge it
  const awake = (id: string) =>
    !chain.asleep(id, at) && !chain.asleep(id, ackAt);
  let by: string | undefined;
  if (step.to === 'secondary') {
    const s = chain.secondary;
    by = s && s !== chain.primary && awake(s) ? s : undefined;
  } else {
    const mates = chain.members.filter(
      m => m.id !== chain.primary && awake(m.id),
    );
    by = mates.length > 0 ? random.pick(mates).id : undefined;
  }
  return by ? { at: ackAt, by: chain.username(by) } : undefined;
}

/**
 * The fate of a page. The noisy alert repeats and closes itself within minutes, before anyone
 * acknowledges it. Any other page is acknowledged by the first level on call within its time
 * (slower in their sleep) — or, for a share of day-time pages, only after the policy's delay by
 * the secondary or a team mate — and closed within hours by whoever acknowledged it or by the
 * integration; a few repeat while open.
 */
export function respond(
  draft: Draft,
  chain: PageChain,
  integration: string,
  random: Random,
): PageFate {
  const at = draft.at;
  if (draft.kind === 'noisy') {
    const closeAt = at + minutes(random, 3, 12);
    return {
      closed: { at: closeAt, by: integration },
      occurrences: [
        at,
        ...repeats(random, at, closeAt, Math.floor(random.next() * 3)),
      ].sort((a, b) => a - b),
    };
  }
  const { primary } = chain;
  let acknowledged =
    primary === undefined ||
    (draft.kind === 'regular' && random.chance(chain.escalationRate))
      ? escalated(draft, chain, random)
      : undefined;
  if (!acknowledged && primary) {
    const night = chain.asleep(primary, at);
    const latest = Math.min(night ? 9 : 8, chain.firstLevelMinutes - 0.5);
    acknowledged = {
      at: at + minutes(random, night ? 2 : 0.5, latest),
      by: chain.username(primary),
    };
  }
  const from = acknowledged?.at ?? at;
  const closeAt = from + minutes(random, 5, 5 + 235 * random.next() ** 2);
  const closedBy =
    acknowledged && !random.chance(0.35) ? acknowledged.by : integration;
  const extra = random.chance(0.15) ? 1 + Math.floor(random.next() * 3) : 0;
  return {
    acknowledged,
    closed: { at: closeAt, by: closedBy },
    occurrences: [at, ...repeats(random, at, closeAt, extra)].sort(
      (a, b) => a - b,
    ),
  };
}
