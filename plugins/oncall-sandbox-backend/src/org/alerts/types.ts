import { DemoAlertPriority } from '../types';

/** The integration an alert came in through. @public */
export interface PageIntegration {
  id: string;
  name: string;
  type: string;
}

/**
 * An Opsgenie alert (a page) over its whole life: what happens to it is fixed when it is
 * created; how much of that has happened depends on the clock ({@link pageStateAt}).
 *
 * @public
 */
export interface SandboxPage {
  id: string;
  tinyId: string;
  alias: string;
  message: string;
  description: string;
  priority: DemoAlertPriority;
  tags: string[];
  entity: string;
  source: string;
  integration: PageIntegration;
  details: Record<string, string>;
  /** The Opsgenie team the alert is routed to, when there is one. */
  teamId?: string;
  responders: Array<{ type: string; id: string }>;
  createdAt: number;
  /** When it occurred: its creation first, then each repeat de-duplicated into it (by alias). */
  occurrences: number[];
  /** Who acknowledged it (username) and when, if anyone ever does. */
  acknowledged?: { at: number; by: string };
  /** Who closed it (username, or the integration's name) and when, if it is ever closed. */
  closed?: { at: number; by: string };
}

/** How a page reads at one instant. @public */
export interface PageState {
  status: 'open' | 'closed';
  acknowledged: boolean;
  isSeen: boolean;
  count: number;
  lastOccurredAt: number;
  updatedAt: number;
  /** Whoever acknowledged it owns it. */
  owner: string;
  report: {
    ackTime?: number;
    acknowledgedBy?: string;
    closeTime?: number;
    closedBy?: string;
  };
}

/** The state of a page at `now` (only the events up to `now` have happened). @public */
export function pageStateAt(page: SandboxPage, now: number): PageState {
  let count = 0;
  let lastOccurredAt = page.createdAt;
  for (const t of page.occurrences) {
    if (t <= now) {
      count++;
      lastOccurredAt = Math.max(lastOccurredAt, t);
    }
  }
  const ack =
    page.acknowledged && page.acknowledged.at <= now
      ? page.acknowledged
      : undefined;
  const close = page.closed && page.closed.at <= now ? page.closed : undefined;
  const report: PageState['report'] = {};
  if (ack) {
    report.ackTime = ack.at - page.createdAt;
    report.acknowledgedBy = ack.by;
  }
  if (close) {
    report.closeTime = close.at - page.createdAt;
    report.closedBy = close.by;
  }
  return {
    status: close ? 'closed' : 'open',
    acknowledged: ack !== undefined,
    isSeen: ack !== undefined || close !== undefined,
    count: Math.max(count, 1),
    lastOccurredAt,
    updatedAt: Math.max(lastOccurredAt, ack?.at ?? 0, close?.at ?? 0),
    owner: ack?.by ?? '',
    report,
  };
}
