import {
  BackendFeature,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  TestBackend,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { JsonObject } from '@backstage/types';
import {
  DemoOrg,
  RunningSandbox,
  sandboxVendorSections,
  startSandboxServer,
} from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import { pinDate } from '@oncall-for-backstage/plugin-oncall-common/testing';
import { BlamelessConfig } from '../config';
import { HOUR_MS } from '../lib/time';
import { oncallPlugin } from '../plugin';
import { useBeforeAll } from './useBeforeAll';

/** The `oncall.<vendor>` config section of each vendor, pointing at a sandbox (the sandbox's own). */
export { sandboxVendorSections };

/** A vendor the sandbox fakes and the backend can be configured for. */
export type TestVendor = keyof ReturnType<typeof sandboxVendorSections>;

/** The `oncall.<vendor>` config sections that point the backend at the sandbox. */
export function sandboxVendorConfig(
  sandboxUrl: string,
  vendors: TestVendor[],
): JsonObject {
  const sections = sandboxVendorSections(sandboxUrl);
  return Object.fromEntries(vendors.map(v => [v, sections[v]]));
}

/** A running test backend, the sandbox it talks to, and its mocked scheduler. */
export interface OncallTestBackend {
  sandbox: RunningSandbox;
  backend: TestBackend;
  server: TestBackend['server'];
  scheduler: ReturnType<typeof mockServices.scheduler.mock>;
  /** What the plugin sent through the notification service, in order. */
  notifications: NotificationSendOptions[];
}

/**
 * Starts the vendor sandbox (or uses the one given) and a test backend with the on-call
 * plugin configured for `vendors`, the catalog serving `entities(org)`, and a mocked
 * scheduler whose scheduled tasks the test can run, and a notification service that records
 * what it is sent. `config` is merged into `oncall`.
 */
export async function startOncallTestBackend(options: {
  vendors: TestVendor[];
  entities: (org: DemoOrg) => Entity[];
  config?: JsonObject;
  sandbox?: RunningSandbox;
  features?: BackendFeature[];
}): Promise<OncallTestBackend> {
  const sandbox = options.sandbox ?? (await startSandboxServer({ port: 0 }));
  const scheduler = mockServices.scheduler.mock();
  const notifications: NotificationSendOptions[] = [];
  const backend = await startTestBackend({
    features: [
      oncallPlugin,
      catalogServiceMock.factory({ entities: options.entities(sandbox.org) }),
      mockServices.rootConfig.factory({
        data: {
          oncall: {
            ...sandboxVendorConfig(sandbox.url, options.vendors),
            ...options.config,
          },
        },
      }),
      scheduler.factory,
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          send: async (sent: NotificationSendOptions) => {
            notifications.push(sent);
          },
        }),
      }),
      ...(options.features ?? []),
    ],
  });
  return {
    sandbox,
    backend,
    server: backend.server,
    scheduler,
    notifications,
  };
}

/** How long the portal has been running by default: it generated the demo org the day before. */
export const DEMO_RUNNING_FOR = 26 * HOUR_MS;

/**
 * {@link startOncallTestBackend} as the portal stands at the instant `at` (ms): the sandbox
 * generated its demo org `runningFor` ms (default {@link DEMO_RUNNING_FOR}) earlier (on the
 * clock pinned then), and the backend starts on a clock pinned `readAgo` ms (default 0) before
 * `at`. Close it with {@link stopOncallTestBackendAt}.
 */
export async function startOncallTestBackendAt(
  at: number,
  options: Parameters<typeof startOncallTestBackend>[0] & {
    runningFor?: number;
    readAgo?: number;
  },
): Promise<OncallTestBackend> {
  const {
    runningFor = DEMO_RUNNING_FOR,
    readAgo = 0,
    ...backendOptions
  } = options;
  pinDate(at - runningFor);
  const sandbox = await startSandboxServer({ port: 0 });
  pinDate(at - readAgo);
  return startOncallTestBackend({ ...backendOptions, sandbox });
}

/** Closes the sandbox of {@link startOncallTestBackendAt}, if it started, and unpins the clock. */
export async function stopOncallTestBackendAt(
  sandbox: RunningSandbox | undefined,
): Promise<void> {
  await sandbox?.close();
  jest.useRealTimers();
}

/**
 * The Blameless provider's config for the sandbox at `sandboxUrl`: its labels SEV0–SEV3 as
 * sev0–sev3, a year's backfill and two years' retention.
 */
export function sandboxBlamelessConfig(sandboxUrl: string): BlamelessConfig {
  return {
    ...sandboxVendorSections(sandboxUrl).blameless,
    severityMap: { SEV0: 'sev0', SEV1: 'sev1', SEV2: 'sev2', SEV3: 'sev3' },
    backfillDays: 365,
    retentionDays: 730,
  };
}

/**
 * Registers the calling block's hooks: before all its tests, {@link startOncallTestBackendAt};
 * after all, {@link stopOncallTestBackendAt}. The sandbox and server are read from the returned
 * object once the tests run.
 */
export function useOncallTestBackendAt(
  at: number,
  options: Parameters<typeof startOncallTestBackendAt>[1],
): Pick<OncallTestBackend, 'sandbox' | 'server'> {
  return useBeforeAll(
    'the test backend has not started',
    () => startOncallTestBackendAt(at, options),
    started => stopOncallTestBackendAt(started?.sandbox),
  );
}
