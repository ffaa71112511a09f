import { useBeforeAll } from './useBeforeAll';

class Counter {
  #count = 0;
  label = 'counter';

  increment(): number {
    this.#count += 1;
    return this.#count;
  }
}

function callableWithFields() {
  const fn = (table: string) => `rows of ${table}`;
  return Object.assign(fn, { schema: { name: 'public' } });
}

describe('useBeforeAll', () => {
  const notYet = useBeforeAll('the counter is not ready', async () => ({
    counter: new Counter(),
  }));
  let readEarly: unknown;
  try {
    readEarly = notYet.counter;
  } catch (error) {
    readEarly = error;
  }

  const counter = useBeforeAll(
    'the counter is not ready',
    async () => new Counter(),
  );
  const holder = useBeforeAll('the holder is not ready', async () => ({
    db: callableWithFields(),
  }));

  it('throws the given message when read before the set-up ran', () => {
    expect(readEarly).toEqual(new Error('the counter is not ready'));
  });

  it('runs a class method on the value, so its private fields work', () => {
    expect(counter.increment()).toBe(1);
    expect(counter.increment()).toBe(2);
    expect(counter.label).toBe('counter');
  });

  it('hands out an own function property as it is, fields included', () => {
    expect(holder.db('oncall_teams')).toBe('rows of oncall_teams');
    expect(holder.db.schema.name).toBe('public');
  });

  it('writes a property to the value', () => {
    counter.label = 'renamed';
    expect(counter.label).toBe('renamed');
  });
});
