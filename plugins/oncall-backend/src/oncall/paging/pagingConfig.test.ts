import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { defaultPagingConfig, readPagingConfig } from './pagingConfig';

const read = (paging: JsonObject) =>
  readPagingConfig(new ConfigReader({ oncall: { paging } }));

describe('readPagingConfig', () => {
  it('defaults: 5 pages per minute per caller, 4 paging calls in flight, 50 waiting', () => {
    expect(readPagingConfig(new ConfigReader({}))).toEqual(defaultPagingConfig);
    expect(defaultPagingConfig).toEqual({
      rateLimit: { pages: 5, windowMs: 60_000 },
      vendor: { concurrency: 4, queue: 50 },
    });
  });

  it('reads every key, the window as an object or a string', () => {
    expect(
      read({
        rateLimit: { pages: 20, window: { minutes: 10 } },
        vendorConcurrency: 2,
        vendorQueue: 0,
      }),
    ).toEqual({
      rateLimit: { pages: 20, windowMs: 600_000 },
      vendor: { concurrency: 2, queue: 0 },
    });
    expect(read({ rateLimit: { window: '30s' } }).rateLimit.windowMs).toBe(
      30_000,
    );
  });

  it.each([
    [{ rateLimit: { pages: 0 } }, 'oncall.paging.rateLimit.pages'],
    [{ rateLimit: { pages: 2.5 } }, 'oncall.paging.rateLimit.pages'],
    [{ rateLimit: { pages: 'many' } }, 'oncall.paging.rateLimit.pages'],
    [
      { rateLimit: { window: { minutes: -1 } } },
      'oncall.paging.rateLimit.window',
    ],
    [{ rateLimit: { window: 'soon' } }, 'oncall.paging.rateLimit.window'],
    [
      { rateLimit: { window: { milliseconds: 10 } } },
      'oncall.paging.rateLimit.window',
    ],
    [{ vendorConcurrency: 0 }, 'oncall.paging.vendorConcurrency'],
    [{ vendorQueue: -1 }, 'oncall.paging.vendorQueue'],
  ])('rejects %j naming %s', (paging, key) => {
    expect(() => read(paging)).toThrow(key);
  });
});
