import { TokenBucket } from './TokenBucket';

const T0 = Date.parse('2026-11-29T03:00:00Z');

describe('TokenBucket', () => {
  it('lets a burst of the window size through, then refuses and takes nothing', () => {
    const bucket = new TokenBucket([{ limit: 3, seconds: 1 }], T0);
    const allowed = [1, 2, 3, 4, 5].map(() => bucket.take(T0));
    expect(allowed.map(d => d.allowed)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(allowed[2].window).toEqual({
      limit: 3,
      periodSeconds: 1,
      remaining: 0,
      resetSeconds: 1,
      retryAfterSeconds: 1,
    });
    expect(allowed[4].window.remaining).toBe(0);
  });

  it('refills continuously: a token is back after limit/period, not a millisecond before', () => {
    const bucket = new TokenBucket([{ limit: 150, seconds: 10 }], T0);
    for (let i = 0; i < 150; i++) expect(bucket.take(T0).allowed).toBe(true);
    const refused = bucket.take(T0);
    expect(refused).toEqual({
      allowed: false,
      window: {
        limit: 150,
        periodSeconds: 10,
        remaining: 0,
        resetSeconds: 10,
        retryAfterSeconds: 1,
      },
    });
    // 15 tokens a second: one every 66.67 ms
    expect(bucket.take(T0 + 66).allowed).toBe(false);
    expect(bucket.take(T0 + 67).allowed).toBe(true);
    expect(bucket.take(T0 + 67).allowed).toBe(false);
    // never more than the window holds, however long the pause
    const later = T0 + 3_600_000;
    let burst = 0;
    while (bucket.take(later).allowed) burst++;
    expect(burst).toBe(150);
  });

  it('checks every window: the per-second one refills, the per-minute one runs out', () => {
    const bucket = new TokenBucket(
      [
        { limit: 10, seconds: 1 },
        { limit: 25, seconds: 60 },
      ],
      T0,
    );
    const burst = (t: number) => {
      let n = 0;
      while (bucket.take(t).allowed) n++;
      return n;
    };
    expect(burst(T0)).toBe(10);
    // the minute window got 25/60 of a token back each second meanwhile
    expect(burst(T0 + 1000)).toBe(10);
    expect(burst(T0 + 2000)).toBe(5);
    const refused = bucket.take(T0 + 2000);
    expect(refused.allowed).toBe(false);
    expect(refused.window).toMatchObject({
      limit: 25,
      periodSeconds: 60,
      remaining: 0,
      retryAfterSeconds: 1,
    });
    // 0.83 tokens left in the minute window: the next one is whole 0.4 s later
    expect(bucket.take(T0 + 2399).allowed).toBe(false);
    const allowed = bucket.take(T0 + 2400);
    expect(allowed.allowed).toBe(true);
    expect(allowed.window).toMatchObject({ limit: 25, remaining: 0 });
    expect(burst(T0 + 2400)).toBe(0);
  });

  it('reports the window with the fewest requests left while within the limit', () => {
    const bucket = new TokenBucket(
      [
        { limit: 5, seconds: 1 },
        { limit: 100, seconds: 60 },
      ],
      T0,
    );
    expect(bucket.take(T0).window).toMatchObject({ limit: 5, remaining: 4 });
  });

  it('does not move backwards with a clock that does', () => {
    const bucket = new TokenBucket([{ limit: 1, seconds: 1 }], T0);
    expect(bucket.take(T0).allowed).toBe(true);
    expect(bucket.take(T0 - 5000).allowed).toBe(false);
    expect(bucket.take(T0 + 999).allowed).toBe(false);
    expect(bucket.take(T0 + 1000).allowed).toBe(true);
  });
});
