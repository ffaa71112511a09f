import { errorOf, notNumbers, read } from './__testUtils__/readConfig';

describe('oncall.refresh.onCallMaxStaleMinutes and onCallRereadMinutes', () => {
  it('defaults to 15 and 60 minutes', () => {
    expect(read({}).onCallChecks).toEqual({
      maxStaleMs: 15 * 60_000,
      rereadMs: 60 * 60_000,
    });
  });

  it('reads both; the re-read follows a longer staleness bound when unset', () => {
    expect(
      read({ refresh: { onCallMaxStaleMinutes: 5, onCallRereadMinutes: 30 } })
        .onCallChecks,
    ).toEqual({ maxStaleMs: 5 * 60_000, rereadMs: 30 * 60_000 });
    expect(
      read({ refresh: { onCallMaxStaleMinutes: 120 } }).onCallChecks,
    ).toEqual({ maxStaleMs: 120 * 60_000, rereadMs: 120 * 60_000 });
  });

  it('refuses bad values naming the key', () => {
    for (const value of [0, -1, 2.5, 1441, ...notNumbers]) {
      expect(errorOf({ refresh: { onCallMaxStaleMinutes: value } })).toBe(
        'InputError: oncall.refresh.onCallMaxStaleMinutes must be a positive whole number of at most 1440',
      );
    }
    for (const value of [0, 10_081, ...notNumbers]) {
      expect(errorOf({ refresh: { onCallRereadMinutes: value } })).toBe(
        'InputError: oncall.refresh.onCallRereadMinutes must be a positive whole number of at most 10080',
      );
    }
    expect(
      errorOf({
        refresh: { onCallMaxStaleMinutes: 30, onCallRereadMinutes: 20 },
      }),
    ).toBe(
      'InputError: oncall.refresh.onCallRereadMinutes must be at least oncall.refresh.onCallMaxStaleMinutes (30)',
    );
  });
});

describe('oncall.refresh.shards', () => {
  it('defaults to one shard and reads 1–64', () => {
    expect(read({}).shards).toBe(1);
    expect(read({ refresh: { shards: 4 } }).shards).toBe(4);
    expect(read({ refresh: { shards: 64 } }).shards).toBe(64);
  });

  it('refuses bad values naming the key', () => {
    for (const value of [0, -1, 2.5, 65, ...notNumbers]) {
      expect(errorOf({ refresh: { shards: value } })).toBe(
        'InputError: oncall.refresh.shards must be a positive whole number of at most 64',
      );
    }
  });
});
