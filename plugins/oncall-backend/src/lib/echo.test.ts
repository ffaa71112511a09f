import { ECHO_MAX_CHARS, capEcho } from './echo';

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
