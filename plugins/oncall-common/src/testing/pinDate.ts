/**
 * Pins `Date` (and only `Date`) at an instant with jest's modern fake timers: `Date.now()`,
 * `new Date()` and everything built on them (luxon, the sandbox, the backend's services) read
 * that instant, while timers, I/O and the event loop keep running on the real clock. Call it
 * again to move the clock; undo it with `jest.useRealTimers()`.
 *
 * @public
 */
export function pinDate(at: number | string | Date): void {
  jest.useFakeTimers({
    now: new Date(at),
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
