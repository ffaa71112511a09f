import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  SANDBOX_DEFAULT_SEED,
  createDemoOrg,
} from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import { demoEntities } from '../src/__testUtils__/demoEntities';

// A standalone backend for the plugin: the vendor sandbox (mounted at /api/oncall-sandbox),
// the demo catalog and mocked auth, so `yarn start` in this package needs no credentials.
// app-config.yaml at the repo root points oncall.opsgenie at the sandbox. Try:
//
//   curl http://localhost:7007/api/oncall/entities/component/default/payments-api/on-call
//   curl http://localhost:7007/api/oncall/coverage

const backend = createBackend();
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  catalogServiceMock.factory({
    entities: demoEntities(
      createDemoOrg({ seed: SANDBOX_DEFAULT_SEED, now: new Date() }),
    ),
  }),
);
backend.add(import('@oncall-for-backstage/plugin-oncall-sandbox-backend'));
backend.add(import('../src'));
backend.start();
