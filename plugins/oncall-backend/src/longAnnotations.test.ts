import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { annotatedComponent, demoEntities } from './__testUtils__/demoEntities';
import { useOncallTestBackend } from './__testUtils__/useOncallTestBackend';

jest.setTimeout(60_000);

/** A 100 kB annotation value: a marker, then filler, then a tail marker. */
const huge = (filler: string) =>
  `head-marker-${filler.repeat(Math.ceil(100_000 / filler.length))}tail-marker`;

/** About 100 kB of distinct tags, the last one a marker. */
const manyTags = (key: string) =>
  [
    ...Array.from({ length: 8000 }, (_, i) => `${key}:head-marker-${i}`),
    'tail-marker',
  ].join(',');

const longEntities = [
  annotatedComponent('long-team', { 'opsgenie.com/team': huge('t') }),
  annotatedComponent('long-schedules', { 'opsgenie.com/schedule': huge('s,') }),
  annotatedComponent('long-service', { 'blameless.com/service': huge('b') }),
  annotatedComponent('long-tags', {
    'datadoghq.com/slo-tags': manyTags('service'),
    'datadoghq.com/monitor-tags': manyTags('env'),
  }),
];

/** No response repeats a long annotation: at most 200 characters of it, marked with an ellipsis. */
function expectCapped(text: string) {
  expect(text).not.toContain('tail-marker');
  expect(text.length).toBeLessThan(20_000);
}

describe('100 kB annotation values', () => {
  const backend = useOncallTestBackend({
    vendors: ['opsgenie', 'blameless', 'datadog'],
    entities: org => [...demoEntities(org), ...longEntities],
    config: { vendorTimeoutMs: 2000 },
  });

  const get = (path: string) =>
    request(backend.server)
      .get(`/api/oncall${path}`)
      .set('Authorization', mockCredentials.user.header())
      .expect(200);

  it('on-call: the team named by opsgenie.com/team is echoed capped at 200 characters', async () => {
    const res = await get('/entities/component/default/long-team/on-call');
    expectCapped(res.text);
    expect(res.body.resolution.team).toBe(`${huge('t').slice(0, 200)}…`);
    expect(res.body.notConfigured.reason).toContain(
      `${huge('t').slice(0, 200)}…`,
    );
  });

  it('on-call: the schedules pinned by opsgenie.com/schedule are echoed capped at 200 characters in all', async () => {
    const res = await get('/entities/component/default/long-schedules/on-call');
    expectCapped(res.text);
    const schedules: string[] = res.body.resolution.schedules;
    expect(schedules[0]).toBe('head-marker-s');
    expect(schedules.join(', ').length).toBeLessThanOrEqual(201);
    expect(schedules[schedules.length - 1]).toMatch(/…$/);
  });

  it('incidents: the service named by blameless.com/service is echoed capped at 200 characters', async () => {
    const res = await get('/entities/component/default/long-service/incidents');
    expectCapped(res.text);
    expect(res.body.services).toEqual([`${huge('b').slice(0, 200)}…`]);
    expect(res.body.items).toEqual([]);
  });

  it('SLOs: the tag query is echoed capped at 200 characters, and no monitors link carries it', async () => {
    const res = await get('/entities/component/default/long-tags/slos');
    expectCapped(res.text);
    expect(res.body.query).toMatch(/^\(service:head-marker-0 AND .{150,}…$/);
    expect(res.body.query.length).toBe(201);
    expect(res.body.monitors.url).toBeUndefined();
  });

  it('coverage: teams and schedules from annotations are echoed capped', async () => {
    const res = await get('/coverage');
    // the whole demo catalog is listed (rows and, again, under their Groups), so the cap is
    // checked on the rows that carry the 100 kB values, wherever they appear
    expect(res.text).not.toContain('tail-marker');
    const byRef = new Map(
      res.body.items.map((i: { entityRef: string }) => [i.entityRef, i]),
    );
    for (const ref of [
      'component:default/long-team',
      'component:default/long-schedules',
    ]) {
      expect(JSON.stringify(byRef.get(ref)).length).toBeLessThan(2_000);
    }
    expect(byRef.get('component:default/long-team')).toMatchObject({
      team: `${huge('t').slice(0, 200)}…`,
    });
    expect(
      (byRef.get('component:default/long-schedules') as { team: string }).team
        .length,
    ).toBeLessThanOrEqual(201);
  });
});
