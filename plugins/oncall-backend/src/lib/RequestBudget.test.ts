import { RequestBudget } from './RequestBudget';

describe('RequestBudget', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-12-31T23:59:30Z') });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  /** When each of `count` requests taken at once may start, in ms after the first. */
  async function startTimes(budget: RequestBudget, count: number) {
    const t0 = Date.now();
    const started: number[] = [];
    const all = Array.from({ length: count }, () =>
      budget.take().then(() => started.push(Date.now() - t0)),
    );
    await jest.advanceTimersByTimeAsync(count * budget.intervalMs + 1000);
    await Promise.all(all);
    return started;
  }

  it('spreads requests taken together one interval apart, in arrival order', async () => {
    const budget = new RequestBudget({ requestsPerMinute: 60 });
    expect(await startTimes(budget, 4)).toEqual([0, 1000, 2000, 3000]);
  });

  it('never lets more than the budget start within a minute, across a midnight and a year end', async () => {
    const budget = new RequestBudget({ requestsPerMinute: 120 });
    const started = await startTimes(budget, 150);
    const inFirstMinute = started.filter(ms => ms < 60_000).length;
    expect(inFirstMinute).toBe(120);
    expect(started[149]).toBe(149 * 500);
  });

  it('lets a request start at once after a quiet spell, without saving up a burst', async () => {
    const budget = new RequestBudget({ requestsPerMinute: 6 });
    await budget.take();
    await jest.advanceTimersByTimeAsync(600_000);
    expect(await startTimes(budget, 2)).toEqual([0, 10_000]);
  });

  it('gives up when the caller aborts, and the slot stays spent', async () => {
    const budget = new RequestBudget({ requestsPerMinute: 60 });
    await budget.take();
    const controller = new AbortController();
    const waiting = budget.take(controller.signal);
    controller.abort(new Error('caller gave up'));
    await expect(waiting).rejects.toThrow('caller gave up');
    const t0 = Date.now();
    const next = budget.take().then(() => Date.now() - t0);
    await jest.advanceTimersByTimeAsync(5000);
    await expect(next).resolves.toBe(2000);
  });

  it.each([[0], [-5], [Number.NaN], [Number.POSITIVE_INFINITY]])(
    'refuses a budget of %p',
    requestsPerMinute => {
      expect(() => new RequestBudget({ requestsPerMinute })).toThrow(
        /requestsPerMinute must be a positive number/,
      );
    },
  );
});
