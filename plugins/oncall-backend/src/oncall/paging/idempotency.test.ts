import { pageDedupKey, readIdempotencyKey } from './idempotency';

describe('Idempotency-Key', () => {
  it('accepts an absent header and keys of 1–128 safe characters', () => {
    expect(readIdempotencyKey(undefined)).toBeUndefined();
    for (const key of [
      'a',
      '6f1c2a4e-51b3-4e0c-9a55-0d4c1b3f2e10',
      'page:checkout_2026.11.29',
      'k'.repeat(128),
    ]) {
      expect(readIdempotencyKey(key)).toBe(key);
    }
  });

  it.each([
    [''],
    ['k'.repeat(129)],
    ['has space'],
    ['a, b'],
    ['quote"'],
    ['ünïcode'],
    ['new\nline'],
    [['a', 'b']],
  ])('rejects %j with a message naming the header', value => {
    expect(() => readIdempotencyKey(value)).toThrow(
      /^Idempotency-Key header must be/,
    );
  });

  it('derives one alias per caller, entity and key; none is shared without a key', () => {
    let n = 0;
    const random = () => `r${++n}`;
    const base = { caller: 'user:default/a', entityRef: 'component:default/x' };
    const key = pageDedupKey({ ...base, idempotencyKey: 'k1' }, random);
    expect(pageDedupKey({ ...base, idempotencyKey: 'k1' }, random)).toBe(key);
    expect(key).toMatch(/^backstage-page-[0-9a-f]{40}$/);
    expect(pageDedupKey({ ...base, idempotencyKey: 'k2' }, random)).not.toBe(
      key,
    );
    expect(
      pageDedupKey(
        { ...base, caller: 'user:default/b', idempotencyKey: 'k1' },
        random,
      ),
    ).not.toBe(key);
    expect(
      pageDedupKey(
        { ...base, entityRef: 'component:default/y', idempotencyKey: 'k1' },
        random,
      ),
    ).not.toBe(key);
    expect(pageDedupKey(base, random)).toBe('backstage-page-r1');
    expect(pageDedupKey(base, random)).toBe('backstage-page-r2');
  });
});
