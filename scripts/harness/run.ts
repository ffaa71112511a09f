import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * One harness run: a unique id (used for database names and cache namespaces) and a directory
 * for generated config and process logs. `ONCALL_HARNESS_DIR` overrides the parent directory.
 */
export interface HarnessRun {
  id: string;
  dir: string;
}

export function createRun(label: string): HarnessRun {
  const safe = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 20);
  const id = `${safe}_${Date.now().toString(36)}_${randomBytes(3).toString(
    'hex',
  )}`;
  const parent =
    process.env.ONCALL_HARNESS_DIR ?? join(tmpdir(), 'oncall-harness');
  const dir = join(parent, id);
  mkdirSync(dir, { recursive: true });
  return { id, dir };
}
