import { reliabilityEntities } from '../__testUtils__/reliabilityEntities';
import { startOncallTestBackend } from '../__testUtils__/startOncallTestBackend';
import {
  runScheduledTask,
  useOncallTestBackend,
} from '../__testUtils__/useOncallTestBackend';

jest.setTimeout(60_000);

/** A backend for the Blameless sandbox, whose incidents are owned by the reliability entities. */
const blamelessBackend = {
  vendors: ['blameless' as const],
  entities: reliabilityEntities,
  config: { vendorTimeoutMs: 1000 },
};

describe('incident notifications through the plugin', () => {
  const started = useOncallTestBackend(blamelessBackend);
  const runTask = (id: string) => runScheduledTask(started.scheduler, id);

  it('notifies the owners of each open SEV0/SEV1 once, from the open-incident check', async () => {
    const openSevere = started.sandbox.org.incidents.filter(
      i => i.severity <= 1 && i.status !== 'RESOLVED',
    );
    expect(openSevere.length).toBeGreaterThan(0);

    await runTask('oncall-sync-open-incidents');
    const scopes = started.notifications.map(n => n.payload.scope).sort();
    expect(scopes).toEqual(
      openSevere.map(i => `oncall-incident:${i.id}`).sort(),
    );
    for (const sent of started.notifications) {
      expect(sent.payload.topic).toBe('oncall-incident');
      expect(sent.payload.title).toMatch(/^SEV[01] opened: /);
      expect(sent.payload.link).toMatch(
        /^\/catalog\/default\/[a-z]+\/.+\/incidents$/,
      );
      expect(sent.recipients).toMatchObject({ type: 'entity' });
    }

    // the full sync runs the same check: nothing is sent twice
    await runTask('oncall-sync-incidents');
    await runTask('oncall-sync-open-incidents');
    expect(started.notifications).toHaveLength(scopes.length);
  });

  it('schedules the shift reminders every minute, which run without error on a fresh store', async () => {
    const task = started.scheduler.scheduleTask.mock.calls.find(
      ([t]) => t.id === 'oncall-shift-reminders',
    );
    expect(task?.[0].frequency).toEqual({ minutes: 1 });
    const before = started.notifications.length;
    await runTask('oncall-shift-reminders');
    expect(started.notifications).toHaveLength(before);
  });
});

describe('notifications switched off', () => {
  it('neither schedules reminders nor notifies of incidents', async () => {
    const started = await startOncallTestBackend({
      ...blamelessBackend,
      config: { ...blamelessBackend.config, notifications: { enabled: false } },
    });
    try {
      const ids = started.scheduler.scheduleTask.mock.calls.map(([t]) => t.id);
      expect(ids).not.toContain('oncall-shift-reminders');
      await runScheduledTask(started.scheduler, 'oncall-sync-open-incidents');
      expect(started.notifications).toEqual([]);
    } finally {
      await started.sandbox.close();
    }
  });
});
