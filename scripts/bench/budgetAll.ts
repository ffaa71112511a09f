import {
  HarnessRun,
  SandboxStats,
  VENDORS,
  deepMerge,
  startBackend,
} from '../harness';
import { BenchSandbox, printTable, r1 } from './lib';
import { providerConfig } from './providers';
import { firstRunOnly, firstRuns, notNow } from './scaleRounds';
import { SYNC_TASKS } from './tasks';

/**
 * Each vendor's `requestsPerMinute` for the full sync of all three: under the sandbox's
 * default limit of the domain the sync spends most in (Opsgenie Configuration 600 a minute,
 * Blameless 50 per 10 s = 300 a minute — assumed, DataDog `slo_history` 900 a minute), with
 * a tenth to spare.
 */
const BUDGETS = { opsgenie: 540, blameless: 270, datadog: 810 } as const;

/** The sync task that spends each vendor's requests. */
const TASK_OF = {
  opsgenie: 'oncall-sync-on-call',
  blameless: 'oncall-sync-incidents',
  datadog: 'oncall-sync-slos',
} as const;

/**
 * A bench:budget backend's config: the given sync schedules, everything else that sends
 * vendor requests (open-incident watch, health, notifications, collation) off, Opsgenie for
 * on-call.
 */
export function budgetConfig(
  sandboxUrl: string,
  refresh: { onCall: object; incidents: object; slos: object },
): Record<string, unknown> {
  const config: Record<string, unknown> = {
    oncall: {
      refresh: { ...refresh, openIncidents: notNow },
      health: { refresh: notNow },
      notifications: { enabled: false },
      vendorTimeoutMs: 30_000,
    },
    search: { collators: { oncall: { schedule: notNow } } },
  };
  deepMerge(config, providerConfig('opsgenie', sandboxUrl));
  return config;
}

export interface AllVendorsRow {
  vendor: (typeof VENDORS)[number];
  budget: number;
  allowed: number;
  throttled: number;
  task: string;
  ms?: number;
  error?: string;
}

function quotaOf(stats: SandboxStats, vendor: (typeof VENDORS)[number]) {
  const q = stats.quota?.enabled ? stats.quota.vendors[vendor] : undefined;
  if (!q) throw new Error('the sandbox is not in quota mode');
  return {
    allowed: Object.values(q.domains).reduce((n, d) => n + d.allowed, 0),
    throttled: q.throttled,
  };
}

/**
 * The full sync of on-call, incidents and SLOs together — every vendor configured, each with
 * its request budget ({@link BUDGETS}) — on a sandbox in quota mode: per vendor, the requests
 * let through and those answered 429, and the time of the task that spent them.
 */
export async function measureAllVendors(
  run: HarnessRun,
  sandbox: BenchSandbox,
  timeoutMs: number,
): Promise<AllVendorsRow[]> {
  const config = budgetConfig(sandbox.url, {
    onCall: firstRunOnly,
    incidents: firstRunOnly,
    slos: firstRunOnly,
  });
  deepMerge(config, {
    oncall: Object.fromEntries(
      Object.entries(BUDGETS).map(([vendor, requestsPerMinute]) => [
        vendor,
        { requestsPerMinute },
      ]),
    ),
  });
  await sandbox.client.resetStats();
  const backend = await startBackend(run, {
    name: 'backend-all-vendors',
    sandbox: { url: sandbox.url },
    config,
    startTimeoutMs: 300_000,
  });
  try {
    const round = await firstRuns(backend, timeoutMs, SYNC_TASKS);
    const stats = await sandbox.client.stats();
    return VENDORS.map(vendor => ({
      vendor,
      budget: BUDGETS[vendor],
      ...quotaOf(stats, vendor),
      task: TASK_OF[vendor],
      ...round.byTask[TASK_OF[vendor]],
    }));
  } finally {
    await backend.stop();
  }
}

export function printAllVendors(rows: AllVendorsRow[], org: string): void {
  printTable(
    `Full sync of on-call, incidents and SLOs together, every vendor with a request budget, quota mode (${org}); target 0 answered 429`,
    [
      'vendor',
      'requestsPerMinute',
      'requests let through',
      'answered 429',
      'task',
      'task s',
      'error',
    ],
    rows.map(r => [
      r.vendor,
      r.budget,
      r.allowed,
      r.throttled,
      r.task,
      r.ms === undefined ? 'did not finish' : r1(r.ms / 1000),
      r.error ?? '',
    ]),
  );
}
