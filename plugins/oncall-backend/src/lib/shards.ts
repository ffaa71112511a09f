import { createHash } from 'node:crypto';
import {
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';

/** One part of a sync's work: the teams or SLOs whose key hashes to `index` of `count`. */
export interface Shard {
  /** 0-based. */
  index: number;
  count: number;
}

/** The whole of a sync's work, in one task. */
export const WHOLE: Shard = { index: 0, count: 1 };

/**
 * Which shard a key (a team name, an SLO id) belongs to: a stable hash of the key, so every
 * replica agrees and a key stays in its shard across restarts. Bytes 4–7 of the hash, so the
 * shard is independent of the team's re-read phase (bytes 0–3, `rereadPhaseMs`).
 */
export function shardOf(key: string, count: number): number {
  if (count <= 1) return 0;
  return createHash('sha256').update(key).digest().readUInt32BE(4) % count;
}

/** Whether `key` belongs to `shard`. */
export function inShard(key: string, shard: Shard): boolean {
  return shard.count <= 1 || shardOf(key, shard.count) === shard.index;
}

/** Whether this shard also does the work done once per sync (lists, directory writes). */
export function isLeadShard(shard: Shard): boolean {
  return shard.index === 0;
}

/** The scheduler task id of a shard: `id` alone for one shard, else `id-shard-<i>-of-<n>`. */
export function shardTaskId(id: string, shard: Shard): string {
  return shard.count <= 1
    ? id
    : `${id}-shard-${shard.index + 1}-of-${shard.count}`;
}

/** The shards of a sync split `count` ways. */
export function shardsOf(count: number): Shard[] {
  return Array.from({ length: Math.max(1, count) }, (_, index) => ({
    index,
    count: Math.max(1, count),
  }));
}

/**
 * Schedules one task per shard. The tasks are the scheduler's (global: one run at a time across
 * replicas sharing the database), so replicas share the shards between them, and a replica
 * that stops mid-run leaves its shard to another once the run's timeout has passed.
 */
export async function scheduleShardedTask(
  scheduler: SchedulerService,
  options: SchedulerServiceTaskScheduleDefinition & {
    id: string;
    shards: number;
    fn: (shard: Shard) => Promise<void>;
  },
): Promise<void> {
  const { id, shards, fn, ...schedule } = options;
  for (const shard of shardsOf(shards)) {
    await scheduler.scheduleTask({
      ...schedule,
      id: shardTaskId(id, shard),
      fn: () => fn(shard),
    });
  }
}
