/*
 * Shift reminders with two replicas on one PostgreSQL database, one of them restarted in
 * between: a shift made in Opsgenie (an override starting in 20 minutes, as a person swapping
 * a shift does) reaches its responder once as a "your shift starts soon" notification, and
 * neither the other replica nor the restarted one (whose memory of what it sent is gone)
 * sends it again. Every reminder the cluster sent in the run is checked the same way.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BackendProcess,
  HarnessRun,
  SandboxProcess,
  ScratchDatabase,
  createDatabase,
  createRun,
  fastRefreshConfig,
  recordFigure,
  sleep,
  startBackend,
  sumLogged,
  startSandbox,
  waitForCatalog,
} from '../harness';

/** A catalog User (examples/org.yaml) who is on no demo rotation of commerce_schedule. */
const RESPONDER = 'oscar.king@example.com';
const SCHEDULE = 'commerce_schedule';
const REMINDER_MINUTES = 30;
/** The reminder task runs every minute, 20 s after start. */
const TASK_ID = 'oncall-shift-reminders';

let run: HarnessRun;
let db: ScratchDatabase;
let sandbox: SandboxProcess;
const replicas: BackendProcess[] = [];

interface SentRow {
  user: string;
  scope: string;
  title: string;
  updated: Date | null;
}

async function startReplica(name: string): Promise<BackendProcess> {
  const backend = await startBackend(run, {
    name,
    sandbox: { url: sandbox.url },
    database: db,
    config: withReminderWindow(fastRefreshConfig({ frequencySeconds: 10 })),
  });
  replicas.push(backend);
  return backend;
}

/** The harness config with reminders sent {@link REMINDER_MINUTES} before a shift. */
function withReminderWindow(config: ReturnType<typeof fastRefreshConfig>) {
  return {
    ...config,
    oncall: {
      ...config.oncall,
      notifications: { shiftReminderMinutes: REMINDER_MINUTES },
    },
  };
}

/** The shift reminders the notifications backend stored, one row per recipient and event. */
function reminderRows(): Promise<SentRow[]> {
  return db.query<SentRow>(
    `SELECT "user", scope, title, updated FROM notifications.notification WHERE topic = 'oncall-shift' ORDER BY created`,
  );
}

/** When the reminder task last started a run, on whichever replica holds it. */
async function reminderTaskRuns(): Promise<number> {
  const [row] = await db.query<{ next_run_start_at: Date | null }>(
    `SELECT next_run_start_at FROM oncall.backstage_backend_tasks__tasks WHERE id = ?`,
    [TASK_ID],
  );
  return row?.next_run_start_at ? new Date(row.next_run_start_at).getTime() : 0;
}

/** Waits until the reminder task has been scheduled `times` more runs after now. */
async function waitForTaskRuns(times: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let seen = await reminderTaskRuns();
  let count = 0;
  while (count < times) {
    assert.ok(
      Date.now() < deadline,
      `${TASK_ID} ran ${count} of ${times} times in ${timeoutMs} ms`,
    );
    await sleep(2000);
    const next = await reminderTaskRuns();
    if (next > seen) {
      seen = next;
      count += 1;
    }
  }
}

/** Sum of the `reminders` counts the replicas logged ("Sent shift reminders"). */
function remindersLogged(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of replicas) {
    out[r.name] = sumLogged(
      r.process.lines,
      'Sent shift reminders',
      'reminders',
    );
  }
  return out;
}

before(async () => {
  run = createRun('reminders');
  db = await createDatabase(`oncall_rem_${run.id}`);
  sandbox = await startSandbox(run);
});

after(async () => {
  for (const replica of replicas) await replica.stop().catch(() => undefined);
  await sandbox?.stop();
  await db?.drop();
});

describe('shift reminders across two replicas on PostgreSQL', () => {
  test('a shift starting soon is reminded once, though a replica restarts in between', async t => {
    const began = Date.now();
    const start = new Date(began + 20 * 60_000);
    await sandbox.client.createOpsgenieOverride(SCHEDULE, {
      username: RESPONDER,
      start,
      end: new Date(start.getTime() + 60 * 60_000),
      rotation: 'primary',
    });
    // one after the other, as a rolling deployment does (the plugins' migration locks)
    const a = await startReplica('replica-a');
    await startReplica('replica-b');
    await Promise.all(replicas.map(r => waitForCatalog(r, { min: 10 })));

    // the on-call sync stores the shift, the reminder task (every minute) sends it
    const deadline = Date.now() + 180_000;
    let rows = await reminderRows();
    while (!rows.some(r => r.user === 'user:default/oscar.king')) {
      assert.ok(
        Date.now() < deadline,
        `no reminder for ${RESPONDER} in 180 s; stored: ${JSON.stringify(
          rows,
        )}`,
      );
      await sleep(2000);
      rows = await reminderRows();
    }
    const sentAt = Date.now();

    // the replica that sent it forgets everything it remembered; the other keeps running
    const sender =
      replicas.find(r => (remindersLogged()[r.name] ?? 0) > 0) ?? a;
    await sender.stop();
    const restarted = await startReplica(`${sender.name}-restarted`);
    await waitForCatalog(restarted, { min: 10 });
    // two more runs of the task across the cluster, with the shift still ahead
    await waitForTaskRuns(2, 200_000);
    assert.ok(
      Date.now() < start.getTime(),
      'the shift had started before the check ended: the window no longer covers it',
    );

    rows = await reminderRows();
    const mine = rows.filter(r => r.user === 'user:default/oscar.king');
    const logged = remindersLogged();
    const claims = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM oncall.oncall_notifications_sent WHERE topic = 'oncall-shift'`,
    );
    recordFigure(t.diagnostic.bind(t), 'reminders-once', {
      reminderMinutes: REMINDER_MINUTES,
      firstSentAfterSeconds: Math.round((sentAt - began) / 1000),
      restarted: sender.name,
      reminderRows: rows.length,
      resent: rows.filter(r => r.updated !== null).length,
      loggedPerReplica: logged,
      claims: Number(claims[0].n),
    });
    assert.equal(
      mine.length,
      1,
      `reminders for ${RESPONDER}: ${JSON.stringify(mine)}`,
    );
    assert.match(
      mine[0].title,
      /Your primary on-call shift on commerce_schedule starts in \d+ min/,
    );
    // a second send of the same event would have updated the row (same scope): none did
    assert.deepEqual(
      rows.filter(r => r.updated !== null).map(r => r.scope),
      [],
      'reminders sent again',
    );
    const keys = rows.map(r => `${r.user} ${r.scope}`);
    assert.equal(
      new Set(keys).size,
      keys.length,
      'one row per recipient and event',
    );
    const sends = Object.values(logged).reduce((x, y) => x + y, 0);
    assert.equal(
      sends,
      rows.length,
      `sends logged ${JSON.stringify(logged)} vs rows ${rows.length}`,
    );
  });
});
