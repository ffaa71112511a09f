import { HOUR } from '../time';
import { DemoUser } from '../types';
import { PageIntegration } from './types';
import { ZoneClock } from './zoneClock';

/** No page stays open longer (escalation, then hours of work): bounds every lookup by state. */
export const MAX_PAGE_LIFETIME = 6 * HOUR;

/** What a day's page generation needs besides the team. */
export interface PageContext {
  seed: number;
  /** The seed mixed into one 32-bit number, for the cheap per-day counts and the ids. */
  seedKey: number;
  clock: ZoneClock;
  user(id: string): DemoUser | undefined;
  integration(name: string): PageIntegration;
}
