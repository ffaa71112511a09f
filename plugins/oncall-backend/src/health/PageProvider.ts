import { Vendor } from '../lib/Vendor';

/**
 * The vendor-neutral view of pages (alerts routed to a team). Opsgenie's List Alerts, JSM
 * Operations' alerts and PagerDuty's incidents all carry these fields: when a page was raised,
 * acknowledged and closed, by whom, its grouping key and how often it repeated.
 */
export interface Page {
  id: string;
  /** The short id people quote (Opsgenie tinyId, PagerDuty incident number). */
  shortId?: string;
  /** Grouping key of repeats (Opsgenie alias, PagerDuty incident key). */
  key: string;
  message: string;
  priority?: string;
  status: 'open' | 'closed';
  /** Occurrences folded into this page (de-duplication count), at least 1. */
  count: number;
  createdAt: Date;
  updatedAt: Date;
  acknowledgedAt?: Date;
  /** Username (email) of whoever acknowledged. */
  acknowledgedBy?: string;
  closedAt?: Date;
  /** Username, or the integration's name when the alert closed itself. */
  closedBy?: string;
}

/** A record the adapter could not read, with its id when it had one. */
export interface RejectedPage {
  id?: string;
  reason: string;
}

/** One batch of pages, oldest change first. */
export interface PageBatch {
  items: Page[];
  rejected: RejectedPage[];
  /** Every change up to this instant has been delivered. */
  watermark?: Date;
}

/** A team the provider routes pages to. */
export interface PageTeam {
  id: string;
  name: string;
}

/** Reads a team's pages and the time zones of the people who answer them. */
export interface PageProvider {
  readonly source: Vendor;
  /** The team's pages changed after `since`, in batches, oldest change first. */
  pagesChangedSince(
    team: PageTeam,
    since: Date,
    options?: { pageSize?: number },
  ): AsyncGenerator<PageBatch>;
  /** Each user's IANA time zone by username (lower-cased), where the provider knows it. */
  userTimeZones(): Promise<Map<string, string>>;
  /** A link to the page in the provider's UI, when its web URL is configured. */
  pageUrl(page: { id: string }): string | undefined;
}
