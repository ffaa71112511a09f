import { OnCallStore, StoredPeriod } from '../oncall/OnCallStore';

/** The event key of a notification about one period: its topic, schedule, rotation and start. */
export function periodEventKey(topic: string, period: StoredPeriod): string {
  return [
    topic,
    period.scheduleId,
    period.rotationId,
    period.start.toISOString(),
  ].join(':');
}

/** Responder username (lower case) → email: the on-call tool's user, else the username. */
export async function responderEmails(
  store: Pick<OnCallStore, 'getUsers'>,
  names: string[],
): Promise<Map<string, string>> {
  const users = await store.getUsers(names);
  const emails = new Map(names.map(n => [lower(n), n]));
  for (const user of users) {
    if (user.email) {
      emails.set(lower(user.username), user.email);
    }
  }
  return emails;
}

function lower(value: string): string {
  return value.toLocaleLowerCase('en-US');
}
