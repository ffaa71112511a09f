import { createHash } from 'node:crypto';
import { EscalationPolicy, OnCallSchedule } from '../OnCallProvider';

/** When a team was last read in full, and the digest of its schedules and escalations then. */
export interface TeamRead {
  readAt: Date;
  digest: string;
  /** True when a check found the team's stored timeline differing just before that read. */
  differed?: boolean;
}

/** A team's read as kept in its sync-state watermark: `<epoch ms>:<digest>[:d]`. */
export function encodeTeamRead(read: TeamRead): string {
  return `${read.readAt.getTime()}:${read.digest}${read.differed ? ':d' : ''}`;
}

export function decodeTeamRead(
  watermark: string | undefined,
): TeamRead | undefined {
  const match = /^(\d+):([0-9a-f]+)(:d)?$/.exec(watermark ?? '');
  return match
    ? {
        readAt: new Date(Number(match[1])),
        digest: match[2],
        differed: match[3] !== undefined,
      }
    : undefined;
}

/**
 * Where in every `periodMs` a team's periodic re-read falls: a fixed offset from the team's
 * name, so the teams' re-reads spread over the period and stay put across restarts and
 * replicas.
 */
export function rereadPhaseMs(teamName: string, periodMs: number): number {
  const hash = createHash('sha256').update(teamName).digest();
  return hash.readUInt32BE(0) % periodMs;
}

/**
 * A short digest of a team's schedules (with rotations) and escalation policies as the
 * vendor lists them: when it changes, the team's timelines are read again.
 */
export function teamDigest(
  schedules: OnCallSchedule[],
  escalations: EscalationPolicy[],
): string {
  const byId = <T extends { id: string }>(list: T[]) =>
    [...list].sort((a, b) => a.id.localeCompare(b.id));
  return createHash('sha256')
    .update(
      JSON.stringify({
        schedules: byId(schedules),
        escalations: byId(escalations),
      }),
    )
    .digest('hex')
    .slice(0, 16);
}

/** Why a team is read in this run. */
export type ReadReason = 'new' | 'changed' | 'unchecked' | 'differs' | 'due';

/** What the plan knows of one team. */
export interface TeamReadState {
  name: string;
  read?: TeamRead;
  /** The digest of the team's entry in the directory just listed. */
  digest: string;
  /** Whether a check found a schedule of the team answering otherwise than stored. */
  differs: boolean;
  /**
   * Whether the checks cover every enabled schedule of the team; one they do not (a provider
   * without the one-request answer, or failing it) is read at every run.
   */
  checked: boolean;
}

/**
 * The teams one run reads, and why. Read at once: a team never read, one whose schedules or
 * escalations changed, one the checks do not cover, and one whose stored timeline differs
 * from the vendor's answer — unless it differed at its last read too and that read lies
 * within `cooldownMs`, so a lasting disagreement costs one read per cool-down, not one per
 * run. Besides, every team is read
 * again once every `rereadMs`, at its own phase of that period ({@link rereadPhaseMs}), so the
 * re-reads of many teams spread evenly over the runs.
 */
export function planTeamReads(options: {
  teams: TeamReadState[];
  now: Date;
  rereadMs: number;
  cooldownMs: number;
}): Array<{ name: string; reason: ReadReason }> {
  const now = options.now.getTime();
  const planned: Array<{ name: string; reason: ReadReason }> = [];
  for (const team of options.teams) {
    const read = team.read;
    const readAt = read?.readAt.getTime();
    const phase = rereadPhaseMs(team.name, options.rereadMs);
    // the latest instant at or before now that falls on the team's phase
    const lastSlot =
      now -
      ((((now - phase) % options.rereadMs) + options.rereadMs) %
        options.rereadMs);
    if (readAt === undefined) {
      planned.push({ name: team.name, reason: 'new' });
    } else if (read?.digest !== team.digest) {
      planned.push({ name: team.name, reason: 'changed' });
    } else if (!team.checked) {
      planned.push({ name: team.name, reason: 'unchecked' });
    } else if (
      team.differs &&
      (!read?.differed || now - readAt >= options.cooldownMs)
    ) {
      planned.push({ name: team.name, reason: 'differs' });
    } else if (readAt < lastSlot) {
      planned.push({ name: team.name, reason: 'due' });
    }
  }
  return planned;
}
