import { ECHO_MAX_CHARS, capEcho, capEchoList } from './echo';

describe('capEcho', () => {
  it('keeps short text as it is', () => {
    expect(capEcho('payments')).toBe('payments');
    expect(capEcho('x'.repeat(ECHO_MAX_CHARS))).toBe(
      'x'.repeat(ECHO_MAX_CHARS),
    );
  });

  it('cuts long text to 200 characters and marks the cut', () => {
    const capped = capEcho(`start${'y'.repeat(100_000)}`);
    expect(capped).toBe(`start${'y'.repeat(ECHO_MAX_CHARS - 5)}…`);
  });

  it('never splits a character made of two UTF-16 units', () => {
    const capped = capEcho('😀'.repeat(300));
    expect(capped).toBe(`${'😀'.repeat(ECHO_MAX_CHARS)}…`);
    expect(capEcho('😀'.repeat(150))).toBe('😀'.repeat(150));
  });
});

describe('capEchoList', () => {
  it('keeps a short list as it is', () => {
    expect(capEchoList(['a', 'b'])).toEqual(['a', 'b']);
    expect(capEchoList([])).toEqual([]);
  });

  it('keeps the names that fit in 200 characters joined, and marks what was left out', () => {
    const names = Array.from({ length: 1000 }, (_, i) => `schedule-${i}`);
    const capped = capEchoList(names);
    expect(capped.slice(0, 3)).toEqual([
      'schedule-0',
      'schedule-1',
      'schedule-2',
    ]);
    expect(capped.join(', ').length).toBeLessThanOrEqual(ECHO_MAX_CHARS + 1);
    expect(capped[capped.length - 1]).toMatch(/…$/);
  });

  it('cuts one long name', () => {
    expect(capEchoList(['x'.repeat(100_000), 'y'])).toEqual([
      `${'x'.repeat(ECHO_MAX_CHARS)}…`,
    ]);
    const [first, second] = capEchoList(['a'.repeat(150), 'b'.repeat(150)]);
    expect(first).toBe('a'.repeat(150));
    expect(second).toBe(`${'b'.repeat(ECHO_MAX_CHARS - 152)}…`);
  });
});
