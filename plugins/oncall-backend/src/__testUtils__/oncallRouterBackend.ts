import {
  createServiceFactory,
  coreServices,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  OnCallSummary,
  Rotation,
} from '@oncall-for-backstage/plugin-oncall-common';
import {
  RunningSandbox,
  SANDBOX_DEFAULT_KEYS,
  startSandboxServer,
} from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { oncallPlugin } from '../plugin';
import { captureLogger } from './captureLogger';
import { annotatedComponent, demoEntities } from './demoEntities';
import { sandboxOpsgenieTimeline } from './sandboxTimeline';

/** The sandbox's Opsgenie key, which no response or log line may contain. */
export const apiKey = SANDBOX_DEFAULT_KEYS.opsgenie;

/** Components that carry their own on-call annotations (pinned schedule, explicit team). */
const annotatedComponents: Entity[] = [
  annotatedComponent('weekend-batch', {
    'opsgenie.com/schedule': 'checkout_weekend',
  }),
  annotatedComponent('status-checker', { 'opsgenie.com/team': 'sre' }),
];

/** The backend and sandbox the on-call route tests share, with what they record. */
export interface OncallRouterTest {
  sandbox: RunningSandbox;
  server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  logLines: string[];
  auditor: ReturnType<typeof mockServices.auditor.mock>;
  scheduler: ReturnType<typeof mockServices.scheduler.mock>;
  /** GET an entity's on-call summary (`kind/namespace/name`), expecting 200. */
  onCall(path: string): request.Test;
  /** The body of {@link OncallRouterTest.onCall}. */
  summary(path: string): Promise<OnCallSummary>;
  /** Usernames on call at `at` per the sandbox's own who-is-on-call API. */
  vendorOnCall(scheduleId: string, at: string): Promise<string[]>;
  /** Usernames on call at `at` in one named rotation, per the sandbox's timeline API. */
  vendorRotation(
    scheduleId: string,
    rotation: string,
    at: string,
  ): Promise<string[]>;
}

/**
 * Starts, for the tests of the calling file, the Opsgenie sandbox and a backend with the
 * on-call plugin configured for it (demo entities plus annotated components, the SRE
 * Incident Commander schedule, a team mapping), and clears sandbox faults after each test.
 * Call it inside the file's describe block; it also gives the tests a minute each.
 */
export function useOncallRouterBackend(): OncallRouterTest {
  jest.setTimeout(60_000);
  const shared = {
    logLines: [] as string[],
    auditor: mockServices.auditor.mock(),
    scheduler: mockServices.scheduler.mock(),
  } as OncallRouterTest;
  const { logLines, auditor, scheduler } = shared;
  let sandbox: RunningSandbox;

  async function startBackend(
    options: { permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY } = {},
  ) {
    const backend = await startTestBackend({
      features: [
        oncallPlugin,
        catalogServiceMock.factory({
          entities: [...demoEntities(sandbox.org), ...annotatedComponents],
        }),
        mockServices.rootConfig.factory({
          data: {
            oncall: {
              opsgenie: {
                baseUrl: `${sandbox.url}/opsgenie`,
                apiKey,
                webUrl: 'https://example.app.opsgenie.com',
              },
              incidentCommander: { schedule: 'sre_ic_schedule' },
              teamMappings: [
                { group: 'group:default/discovery', team: 'discovery-ops' },
              ],
              refresh: {
                onCall: { frequency: { hours: 1 }, timeout: { minutes: 1 } },
              },
              vendorTimeoutMs: 1000,
            },
          },
        }),
        mockServices.permissions.factory({
          result: options.permission ?? AuthorizeResult.ALLOW,
        }),
        auditor.factory,
        createServiceFactory({
          service: coreServices.logger,
          deps: {},
          factory: () => captureLogger(logLines),
        }),
        scheduler.factory,
      ],
    });
    return backend.server;
  }

  beforeAll(async () => {
    sandbox = await startSandboxServer({ port: 0 });
    shared.sandbox = sandbox;
    shared.server = await startBackend();
  });

  afterAll(async () => {
    await sandbox.close();
  });

  afterEach(async () => {
    await request(sandbox.url).delete('/__sandbox/faults');
  });

  shared.onCall = (path: string) =>
    request(shared.server)
      .get(`/api/oncall/entities/${path}/on-call`)
      .expect(200);

  shared.summary = async (path: string) => (await shared.onCall(path)).body;

  /** Usernames on call at `at` per the sandbox's own who-is-on-call API. */
  shared.vendorOnCall = async function vendorOnCall(
    scheduleId: string,
    at: string,
  ): Promise<string[]> {
    const res = await request(sandbox.url)
      .get(`/opsgenie/v2/schedules/${scheduleId}/on-calls`)
      .query({ flat: 'true', date: at })
      .set('Authorization', `GenieKey ${apiKey}`)
      .expect(200);
    return [...res.body.data.onCallRecipients].sort();
  };

  /** Usernames on call at `at` in one named rotation, per the sandbox's timeline API. */
  shared.vendorRotation = async function vendorRotation(
    scheduleId: string,
    rotation: string,
    at: string,
  ): Promise<string[]> {
    const t = Date.parse(at);
    const periods = await sandboxOpsgenieTimeline(
      sandbox.url,
      scheduleId,
      t - 3_600_000,
      1,
    );
    return periods
      .filter(p => p.rotation === rotation && p.start <= t && t < p.end)
      .map(p => p.username)
      .sort();
  };
  return shared;
}

/** The emails of a rotation's responders in one role, sorted. */
export const emails = (rotation: Rotation, role: string) =>
  rotation.levels
    .filter(l => l.role === role)
    .flatMap(l => l.responders.map(r => r.email ?? ''))
    .sort();
