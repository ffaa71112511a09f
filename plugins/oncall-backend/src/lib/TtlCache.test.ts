import { TtlCache } from './TtlCache';

describe('TtlCache', () => {
  it('loads once within the time to live and again after it', async () => {
    let now = 0;
    let loads = 0;
    const cache = new TtlCache<number>({
      ttlMs: 100,
      maxEntries: 10,
      now: () => now,
    });
    const load = async () => {
      loads += 1;
      return loads;
    };
    expect(await cache.get('a', load)).toBe(1);
    expect(await cache.get('a', load)).toBe(1);
    now = 150;
    expect(await cache.get('a', load)).toBe(2);
    expect(loads).toBe(2);
  });

  it('shares one load between concurrent misses', async () => {
    let loads = 0;
    const cache = new TtlCache<string>({ ttlMs: 1000, maxEntries: 10 });
    const load = async () => {
      loads += 1;
      await new Promise(resolve => setTimeout(resolve, 5));
      return 'x';
    };
    await Promise.all([cache.get('k', load), cache.get('k', load)]);
    expect(loads).toBe(1);
  });

  it('forgets a failed load and drops the oldest entry past the bound', async () => {
    const cache = new TtlCache<string>({ ttlMs: 1000, maxEntries: 2 });
    await expect(
      cache.get('bad', async () => {
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(await cache.get('bad', async () => 'ok')).toBe('ok');

    let loads = 0;
    const load = async () => `v${++loads}`;
    await cache.get('a', load);
    await cache.get('b', load);
    await cache.get('c', load);
    // 'a' was pushed out by the bound, so it loads again
    expect(await cache.get('a', load)).toBe('v4');
  });

  it('a load in flight when the cache is cleared never answers later reads', async () => {
    const cache = new TtlCache<string>({ ttlMs: 1000, maxEntries: 10 });
    let finishOld: (value: string) => void = () => {};
    const old = cache.get(
      'k',
      () => new Promise<string>(resolve => (finishOld = resolve)),
    );
    // a write lands while the older read is still running
    cache.clear();
    finishOld('before the write');
    expect(await old).toBe('before the write');
    expect(await cache.get('k', async () => 'after the write')).toBe(
      'after the write',
    );
  });
});
