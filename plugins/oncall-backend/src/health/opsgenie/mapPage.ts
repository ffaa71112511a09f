import { Page, RejectedPage } from '../PageProvider';
import { baseAlertSchema } from './wire';

/** Maps one List Alerts item to a {@link Page}, or says why it cannot be read. */
export function mapPage(
  raw: unknown,
): { page: Page } | { rejected: RejectedPage } {
  const parsed = baseAlertSchema.safeParse(raw);
  if (!parsed.success) {
    const id =
      typeof raw === 'object' && raw !== null && 'id' in raw
        ? String((raw as { id: unknown }).id)
        : undefined;
    return {
      rejected: {
        id,
        reason: parsed.error.issues
          .map(i => `${i.path.join('.') || 'item'}: ${i.message}`)
          .join('; '),
      },
    };
  }
  const alert = parsed.data;
  const createdAt = new Date(alert.createdAt);
  const after = (ms: number | undefined) =>
    ms === undefined ? undefined : new Date(createdAt.getTime() + ms);
  const report = alert.report ?? {};
  const acknowledgedAt = after(report.ackTime);
  return {
    page: {
      id: alert.id,
      shortId: alert.tinyId,
      key: alert.alias || alert.message,
      message: alert.message,
      priority: alert.priority,
      status: alert.status,
      count: Math.max(1, alert.count ?? 1),
      createdAt,
      updatedAt: new Date(alert.updatedAt),
      acknowledgedAt,
      acknowledgedBy:
        acknowledgedAt === undefined
          ? undefined
          : report.acknowledgedBy ?? alert.owner ?? undefined,
      closedAt: alert.status === 'closed' ? after(report.closeTime) : undefined,
      closedBy: alert.status === 'closed' ? report.closedBy : undefined,
    },
  };
}
