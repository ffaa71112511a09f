/*
 * The on-call sync's steady state at scale, in simulated time: the sync's clock moves 2 minutes
 * per run (the default refresh) while its requests go over HTTP to the sandbox in quota mode,
 * paced by the request budget in real time. The first run reads every team; then an hour of
 * runs, and the requests Opsgenie got per schedule in that hour, against the every-run full
 * read of before (its requests per pass, measured in the same run, × 30 passes an hour).
 * Overrides are made in Opsgenie during the hour, and the simulated minutes until the store
 * shows each are reported: one starting now, one later today, two in three days (a short one
 * between the far check instants, a shift-long one covering one).
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import knexFactory from 'knex';
import { migrationsDir } from '../../plugins/oncall-backend/src/database/migrations';
import { SyncStateStore } from '../../plugins/oncall-backend/src/database/SyncStateStore';
import { createVendorPolicy } from '../../plugins/oncall-backend/src/lib/resilience';
import { DatabaseOnCallStore } from '../../plugins/oncall-backend/src/oncall/DatabaseOnCallStore';
import { OpsgenieOnCallProvider } from '../../plugins/oncall-backend/src/oncall/opsgenie/OpsgenieOnCallProvider';
import { OnCallSchedule } from '../../plugins/oncall-backend/src/oncall/OnCallProvider';
import { OnCallSync } from '../../plugins/oncall-backend/src/oncall/OnCallSync';
import { SANDBOX_KEYS, SandboxStats } from '../harness';
import { BenchSandbox } from './lib';

const MINUTE = 60_000;
const RUN_EVERY_MS = 2 * MINUTE;
const CHECKS = { maxStaleMs: 15 * MINUTE, rereadMs: 60 * MINUTE };

/**
 * Opsgenie's requests let through (in all and by rate-limit domain) and answered 429, from the
 * sandbox's quota counters.
 */
export function opsgenieQuota(stats: SandboxStats) {
  const og = stats.quota?.enabled ? stats.quota.vendors.opsgenie : undefined;
  if (!og) {
    throw new Error('the sandbox is not in quota mode');
  }
  const byDomain = Object.fromEntries(
    Object.values(og.domains).map(d => [d.name, d.allowed]),
  );
  const allowed = Object.values(og.domains).reduce((n, d) => n + d.allowed, 0);
  return { allowed, throttled: og.throttled, byDomain };
}

/** The sync's logger: warnings to stderr (a failing team shows), the rest dropped. */
function quietLogger(): LoggerService {
  const logger: LoggerService = {
    error: (message, meta) =>
      process.stderr.write(`${message} ${JSON.stringify(meta ?? {})}\n`),
    warn: (message, meta) =>
      process.stderr.write(`${message} ${JSON.stringify(meta ?? {})}\n`),
    info: () => {},
    debug: () => {},
    child: () => logger,
  };
  return logger;
}

export interface SteadyResult {
  teams: number;
  schedules: number;
  fullPass: { ms: number; requests: number; throttled: number };
  hour: {
    requests: number;
    throttled: number;
    byDomain: Record<string, number>;
    realMs: number;
  };
  /** Simulated minutes from the override's creation until the store shows it. */
  overrides: Array<{ label: string; minutes: number | undefined }>;
}

export async function measureSteadyOnCall(
  sandbox: BenchSandbox,
  requestsPerMinute: number,
): Promise<SteadyResult> {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  await knex.migrate.latest({ directory: migrationsDir });
  const store = DatabaseOnCallStore.create({ knex });
  const logger = quietLogger();
  let now = Date.now();
  const sync = new OnCallSync({
    provider: OpsgenieOnCallProvider.create({
      config: {
        baseUrl: sandbox.client.vendorUrl('opsgenie'),
        apiKey: SANDBOX_KEYS.opsgenie,
        requestsPerMinute,
      },
      policy: createVendorPolicy('opsgenie', logger, {
        requestsPerMinute,
        timeoutMs: 30_000,
      }),
    }),
    store,
    syncState: new SyncStateStore(knex),
    logger,
    now: () => new Date(now),
    checks: CHECKS,
  });
  try {
    await sandbox.client.resetStats();
    let started = performance.now();
    const first = await sync.refresh();
    const ms = performance.now() - started;
    const passQuota = opsgenieQuota(await sandbox.client.stats());
    const fullPass = {
      ms,
      requests: passQuota.allowed,
      throttled: passQuota.throttled,
    };
    if (first.failed > 0) {
      throw new Error(`the first run failed ${first.failed} teams`);
    }
    const schedules = await store.listSchedulesPage(undefined, 100_000);
    const enabled = schedules.filter(s => s.enabled && s.ownerTeam);
    const [a, b, c, d] = [enabled[0], enabled[1], enabled[2], enabled[4]];
    const someone = async (scheduleId: string) => {
      const periods = await store.getPeriods(
        [scheduleId],
        new Date(now),
        new Date(now + 1),
      );
      return periods[0]?.recipient.name;
    };
    // whoever is on call in another schedule covers
    const cover = (await someone(enabled[3].id))!;
    const made: Array<{
      label: string;
      schedule: OnCallSchedule;
      at: number;
      start: number;
      /** Default 120 minutes. */
      minutes?: number;
      seen?: number;
    }> = [];
    const t0 = now;
    await sandbox.client.resetStats();
    started = performance.now();
    for (let run = 1; run <= 30; run++) {
      now = t0 + run * RUN_EVERY_MS;
      if (run === 5) {
        made.push({
          label: 'starting now',
          schedule: a,
          at: now,
          start: now + MINUTE,
        });
        made.push({
          label: 'in 3 hours',
          schedule: b,
          at: now,
          start: now + 180 * MINUTE,
        });
        // two hours from 1 h past a 6-hour UTC instant: between two far check instants
        const sixHours = 6 * 60 * MINUTE;
        made.push({
          label: 'in 3 days, 2 hours (between far check instants)',
          schedule: c,
          at: now,
          start:
            Math.floor((now + 3 * 24 * 60 * MINUTE) / sixHours) * sixHours +
            60 * MINUTE,
        });
        // a shift swapped: long enough to cover one of the far check instants (every 6 h)
        made.push({
          label: 'in 3 days, 8 hours long',
          schedule: d,
          at: now,
          start: now + 3 * 24 * 60 * MINUTE + 60 * MINUTE,
          minutes: 8 * 60,
        });
        for (const o of made) {
          await sandbox.client.createOpsgenieOverride(o.schedule.name, {
            username: cover,
            start: new Date(o.start),
            end: new Date(o.start + (o.minutes ?? 120) * MINUTE),
          });
        }
        // the override is made just after this instant: the run at this instant may not see it
        now += 1;
      }
      await sync.refresh();
      for (const o of made.filter(x => x.seen === undefined)) {
        const periods = await store.getPeriods(
          [o.schedule.id],
          new Date(o.start + MINUTE),
          new Date(o.start + MINUTE + 1),
        );
        if (periods.some(p => p.recipient.name === cover)) o.seen = now;
      }
    }
    const hour = opsgenieQuota(await sandbox.client.stats());
    return {
      teams: first.teams,
      schedules: enabled.length,
      fullPass,
      hour: {
        requests: hour.allowed,
        throttled: hour.throttled,
        byDomain: hour.byDomain,
        realMs: performance.now() - started,
      },
      overrides: made.map(o => ({
        label: o.label,
        minutes:
          o.seen === undefined
            ? undefined
            : Math.ceil((o.seen - o.at) / MINUTE),
      })),
    };
  } finally {
    await knex.destroy();
  }
}
