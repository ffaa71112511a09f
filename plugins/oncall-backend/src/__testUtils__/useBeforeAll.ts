/**
 * Registers the calling block's hooks: before all its tests, `setUp`; after all, `tearDown`
 * when given (with `undefined` if `setUp` failed, so that it can still undo what it began).
 * Returns a stand-in for the set-up value: its properties are read from that value once the
 * tests run; reading one earlier, or after `setUp` failed, throws `notReady`.
 */
export function useBeforeAll<T extends object>(
  notReady: string,
  setUp: () => Promise<T>,
  tearDown?: (value: T | undefined) => Promise<void>,
): T {
  let value: T | undefined;
  beforeAll(async () => {
    value = await setUp();
  });
  if (tearDown) {
    afterAll(() => tearDown(value));
  }
  return new Proxy({} as T, {
    get(_target, key) {
      if (!value) throw new Error(notReady);
      return Reflect.get(value, key);
    },
  });
}
