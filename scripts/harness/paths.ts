import { resolve } from 'node:path';

/** The repository root (scripts/harness/..). */
export const repoRoot = resolve(__dirname, '..', '..');
/** The portal backend package. */
export const backendDir = resolve(repoRoot, 'packages', 'backend');
/** Node's require hook that lets plain `node` load the repo's TypeScript sources. */
export const nodeTransform = resolve(
  repoRoot,
  'node_modules',
  '@backstage',
  'cli',
  'config',
  'nodeTransform.cjs',
);
