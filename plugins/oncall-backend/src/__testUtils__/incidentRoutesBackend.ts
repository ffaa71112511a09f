import { mockCredentials } from '@backstage/backend-test-utils';
import { RunningSandbox } from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import request from 'supertest';
import { reliabilityEntities } from './reliabilityEntities';
import {
  OncallTestBackend,
  startOncallTestBackend,
} from './startOncallTestBackend';

/** The backend and Blameless sandbox the incident route tests share. */
export interface IncidentRoutesTest {
  sandbox: RunningSandbox;
  server: OncallTestBackend['server'];
  scheduler: OncallTestBackend['scheduler'];
  /** GET `/api/oncall${path}` as a user. */
  get(path: string): request.Test;
}

/**
 * Starts, for the tests of the calling file, the sandbox and a backend with the on-call
 * plugin configured for Blameless and the reliability entities, and clears sandbox faults
 * after each test. Call it inside the file's describe block; it also gives the tests a
 * minute each. With `synced`, the incident sync has run once before the first test, as
 * it has for tests that follow others which filled the store.
 */
export function useIncidentRoutesBackend(
  options: { synced?: boolean } = {},
): IncidentRoutesTest {
  jest.setTimeout(60_000);
  const backend = {} as IncidentRoutesTest;
  const user = mockCredentials.user.header();

  beforeAll(async () => {
    const started = await startOncallTestBackend({
      vendors: ['blameless'],
      entities: reliabilityEntities,
      config: { vendorTimeoutMs: 1000 },
    });
    backend.sandbox = started.sandbox;
    backend.server = started.server;
    backend.scheduler = started.scheduler;
    if (options.synced) {
      const task = started.scheduler.scheduleTask.mock.calls.find(
        ([t]) => t.id === 'oncall-sync-incidents',
      );
      await task![0].fn(new AbortController().signal);
    }
  });

  afterAll(async () => {
    await backend.sandbox.close();
  });

  afterEach(async () => {
    await request(backend.sandbox.url).delete('/__sandbox/faults');
  });

  backend.get = (path: string) =>
    request(backend.server)
      .get(`/api/oncall${path}`)
      .set('Authorization', user);
  return backend;
}
