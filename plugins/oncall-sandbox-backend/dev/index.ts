import { createBackend } from '@backstage/backend-defaults';

// Development backend: `yarn start` in this package serves the sandbox under
// http://localhost:7007/api/oncall-sandbox with the repository's app-config.yaml
// (which must set `oncall-sandbox.enabled: true`). For a standalone server without
// Backstage, run `node scripts/sandbox.js --port 7099` at the repository root.
const backend = createBackend();
backend.add(import('../src'));
backend.start();
