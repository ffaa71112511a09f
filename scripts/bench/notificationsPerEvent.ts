import { harnessUserToken, request } from '../harness';

/** What each owner received for each opened incident, read as each owner reads them. */
export interface NotificationsPerEvent {
  /** Members of the owning Group (the expected recipients of each event). */
  recipients: string[];
  /** Per event title: notifications found across all recipients. */
  perEvent: Map<string, number>;
  /** Recipients who found an event more than once, or whose copy was sent again. */
  duplicates: number;
  /** Recipients who never got an event. */
  missing: number;
}

interface NotificationItem {
  updated?: string | null;
  payload: { title: string; topic?: string };
}

/** The direct User members of a Group, from the catalog. */
async function membersOf(
  baseUrl: string,
  token: string,
  group: string,
): Promise<string[]> {
  const e = await request(
    `${baseUrl}/api/catalog/entities/by-name/group/default/${group}`,
    { token },
  );
  const relations: Array<{ type: string; targetRef: string }> =
    e.json?.relations ?? [];
  return relations
    .filter(r => r.type === 'hasMember')
    .map(r => r.targetRef.replace(/^user:default\//, ''));
}

/**
 * Signs in as every member of `group` (the harness sign-in provider) and counts, per event
 * title, the `oncall-incident` notifications each one has: each should have each event once,
 * never re-sent (`updated` empty).
 */
export async function countNotificationsPerEvent(options: {
  baseUrl: string;
  guestToken: string;
  group: string;
  titles: string[];
}): Promise<NotificationsPerEvent> {
  const recipients = await membersOf(
    options.baseUrl,
    options.guestToken,
    options.group,
  );
  const perEvent = new Map(options.titles.map(t => [t, 0]));
  let duplicates = 0;
  let missing = 0;
  for (const name of recipients) {
    const token = await harnessUserToken(options.baseUrl, name);
    const e = await request(
      `${options.baseUrl}/api/notifications/notifications?topic=oncall-incident&limit=500`,
      { token },
    );
    if (e.status !== 200) {
      throw new Error(`notifications of ${name}: HTTP ${e.status}`);
    }
    const items: NotificationItem[] = e.json?.notifications ?? [];
    for (const title of options.titles) {
      const mine = items.filter(n => n.payload.title.endsWith(title));
      perEvent.set(title, (perEvent.get(title) ?? 0) + mine.length);
      if (mine.length === 0) missing += 1;
      if (mine.length > 1 || mine.some(n => n.updated)) duplicates += 1;
    }
  }
  return { recipients, perEvent, duplicates, missing };
}
