/** A 100 kB annotation or vendor value with no space to break at, and a recognisable start. */
export function longValue(start: string): string {
  return `${start}${'x'.repeat(100_000 - start.length)}`;
}

/** The longest tooltip any view may carry (a capped copy of the full value). */
export const TOOLTIP_CAP = 2_000;

/**
 * Checks that a long value is shown cut (its start, then an ellipsis), never in full, and that
 * no tooltip holds more than the cap.
 */
export function expectShownCut(value: string, start: string) {
  const text = document.body.textContent ?? '';
  expect(text).not.toContain(value);
  expect(text.length).toBeLessThan(20_000);
  const escaped = start.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  expect(text).toMatch(new RegExp(`${escaped}x+…`));
  for (const element of Array.from(document.querySelectorAll('[title]'))) {
    expect((element.getAttribute('title') ?? '').length).toBeLessThanOrEqual(
      TOOLTIP_CAP,
    );
  }
}
