/*
 * The on-call backend's routes, read from its source, for the reliability suite's auth and
 * fuzz tests.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../harness';
import { DEMO_ENTITIES } from './lib';

/** One route of the on-call backend, found in its source. */
export interface DiscoveredRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  file: string;
}

/**
 * Every `router.<method>('<path>', …)` in plugins/oncall-backend/src (tests excluded), so a
 * route added later is covered by the auth and fuzz tests without editing them.
 */
export function discoverRoutes(): DiscoveredRoute[] {
  const root = join(repoRoot, 'plugins', 'oncall-backend', 'src');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
        files.push(path);
    }
  };
  walk(root);
  const routes: DiscoveredRoute[] = [];
  const seen = new Set<string>();
  const pattern =
    /router\s*\.\s*(get|post|put|patch|delete)\(\s*['"`](\/[^'"`]*)['"`]/g;
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(pattern)) {
      const key = `${match[1].toUpperCase()} ${match[2]}`;
      if (seen.has(key)) continue;
      seen.add(key);
      routes.push({
        method: match[1].toUpperCase() as DiscoveredRoute['method'],
        path: match[2],
        file: file.slice(repoRoot.length + 1),
      });
    }
  }
  return routes;
}

/** A concrete URL path for a route pattern, for the given entity. */
export function concretePath(
  pattern: string,
  entity: { kind: string; namespace: string; name: string } = DEMO_ENTITIES[0],
): string {
  return pattern
    .replace(':kind', encodeURIComponent(entity.kind))
    .replace(':namespace', encodeURIComponent(entity.namespace))
    .replace(':name', encodeURIComponent(entity.name));
}
