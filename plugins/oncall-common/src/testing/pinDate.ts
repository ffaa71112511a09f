/**
 * Pins `Date` (and only `Date`) at an instant with jest's modern fake timers: `Date.now()`,
 * `new Date()` and everything built on them (luxon, the sandbox, the backend's services) read
 * that instant, while timers, I/O and the event loop keep running on the real clock. Call it
 * again to move the clock; undo it with `jest.useRealTimers()`. With `advance: true` the clock
 * starts at that instant and then moves with real time (for a test whose code measures
 * elapsed time, such as a rate limit's window).
 *
 * @public
 */
export function pinDate(
  at: number | string | Date,
  options?: { advance?: boolean },
): void {
  jest.useFakeTimers({
    now: new Date(at),
    advanceTimers: options?.advance ?? false,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}
