import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { RotationDocument } from '@oncall-for-backstage/plugin-oncall-common';
import { startSandboxServer } from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import request from 'supertest';
import { oncallPlugin } from '../../plugin';
import { demoEntities } from '../../__testUtils__/demoEntities';
import { sandboxVendorSections } from '../../__testUtils__/startOncallTestBackend';

jest.setTimeout(600_000);

/**
 * Time to collate every rotation, with the catalog entities each is on call for, from the
 * sandbox in scale mode (500 extra teams, 5,000 extra services). Opt-in:
 * `ONCALL_BENCH=1 CI=1 yarn test src/oncall/bench/collateRotations`.
 */
const describeBench = process.env.ONCALL_BENCH ? describe : describe.skip;

describeBench('collate/rotations at scale', () => {
  it('lists every rotation with what it is on call for', async () => {
    const sandbox = await startSandboxServer({
      port: 0,
      scale: { teams: 500, services: 5000, incidents: 0, slos: 0 },
    });
    const entities = demoEntities(sandbox.org);
    const scheduler = mockServices.scheduler.mock();
    const { server } = await startTestBackend({
      features: [
        oncallPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            oncall: {
              opsgenie: sandboxVendorSections(sandbox.url).opsgenie,
              vendorTimeoutMs: 30_000,
            },
          },
        }),
        scheduler.factory,
      ],
    });
    const sync = scheduler.scheduleTask.mock.calls.find(
      ([task]) => task.id === 'oncall-sync-on-call',
    )?.[0];
    expect(sync).toBeDefined();
    await sync!.fn(new AbortController().signal);

    const items: RotationDocument[] = [];
    let pages = 0;
    let cursor: string | undefined;
    const started = performance.now();
    do {
      const page = await request(server)
        .get('/api/oncall/collate/rotations')
        .query({ limit: 500, ...(cursor ? { cursor } : {}) })
        .set('Authorization', mockCredentials.service.header())
        .expect(200);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor);
    const totalMs = performance.now() - started;

    const covered = new Set(items.flatMap(item => item.entityRefs));
    expect(items.length).toBe(sandbox.org.schedules.length);
    // every scale service is owned by a scale team's Group, and so covered
    const scaleServices = sandbox.org.services.filter(s =>
      s.name.startsWith('scale-'),
    );
    for (const service of scaleServices) {
      expect(covered).toContain(
        `${service.kind.toLocaleLowerCase('en-US')}:default/${service.name}`,
      );
    }
    // eslint-disable-next-line no-console
    console.log(
      JSON.stringify({
        catalogEntities: entities.length,
        rotations: items.length,
        pages,
        coveredEntities: covered.size,
        totalMs: Math.round(totalMs),
      }),
    );
    await sandbox.close();
  });
});
