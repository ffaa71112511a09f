import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Records a measured figure: printed as one `figure <test> <json>` line (node:test shows it
 * as a diagnostic) and appended to $ONCALL_FIGURES_FILE (JSON lines) when set, so the figures
 * of one run can be tabulated (scripts/reliability.sh prints them at the end).
 */
export function recordFigure(
  diagnostic: (message: string) => void,
  test: string,
  figures: Record<string, unknown>,
): void {
  const line = JSON.stringify(figures);
  diagnostic(`figure ${test} ${line}`);
  const file = process.env.ONCALL_FIGURES_FILE;
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    appendFileSync(file, `${JSON.stringify({ test, ...figures })}\n`);
  }
}
