/**
 * Test helpers shared by the on-call plugin family: the instants every time-sensitive test
 * runs at, and a way to pin the clock there.
 *
 * @packageDocumentation
 */
export { PINNED_INSTANTS } from './instants';
export type { PinnedInstant } from './instants';
export { pinDate } from './pinDate';
