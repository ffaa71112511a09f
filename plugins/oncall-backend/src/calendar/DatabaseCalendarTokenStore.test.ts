import {
  createTestStores,
  testDatabaseIds,
} from '../__testUtils__/createTestStores';
import { DatabaseCalendarTokenStore } from './DatabaseCalendarTokenStore';

jest.setTimeout(60_000);

describe.each(testDatabaseIds())(
  'DatabaseCalendarTokenStore on %s',
  databaseId => {
    async function setup() {
      const { knex } = await createTestStores(databaseId);
      return DatabaseCalendarTokenStore.create({ knex });
    }

    it('finds a user by the hash of their secret', async () => {
      const store = await setup();
      const at = new Date('2026-11-30T10:00:00Z');
      await store.replace('user:default/ada', 'a'.repeat(64), at);
      await store.replace('user:default/bob', 'b'.repeat(64), at);
      expect(await store.findByHash('a'.repeat(64))).toEqual({
        userRef: 'user:default/ada',
        createdAt: at,
      });
      expect(await store.findByHash('c'.repeat(64))).toBeUndefined();
    });

    it('voids the old secret when a new one is stored', async () => {
      const store = await setup();
      await store.replace('user:default/ada', 'a'.repeat(64), new Date(1));
      await store.replace('user:default/ada', 'd'.repeat(64), new Date(2));
      expect(await store.findByHash('a'.repeat(64))).toBeUndefined();
      expect(await store.findByHash('d'.repeat(64))).toEqual({
        userRef: 'user:default/ada',
        createdAt: new Date(2),
      });
    });

    it('revokes a secret', async () => {
      const store = await setup();
      await store.replace('user:default/ada', 'a'.repeat(64), new Date(1));
      expect(await store.revoke('user:default/ada')).toBe(true);
      expect(await store.findByHash('a'.repeat(64))).toBeUndefined();
      expect(await store.revoke('user:default/ada')).toBe(false);
    });
  },
);
