import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The local Redis the suite uses (scripts/services.sh starts it). */
export const redisUrl =
  process.env.ONCALL_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function cli(...args: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['-u', redisUrl, ...args]);
  return stdout;
}

/** Keys under a namespace (the cache's `redis.client.namespace`). */
export async function redisKeys(namespace: string): Promise<string[]> {
  const out = await cli('--scan', '--pattern', `${namespace}*`);
  return out.split('\n').filter(Boolean);
}

/** Deletes every key of a namespace. */
export async function clearRedisNamespace(namespace: string): Promise<number> {
  const keys = await redisKeys(namespace);
  for (let i = 0; i < keys.length; i += 500) {
    await cli('del', ...keys.slice(i, i + 500));
  }
  return keys.length;
}
