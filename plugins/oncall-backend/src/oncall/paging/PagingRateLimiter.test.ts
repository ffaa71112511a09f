import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { migrationsDir } from '../../database/migrations';
import { PagingRateLimiter } from './PagingRateLimiter';
import { TooManyPagesError } from './errors';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const MINUTE = 60_000;
/** A Sunday, 03:00:00 UTC: windows of one minute start on the minute. */
const SUNDAY = Date.parse('2026-11-29T03:00:00.000Z');

describe.each(databases.eachSupportedId())(
  'PagingRateLimiter (%s)',
  databaseId => {
    let knex: Knex;
    let now = SUNDAY;
    const limiter = (pages = 5, windowMs = MINUTE) =>
      new PagingRateLimiter({
        knex,
        limit: { pages, windowMs },
        now: () => new Date(now),
      });

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
    });

    beforeEach(async () => {
      now = SUNDAY;
      await knex('oncall_paging_windows').delete();
    });

    it('allows the configured pages per window, then answers when to retry', async () => {
      const limit = limiter(5);
      const answers = [];
      for (let i = 0; i < 6; i++) {
        now = SUNDAY + 20_000 + i * 1000; // 03:00:20 … 03:00:25
        answers.push(await limit.take('user:default/olivia.brown'));
      }
      expect(answers.slice(0, 5)).toEqual([
        { allowed: true, remaining: 4 },
        { allowed: true, remaining: 3 },
        { allowed: true, remaining: 2 },
        { allowed: true, remaining: 1 },
        { allowed: true, remaining: 0 },
      ]);
      // refused at 03:00:25: the window ends at 03:01:00
      expect(answers[5]).toEqual({
        allowed: false,
        retryAfterSeconds: 35,
        attempts: 6,
      });
    });

    it('Retry-After at the edges: 1 s in the last millisecond, a fresh window on the minute', async () => {
      const limit = limiter(1);
      now = SUNDAY;
      expect((await limit.take('user:default/a')).allowed).toBe(true);
      now = SUNDAY + MINUTE - 1; // 03:00:59.999
      expect(await limit.take('user:default/a')).toEqual({
        allowed: false,
        retryAfterSeconds: 1,
        attempts: 2,
      });
      now = SUNDAY + 1; // 03:00:00.001: the whole minute is left
      expect(await limit.take('user:default/a')).toEqual({
        allowed: false,
        retryAfterSeconds: 60,
        attempts: 3,
      });
      now = SUNDAY + MINUTE; // 03:01:00.000: the next window
      expect(await limit.take('user:default/a')).toEqual({
        allowed: true,
        remaining: 0,
      });
    });

    it('windows across the end of the year and a DST change are plain UTC minutes', async () => {
      const limit = limiter(1, 60 * MINUTE);
      now = Date.parse('2026-12-31T23:30:00Z');
      expect((await limit.take('user:default/a')).allowed).toBe(true);
      expect(await limit.take('user:default/a')).toMatchObject({
        allowed: false,
        retryAfterSeconds: 30 * 60,
      });
      now = Date.parse('2027-01-01T00:00:00Z');
      expect((await limit.take('user:default/a')).allowed).toBe(true);
      // 2027-03-28 01:00 UTC: clocks in Europe go from 02:00 to 03:00; windows do not care
      now = Date.parse('2027-03-28T00:59:59Z');
      expect((await limit.take('user:default/a')).allowed).toBe(true);
      expect(await limit.take('user:default/a')).toMatchObject({
        allowed: false,
        retryAfterSeconds: 1,
      });
    });

    it('counts each caller on its own', async () => {
      const limit = limiter(1);
      expect((await limit.take('user:default/a')).allowed).toBe(true);
      expect((await limit.take('user:default/b')).allowed).toBe(true);
      expect((await limit.take('service:external:bot')).allowed).toBe(true);
      expect((await limit.take('user:default/a')).allowed).toBe(false);
    });

    it('shares one count between replicas on the same database', async () => {
      const replicaA = limiter(3);
      const replicaB = limiter(3);
      expect((await replicaA.take('user:default/a')).allowed).toBe(true);
      expect((await replicaB.take('user:default/a')).allowed).toBe(true);
      expect((await replicaA.take('user:default/a')).allowed).toBe(true);
      expect((await replicaB.take('user:default/a')).allowed).toBe(false);
      expect((await replicaA.take('user:default/a')).allowed).toBe(false);
    });

    it('lets exactly the limit through when 40 attempts race on two replicas', async () => {
      const replicas = [limiter(5), limiter(5)];
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          replicas[i % 2].take('user:default/script'),
        ),
      );
      expect(answers.filter(a => a.allowed)).toHaveLength(5);
    });

    it('forgets a caller’s finished windows when it pages again', async () => {
      const limit = limiter(5);
      await limit.take('user:default/a');
      await limit.take('user:default/b');
      now = SUNDAY + 3 * MINUTE;
      await limit.take('user:default/a');
      const rows = await knex('oncall_paging_windows')
        .select('subject', 'window_start')
        .orderBy('subject');
      expect(
        rows.map(r => [r.subject, Number(r.window_start) - SUNDAY]),
      ).toEqual([
        ['user:default/a', 3 * MINUTE],
        ['user:default/b', 0],
      ]);
    });

    it('consume() throws a 429 error naming the limit and the wait, and logs the first once', async () => {
      const logger = mockServices.logger.mock();
      const limit = new PagingRateLimiter({
        knex,
        limit: { pages: 2, windowMs: MINUTE },
        logger,
        now: () => new Date(now),
      });
      now = SUNDAY + 15_000;
      await limit.consume('user:default/a');
      await limit.consume('user:default/a');
      const error = await limit.consume('user:default/a').catch(e => e);
      expect(error).toBeInstanceOf(TooManyPagesError);
      expect(error.statusCode).toBe(429);
      expect(error.retryAfterSeconds).toBe(45);
      expect(error.message).toBe(
        'Paging limit reached: 2 pages per 1 minute per caller; try again in 45 s.',
      );
      await expect(limit.consume('user:default/a')).rejects.toThrow(
        TooManyPagesError,
      );
      expect(logger.warn).toHaveBeenCalledTimes(1);
      expect(logger.warn).toHaveBeenCalledWith('Paging rate limit reached', {
        caller: 'user:default/a',
        pages: 2,
        windowMs: MINUTE,
      });
    });
  },
);
