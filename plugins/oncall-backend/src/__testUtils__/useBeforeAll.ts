/**
 * Registers the calling block's hooks: before all its tests, `setUp`; after all, `tearDown`
 * when given (with `undefined` if `setUp` failed, so that it can still undo what it began).
 * Returns a stand-in for the set-up value: its properties are read from (and written to) that
 * value once the tests run, its methods run on the value itself; reading one earlier, or after
 * `setUp` failed, throws `notReady`.
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
  const ready = (): T => {
    if (!value) throw new Error(notReady);
    return value;
  };
  return new Proxy({} as T, {
    get(_target, key) {
      const target = ready();
      const property: unknown = Reflect.get(target, key);
      // a class's method runs on the value itself, so its private (#) fields are reachable;
      // an own property is handed out as it is (a knex instance is a function with fields)
      const isMethod =
        typeof property === 'function' && !Object.hasOwn(target, key);
      return isMethod ? property.bind(target) : property;
    },
    set(_target, key, newValue) {
      return Reflect.set(ready(), key, newValue);
    },
  });
}
