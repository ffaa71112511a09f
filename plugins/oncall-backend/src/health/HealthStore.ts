import { Vendor } from '../lib/Vendor';
import { Page } from './PageProvider';

/** A page with who was first on call when it was raised. */
export interface StoredPage extends Page {
  teamId: string;
  /** Username first on call at `createdAt`; absent when the schedule had nobody. */
  responder?: string;
  /** The responder's time zone, else the schedule's. */
  responderTimeZone?: string;
  rotation?: string;
  scheduleName?: string;
}

/** A first-level on-call period of a team's schedule. */
export interface StoredShift {
  teamId: string;
  scheduleId: string;
  scheduleName: string;
  rotation: string;
  username: string;
  start: Date;
  end: Date;
}

/** The health feature's copy of pages and shifts, kept by the health sync. */
export interface HealthStore {
  upsertPages(source: Vendor, pages: StoredPage[]): Promise<void>;
  /**
   * Replaces the team's shifts from `from` on: a shift running across `from` is cut there,
   * later ones are replaced by `shifts` (which start at `from` at the earliest).
   */
  replaceShifts(
    source: Vendor,
    teamId: string,
    from: Date,
    shifts: StoredShift[],
  ): Promise<void>;
  /** The team's pages raised in [from, to), oldest first. */
  listPages(
    source: Vendor,
    teamId: string,
    from: Date,
    to: Date,
  ): Promise<StoredPage[]>;
  /** The team's shifts overlapping [from, to), by start. */
  listShifts(
    source: Vendor,
    teamId: string,
    from: Date,
    to: Date,
  ): Promise<StoredShift[]>;
  /** One person's shifts (any team) that started before `before`, latest first. */
  lastShifts(
    username: string,
    before: Date,
    limit: number,
  ): Promise<StoredShift[]>;
  /** Removes pages raised and shifts ended before `before`; returns the pages removed. */
  prune(before: Date): Promise<number>;
}
