import { DEMO_MEMBERS, GUEST, userNameOf } from './catalogData';
import { Random, slackIdFor, uuidFor } from './random';
import { DAY } from './time';
import { DemoUser } from './types';

const TIME_ZONES = [
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'Europe/Madrid',
];

/** Builds one user record; ids are stable for a seed and a username. */
export function makeUser(
  seed: number,
  now: number,
  fullName: string,
  group: string,
  email?: string,
  name?: string,
): DemoUser {
  const entityName = name ?? userNameOf(fullName);
  const username = email ?? `${entityName}@example.com`;
  const random = new Random(seed, `user:${username}`);
  return {
    id: uuidFor(seed, 'user', username),
    name: entityName,
    email: username,
    fullName,
    group,
    timeZone: random.pick(TIME_ZONES),
    slackId: slackIdFor(seed, 'U', username),
    createdAt: now - random.int(400, 1500) * DAY,
  };
}

/** All demo users (members of every demo Group, plus `guest`). */
export function demoUsers(seed: number, now: number): DemoUser[] {
  const users: DemoUser[] = [];
  for (const [group, names] of Object.entries(DEMO_MEMBERS)) {
    for (const fullName of names) {
      users.push(makeUser(seed, now, fullName, group));
    }
  }
  users.push(
    makeUser(seed, now, GUEST.fullName, GUEST.group, GUEST.email, GUEST.name),
  );
  return users;
}
