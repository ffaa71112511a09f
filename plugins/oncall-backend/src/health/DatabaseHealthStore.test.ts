import { DatabaseHealthStore } from './DatabaseHealthStore';
import { StoredPage, StoredShift } from './HealthStore';
import { storedPage } from './__testUtils__/storedPage';
import {
  createTestStores,
  testDatabaseIds,
} from '../__testUtils__/createTestStores';

jest.setTimeout(60_000);

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 2, 9);

function page(id: string, hours: number, extra: Partial<StoredPage> = {}) {
  const createdAt = new Date(T0 + hours * HOUR);
  return {
    ...storedPage(id, 'team-1', createdAt),
    updatedAt: new Date(createdAt.getTime() + HOUR),
    acknowledgedAt: new Date(createdAt.getTime() + 60_000),
    acknowledgedBy: 'Ada@Example.com',
    closedAt: new Date(createdAt.getTime() + HOUR),
    closedBy: 'ada@example.com',
    responder: 'ada@example.com',
    responderTimeZone: 'Europe/Berlin',
    rotation: 'primary',
    scheduleName: 'payments_schedule',
    ...extra,
  } satisfies StoredPage;
}

function shift(
  user: string,
  startHours: number,
  endHours: number,
): StoredShift {
  return {
    teamId: 'team-1',
    scheduleId: 's-1',
    scheduleName: 'payments_schedule',
    rotation: 'primary',
    username: user,
    start: new Date(T0 + startHours * HOUR),
    end: new Date(T0 + endHours * HOUR),
  };
}

describe.each(testDatabaseIds())('DatabaseHealthStore (%s)', databaseId => {
  let store: DatabaseHealthStore;

  beforeEach(async () => {
    const { knex } = await createTestStores(databaseId);
    store = DatabaseHealthStore.fromClient(knex);
  });

  it('stores pages and reads them back by team and creation window, usernames lower-cased', async () => {
    await store.upsertPages('opsgenie', [
      page('a', 0),
      page('b', 5, {
        status: 'open',
        acknowledgedAt: undefined,
        acknowledgedBy: undefined,
        closedAt: undefined,
        closedBy: undefined,
      }),
      page('c', 30, { teamId: 'team-2' }),
    ]);
    const read = await store.listPages(
      'opsgenie',
      'team-1',
      new Date(T0),
      new Date(T0 + 24 * HOUR),
    );
    expect(read.map(p => p.id)).toEqual(['a', 'b']);
    expect(read[0]).toEqual({
      ...page('a', 0),
      acknowledgedBy: 'ada@example.com',
    });
    expect(read[1].acknowledgedAt).toBeUndefined();
    expect(read[1].status).toBe('open');
  });

  it('upserts: a second write of a page replaces it', async () => {
    await store.upsertPages('opsgenie', [
      page('a', 0, { status: 'open', count: 1 }),
    ]);
    await store.upsertPages('opsgenie', [page('a', 0, { count: 4 })]);
    const [read] = await store.listPages(
      'opsgenie',
      'team-1',
      new Date(T0),
      new Date(T0 + HOUR),
    );
    expect(read).toMatchObject({ status: 'closed', count: 4 });
  });

  it('replaces shifts from a cut instant, cutting the one running across it', async () => {
    await store.replaceShifts('opsgenie', 'team-1', new Date(T0), [
      shift('ada@example.com', 0, 168),
      shift('bob@example.com', 168, 336),
    ]);
    await store.replaceShifts('opsgenie', 'team-1', new Date(T0 + 200 * HOUR), [
      shift('cy@example.com', 200, 336),
    ]);
    const read = await store.listShifts(
      'opsgenie',
      'team-1',
      new Date(T0),
      new Date(T0 + 400 * HOUR),
    );
    expect(
      read.map(s => [
        s.username,
        (s.start.getTime() - T0) / HOUR,
        (s.end.getTime() - T0) / HOUR,
      ]),
    ).toEqual([
      ['ada@example.com', 0, 168],
      ['bob@example.com', 168, 200],
      ['cy@example.com', 200, 336],
    ]);
    const last = await store.lastShifts(
      'CY@example.com',
      new Date(T0 + 400 * HOUR),
      1,
    );
    expect(last.map(s => s.username)).toEqual(['cy@example.com']);
  });

  it('prunes pages raised and shifts ended before the cut-off', async () => {
    await store.upsertPages('opsgenie', [page('old', -48), page('new', 1)]);
    await store.replaceShifts('opsgenie', 'team-1', new Date(T0 - 48 * HOUR), [
      shift('ada@example.com', -48, -24),
      shift('bob@example.com', -24, 24),
    ]);
    expect(await store.prune(new Date(T0))).toBe(1);
    const all = [new Date(0), new Date(T0 + 48 * HOUR)] as const;
    const pages = await store.listPages('opsgenie', 'team-1', ...all);
    expect(pages.map(p => p.id)).toEqual(['new']);
    const shifts = await store.listShifts('opsgenie', 'team-1', ...all);
    expect(shifts.map(s => s.username)).toEqual(['bob@example.com']);
  });
});
