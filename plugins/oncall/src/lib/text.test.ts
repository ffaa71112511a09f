import { truncate } from './text';

describe('truncate', () => {
  it('leaves short text alone', () => {
    expect(truncate('payments-team', 20)).toBe('payments-team');
    expect(truncate('x'.repeat(20), 20)).toBe('x'.repeat(20));
  });

  it('cuts long text to the limit, ending in an ellipsis', () => {
    const shown = truncate('x'.repeat(100_000), 120);
    expect(shown).toHaveLength(120);
    expect(shown.endsWith('…')).toBe(true);
  });

  it('never splits an emoji', () => {
    const shown = truncate(`${'a'.repeat(8)}🔥🔥🔥`, 10);
    expect(shown).toBe(`${'a'.repeat(8)}…`);
    expect(truncate(`${'a'.repeat(7)}🔥🔥🔥`, 10)).toBe(`${'a'.repeat(7)}🔥…`);
  });
});
