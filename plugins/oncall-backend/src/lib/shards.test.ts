import { mockServices } from '@backstage/backend-test-utils';
import {
  inShard,
  scheduleShardedTask,
  shardOf,
  shardTaskId,
  shardsOf,
} from './shards';
import { rereadPhaseMs } from '../oncall/checks/teamReads';

describe('shards', () => {
  const keys = Array.from({ length: 2000 }, (_, i) => `team-${i}`);

  it('puts every key in exactly one shard, the same one every time', () => {
    const shards = shardsOf(4);
    for (const key of keys) {
      expect(shards.filter(shard => inShard(key, shard))).toHaveLength(1);
      expect(shardOf(key, 4)).toBe(shardOf(key, 4));
    }
  });

  it('spreads 2,000 teams evenly over 4 shards (each within 10 % of a quarter)', () => {
    const counts = [0, 0, 0, 0];
    keys.forEach(key => counts[shardOf(key, 4)]++);
    for (const count of counts) {
      expect(Math.abs(count - 500)).toBeLessThan(50);
    }
  });

  it('keeps each shard’s hourly re-reads spread over the hour', () => {
    const hour = 60 * 60_000;
    const firstShard = keys.filter(key => shardOf(key, 4) === 0);
    const quarters = [0, 0, 0, 0];
    firstShard.forEach(
      key => quarters[Math.floor(rereadPhaseMs(key, hour) / (hour / 4))]++,
    );
    for (const count of quarters) {
      expect(count).toBeGreaterThan(firstShard.length / 8);
    }
  });

  it('one shard is the whole: every key in it, the task keeps its plain id', () => {
    expect(shardsOf(1)).toEqual([{ index: 0, count: 1 }]);
    expect(keys.every(key => inShard(key, { index: 0, count: 1 }))).toBe(true);
    expect(shardTaskId('oncall-sync-slos', { index: 0, count: 1 })).toBe(
      'oncall-sync-slos',
    );
  });

  it('schedules one task per shard, each running its own shard', async () => {
    const scheduler = mockServices.scheduler.mock();
    const ran: string[] = [];
    await scheduleShardedTask(scheduler, {
      id: 'oncall-sync-on-call',
      frequency: { minutes: 2 },
      timeout: { minutes: 2 },
      shards: 3,
      fn: async shard => {
        ran.push(`${shard.index}/${shard.count}`);
      },
    });
    const calls = scheduler.scheduleTask.mock.calls.map(([task]) => task);
    expect(calls.map(task => task.id)).toEqual([
      'oncall-sync-on-call-shard-1-of-3',
      'oncall-sync-on-call-shard-2-of-3',
      'oncall-sync-on-call-shard-3-of-3',
    ]);
    expect(calls.every(task => task.timeout && task.frequency)).toBe(true);
    for (const task of calls) {
      await task.fn(new AbortController().signal);
    }
    expect(ran).toEqual(['0/3', '1/3', '2/3']);
  });
});
