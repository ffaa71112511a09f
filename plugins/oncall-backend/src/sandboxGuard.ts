import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** Where the vendor sandbox is mounted in a backend that loads it. */
const SANDBOX_PATH = '/api/oncall-sandbox/';

/**
 * Refuses a vendor URL that points at this backend's own vendor sandbox while the sandbox is
 * not mounted. That happens when a production variable (e.g. `OPSGENIE_API_URL`) is unset:
 * Backstage drops the key and the demo's sandbox URL from `app-config.yaml` fills it in, so
 * the backend would quietly call a sandbox that is not there.
 */
export function assertNoDisabledSandbox(
  root: Config,
  vendors: Record<string, { baseUrl: string } | undefined>,
): void {
  if (root.getOptionalBoolean('oncall-sandbox.enabled') === true) {
    return;
  }
  const backendBaseUrl = root.getOptionalString('backend.baseUrl');
  if (!backendBaseUrl) {
    return;
  }
  const backendOrigin = new URL(backendBaseUrl).origin;
  for (const [vendor, config] of Object.entries(vendors)) {
    if (!config) {
      continue;
    }
    const url = new URL(config.baseUrl);
    if (
      url.origin === backendOrigin &&
      `${url.pathname}/`.startsWith(SANDBOX_PATH)
    ) {
      throw new InputError(
        `oncall.${vendor}.baseUrl points at this backend's vendor sandbox (${config.baseUrl}), ` +
          `but oncall-sandbox.enabled is not true: set it to the vendor's own URL ` +
          `(in app-config.production.yaml, its environment variable is probably unset)`,
      );
    }
  }
}
