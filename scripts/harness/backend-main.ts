/*
 * The harness's backend entry: the portal backend exactly as packages/backend/src/index.ts
 * composes it (the feature list is read from that file, so the two never drift apart), with
 * two test-only additions:
 *   - the `harness` sign-in provider, which signs in any user named in the `x-harness-user`
 *     header (GET /api/auth/harness/refresh), so tests can act as several users;
 *   - the harness permission policy in place of the portal's policy module, configured by
 *     `reliabilityHarness.policy` (see modules/harnessPolicy.ts) — unless
 *     `ONCALL_HARNESS_PORTAL_POLICY=1`, which keeps the portal's policy (tests of the policy
 *     itself, signing in as several users).
 * Never used outside the reliability suite.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { harnessAuthModule } from './modules/harnessAuth';
import { harnessPolicyModule } from './modules/harnessPolicy';
import { backendDir } from './paths';

/** The portal's permission policy module (one policy per backend). */
const PORTAL_POLICY =
  '@oncall-for-backstage/plugin-oncall-backend/permission-policy';

/** Module specifiers of every `backend.add(import('…'))` in the portal's entry file. */
export function portalFeatures(): string[] {
  const source = readFileSync(join(backendDir, 'src', 'index.ts'), 'utf8');
  const specifiers: string[] = [];
  const pattern =
    /backend\.add\(\s*import\(\s*['"]([^'"]+)['"]\s*\)\s*,?\s*\)/g;
  for (const match of source.matchAll(pattern)) {
    specifiers.push(match[1]);
  }
  return specifiers;
}

function main() {
  const requireFromBackend = createRequire(join(backendDir, 'package.json'));
  const { createBackend } = requireFromBackend('@backstage/backend-defaults');
  const backend = createBackend();
  const portalPolicy = process.env.ONCALL_HARNESS_PORTAL_POLICY === '1';
  for (const specifier of portalFeatures()) {
    if (specifier === PORTAL_POLICY && !portalPolicy) continue;
    // the entry's own modules are imported relative to packages/backend/src
    const resolved = specifier.startsWith('.')
      ? join(backendDir, 'src', specifier)
      : specifier;
    backend.add(Promise.resolve(requireFromBackend(resolved)));
  }
  if (!portalPolicy) backend.add(harnessPolicyModule);
  backend.add(harnessAuthModule);
  backend.start();
}

main();
