/*
 * Glue shared by the benchmarks (scripts/bench/*.ts): machine description, a standalone
 * sandbox in scale mode, a catalog file for scale-mode services, the scheduler's task
 * endpoint (to trigger syncs and tell when they finished), process memory, and printing.
 * Processes, databases and tokens come from the reliability harness (scripts/harness).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { SANDBOX_DEFAULT_KEYS } from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import {
  BackendProcess,
  HarnessRun,
  ManagedProcess,
  SandboxClient,
  SandboxFault,
  SandboxStats,
  freePort,
  repoRoot,
  sleep,
  startProcess,
} from '../harness';

/** The machine a figure was measured on. */
export function machine() {
  const free = execFileSync('free', ['-h'], { encoding: 'utf8' }).trim();
  return {
    nproc: execFileSync('nproc', { encoding: 'utf8' }).trim(),
    cpu: cpus()[0]?.model ?? 'unknown',
    memory: free.split('\n')[1]?.replace(/\s+/g, ' ') ?? free,
    node: process.version,
    loadavg: loadavg()
      .map(l => l.toFixed(2))
      .join(' '),
  };
}

export function printMachine(): void {
  const m = machine();
  process.stdout.write(
    `machine: nproc=${m.nproc} cpu="${m.cpu}" mem="${m.memory}" node=${m.node} loadavg="${m.loadavg}"\n`,
  );
}

/** Sizes of the sandbox's scale mode (on top of the demo org). */
export interface Scale {
  teams: number;
  services: number;
  incidents: number;
  slos: number;
}

/** A standalone sandbox process started with `scripts/sandbox.js` (scale mode flags). */
export interface BenchSandbox {
  url: string;
  client: SandboxClient;
  process: ManagedProcess;
  /** The "Org: …" line the launcher prints. */
  org: string;
  stop(): Promise<void>;
}

export async function startBenchSandbox(
  run: HarnessRun,
  options: {
    name?: string;
    seed?: number;
    scale?: Partial<Scale>;
    /**
     * Quota mode: the `--quota` values of `scripts/sandbox.js` (`defaults`,
     * `<vendor>.<domain>=<rates>`, or a JSON file); absent, the vendors have no limits.
     */
    quota?: string[];
  } = {},
): Promise<BenchSandbox> {
  const port = await freePort();
  const name = options.name ?? 'sandbox';
  const args = [
    join(repoRoot, 'scripts', 'sandbox.js'),
    '--port',
    String(port),
  ];
  args.push('--seed', String(options.seed ?? 42));
  for (const [key, value] of Object.entries(options.scale ?? {})) {
    if (value) args.push(`--${key}`, String(value));
  }
  for (const quota of options.quota ?? []) {
    args.push(`--quota=${quota}`);
  }
  const child = startProcess({
    name,
    command: process.execPath,
    args: ['--max-old-space-size=4096', ...args],
    cwd: repoRoot,
    logFile: join(run.dir, `${name}.log`),
  });
  const line = await child.waitForLine(/Vendor sandbox listening on /, 300_000);
  const url = line.replace(/.*listening on (\S+).*/, '$1').replace(/\/$/, '');
  const org = (await child.waitForLine(/Org: /, 10_000)).trim();
  return {
    url,
    client: new SandboxClient(url),
    process: child,
    org,
    stop: () => child.stop(),
  };
}

/**
 * Writes catalog entities (Groups, a System, Components) for the scale-mode services the
 * sandbox generates, and returns the config that adds them to the demo catalog.
 */
export function scaleCatalog(
  run: HarnessRun,
  groups: Array<{ name: string; parent?: string }>,
  services: Array<{ name: string; owner: string }>,
) {
  const docs: string[] = [];
  for (const group of groups) {
    docs.push(
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Group',
        `metadata: { name: ${group.name} }`,
        `spec: { type: team, parent: ${
          group.parent ?? 'engineering'
        }, children: [] }`,
      ].join('\n'),
    );
  }
  docs.push(
    [
      'apiVersion: backstage.io/v1alpha1',
      'kind: System',
      'metadata: { name: scale }',
      'spec: { owner: engineering }',
    ].join('\n'),
  );
  for (const service of services) {
    docs.push(
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        `metadata: { name: ${service.name} }`,
        `spec: { type: service, lifecycle: production, owner: ${service.owner}, system: scale }`,
      ].join('\n'),
    );
  }
  const file = join(run.dir, 'scale-catalog.yaml');
  writeFileSync(file, `${docs.join('\n---\n')}\n`);
  return {
    catalog: {
      locations: [
        { type: 'file', target: join(repoRoot, 'examples', 'org.yaml') },
        { type: 'file', target: join(repoRoot, 'examples', 'entities.yaml') },
        { type: 'file', target: file },
      ],
    },
  };
}

/** One task as the scheduler's `/.backstage/scheduler/v1/tasks` endpoint reports it. */
export interface TaskInfo {
  taskId: string;
  taskState: {
    status: 'idle' | 'running';
    startedAt?: string;
    startsAt?: string;
    lastRunEndedAt?: string;
    lastRunError?: string;
  } | null;
}

export const SYNC_TASKS = [
  'oncall-sync-on-call',
  'oncall-sync-incidents',
  'oncall-sync-slos',
] as const;
export type SyncTask = (typeof SYNC_TASKS)[number];

export async function tasks(
  backend: BackendProcess,
): Promise<Map<string, TaskInfo>> {
  const response = await fetch(
    `${backend.url}/api/oncall/.backstage/scheduler/v1/tasks`,
    { headers: { authorization: `Bearer ${backend.serviceToken}` } },
  );
  if (!response.ok) {
    throw new Error(
      `scheduler tasks: HTTP ${response.status} ${await response.text()}`,
    );
  }
  const body = (await response.json()) as { tasks: TaskInfo[] };
  return new Map(body.tasks.map(t => [t.taskId, t]));
}

/** Triggers a task; returns how many times it had to wait for a run already in progress. */
export async function triggerTask(
  backend: BackendProcess,
  id: string,
): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(
      `${backend.url}/api/oncall/.backstage/scheduler/v1/tasks/${id}/trigger`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${backend.serviceToken}` },
      },
    );
    if (response.ok) return attempt;
    // 409 while the task is running (e.g. its first scheduled run)
    if (response.status !== 409 || attempt > 600) {
      throw new Error(
        `trigger ${id}: HTTP ${response.status} ${await response.text()}`,
      );
    }
    await sleep(500);
  }
}

/**
 * Waits until a task has finished a run that ended after `since` (ms epoch) and returns the
 * time it ended and the error of that run, if any.
 */
export async function waitForRunEnd(
  backend: BackendProcess,
  id: string,
  since: number,
  timeoutMs = 900_000,
  pollMs = 100,
): Promise<{ endedAt: number; error?: string }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const state = (await tasks(backend)).get(id)?.taskState;
    const ended = state?.lastRunEndedAt ? Date.parse(state.lastRunEndedAt) : 0;
    if (state?.status === 'idle' && state.lastRunEndedAt && ended >= since) {
      return { endedAt: ended, error: state.lastRunError };
    }
    if (!backend.process.running) {
      throw new Error(`${backend.name} exited\n${backend.process.tail()}`);
    }
    await sleep(pollMs);
  }
  throw new Error(`${id} did not finish a run within ${timeoutMs} ms`);
}

/** Triggers a sync task and returns its wall time (trigger → that run ended). */
export async function timedSync(
  backend: BackendProcess,
  id: string,
  timeoutMs = 900_000,
): Promise<{ ms: number; error?: string; waitedForRunningRun: boolean }> {
  // start from an idle task, so the run measured is the one triggered here
  while ((await tasks(backend)).get(id)?.taskState?.status === 'running')
    await sleep(100);
  const previous = (await tasks(backend)).get(id)?.taskState?.lastRunEndedAt;
  const started = Date.now();
  const waited = await triggerTask(backend, id);
  const deadline = started + timeoutMs;
  while (Date.now() < deadline) {
    const state = (await tasks(backend)).get(id)?.taskState;
    if (
      state?.status === 'idle' &&
      state.lastRunEndedAt &&
      state.lastRunEndedAt !== previous
    ) {
      return {
        ms: Date.now() - started,
        error: state.lastRunError,
        waitedForRunningRun: waited > 0,
      };
    }
    if (!backend.process.running) {
      throw new Error(`${backend.name} exited\n${backend.process.tail()}`);
    }
    await sleep(50);
  }
  throw new Error(`${id} did not finish within ${timeoutMs} ms`);
}

/** `VmRSS` / `VmHWM` of a process in MiB (from /proc/<pid>/status). */
export function memoryOf(pid: number): { rssMiB: number; hwmMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => {
    const match = status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'));
    return match ? Number(match[1]) / 1024 : NaN;
  };
  return { rssMiB: field('VmRSS'), hwmMiB: field('VmHWM') };
}

/** CPU time (user + system) a process has used so far, in milliseconds. */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[11] = utime, fields[12] = stime, in clock ticks (100 per second on Linux)
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Samples a process's RSS every `intervalMs` until stopped; returns the peak. */
export function sampleRss(pid: number, intervalMs = 100) {
  let peak = 0;
  const tick = () => {
    try {
      peak = Math.max(peak, memoryOf(pid).rssMiB);
    } catch {
      // process gone
    }
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  return {
    stop(): number {
      clearInterval(timer);
      tick();
      return peak;
    },
  };
}

/** Prints an aligned table. */
export function printTable(
  title: string,
  header: string[],
  rows: Array<Array<string | number>>,
): void {
  const cells = [header, ...rows.map(r => r.map(String))];
  const widths = header.map((_, i) =>
    Math.max(...cells.map(r => (r[i] ?? '').length)),
  );
  process.stdout.write(`\n${title}\n`);
  for (const [index, row] of cells.entries()) {
    process.stdout.write(
      `  ${row.map((c, i) => c.padEnd(widths[i])).join('  ')}\n`,
    );
    if (index === 0)
      process.stdout.write(`  ${widths.map(w => '-'.repeat(w)).join('  ')}\n`);
  }
}

/** One decimal place. */
export const r1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Runs a benchmark's main function: prints the machine, exits 0 after printing figures
 * (whatever they are) and non-zero only when the benchmark could not run.
 */
export function runBench(
  name: string,
  main: (cleanup: Array<() => Promise<unknown>>) => Promise<void>,
): void {
  const cleanup: Array<() => Promise<unknown>> = [];
  const finish = async (code: number) => {
    for (const fn of cleanup.reverse()) {
      await fn().catch(error => process.stderr.write(`cleanup: ${error}\n`));
    }
    process.exit(code);
  };
  process.stdout.write(`bench:${name} — ${new Date().toISOString()}\n`);
  printMachine();
  process.on('SIGINT', () => void finish(130));
  main(cleanup).then(
    () => finish(0),
    error => {
      process.stderr.write(
        `bench:${name} could not run: ${error?.stack ?? error}\n`,
      );
      void finish(1);
    },
  );
}

/**
 * Which on-call providers a bench backend reads. `opsgenie`: Opsgenie only (the `oncall.jsm`,
 * `oncall.pagerduty` and `oncall.migration` sections of app-config.yaml removed). `mixed`: the
 * demo's migration as app-config.yaml has it (Opsgenie, JSM Operations and PagerDuty, all on
 * the bench's sandbox, `migration.prefer: [jsm, pagerduty, opsgenie]`): the demo's discovery
 * and storefront-us teams on JSM, growth on PagerDuty, and in scale mode every third generated
 * team on JSM and every fifth of the others on PagerDuty.
 */
export type ProviderMode = 'opsgenie' | 'mixed';

export const PROVIDER_MODES: readonly ProviderMode[] = ['opsgenie', 'mixed'];

/** The modes a bench runs (`BENCH_PROVIDERS=opsgenie,mixed`, the default: both). */
export function providerModes(): ProviderMode[] {
  const modes = (process.env.BENCH_PROVIDERS ?? PROVIDER_MODES.join(','))
    .split(',')
    .map(m => m.trim())
    .filter(m => m !== '');
  for (const mode of modes) {
    if (!(PROVIDER_MODES as readonly string[]).includes(mode)) {
      throw new Error(
        `BENCH_PROVIDERS: '${mode}' is not one of ${PROVIDER_MODES.join(', ')}`,
      );
    }
  }
  return modes as ProviderMode[];
}

/** Config (merged last) that makes a backend read the providers of `mode` from `sandboxUrl`. */
export function providerConfig(
  mode: ProviderMode,
  sandboxUrl: string,
): Record<string, unknown> {
  if (mode === 'opsgenie') {
    // a null in a later config file removes the key of app-config.yaml
    return { oncall: { jsm: null, pagerduty: null, migration: null } };
  }
  const keys = SANDBOX_DEFAULT_KEYS;
  return {
    oncall: {
      jsm: {
        baseUrl: `${sandboxUrl}/atlassian`,
        jiraBaseUrl: `${sandboxUrl}/jira`,
        cloudId: keys.jsm.cloudId,
        email: keys.jsm.email,
        apiToken: keys.jsm.apiToken,
        orgId: keys.jsm.orgId,
      },
      pagerduty: {
        baseUrl: `${sandboxUrl}/pagerduty`,
        eventsBaseUrl: `${sandboxUrl}/pagerduty-events`,
        apiToken: keys.pagerduty,
      },
      migration: { prefer: ['jsm', 'pagerduty', 'opsgenie'] },
    },
  };
}

/** The vendors of a sandbox stats answer, JSM and PagerDuty included (the harness types three). */
export type AllVendorStats = Record<
  'opsgenie' | 'blameless' | 'datadog' | 'jsm' | 'pagerduty',
  { total: number; routes: Record<string, number> }
>;

/** Request totals per vendor between two stats answers. */
export function vendorTotals(
  before: SandboxStats | undefined,
  after: SandboxStats,
): Record<keyof AllVendorStats, number> {
  const total = (s: SandboxStats | undefined, v: keyof AllVendorStats) =>
    (s?.vendors as Partial<AllVendorStats> | undefined)?.[v]?.total ?? 0;
  const vendors = [
    'opsgenie',
    'blameless',
    'datadog',
    'jsm',
    'pagerduty',
  ] as const;
  return Object.fromEntries(
    vendors.map(v => [v, total(after, v) - total(before, v)]),
  ) as Record<keyof AllVendorStats, number>;
}

/** Latency on every on-call vendor of the sandbox, JSM and PagerDuty included. */
export async function setLatencyAll(
  client: SandboxClient,
  latencyMs: number,
): Promise<void> {
  const faults: Record<string, SandboxFault> = {};
  for (const vendor of [
    'opsgenie',
    'blameless',
    'datadog',
    'jsm',
    'pagerduty',
  ]) {
    faults[vendor] = { latencyMs };
  }
  await client.setFaults(faults);
}

/**
 * Groups resolved per provider, as `GET /api/oncall/coverage` reports them
 * (`migration.byProvider`): e.g. `opsgenie 12, jsm 2, pagerduty 1`.
 */
export async function teamsByProvider(
  backend: BackendProcess,
): Promise<string> {
  const response = await fetch(`${backend.url}/api/oncall/coverage`, {
    headers: { authorization: `Bearer ${backend.serviceToken}` },
  });
  if (!response.ok) {
    return `coverage: HTTP ${response.status}`;
  }
  const body = (await response.json()) as {
    groups?: Array<{ entityRef: string; state: string }>;
    migration?: {
      byProvider?: Array<{ providerId: string; teams: number }>;
      missing?: number;
    };
  };
  const byProvider = body.migration?.byProvider ?? [];
  const missing = (body.groups ?? [])
    .filter(g => g.state === 'missing' || g.state === 'broken')
    .map(g => g.entityRef.replace(/^group:default\//, ''));
  return `${byProvider.map(p => `${p.providerId} ${p.teams}`).join(', ')}${
    missing.length > 0 ? `, unresolved ${missing.join(' ')}` : ''
  }`;
}

/** Teams the sandbox's JSM Operations fake has (`GET …/v1/teams`). */
export async function jsmTeamCount(sandboxUrl: string): Promise<number> {
  const keys = SANDBOX_DEFAULT_KEYS.jsm;
  const response = await fetch(
    `${sandboxUrl}/atlassian/jsm/ops/api/${keys.cloudId}/v1/teams`,
    {
      headers: {
        authorization: `Basic ${Buffer.from(
          `${keys.email}:${keys.apiToken}`,
        ).toString('base64')}`,
      },
    },
  );
  const body = (await response.json()) as { platformTeams?: unknown[] };
  return body.platformTeams?.length ?? NaN;
}

/** Teams the sandbox's PagerDuty fake has (`GET /pagerduty/teams?total=true`). */
export async function pagerDutyTeamCount(sandboxUrl: string): Promise<number> {
  const response = await fetch(
    `${sandboxUrl}/pagerduty/teams?total=true&limit=1`,
    {
      headers: {
        authorization: `Token token=${SANDBOX_DEFAULT_KEYS.pagerduty}`,
        accept: 'application/vnd.pagerduty+json;version=2',
      },
    },
  );
  const body = (await response.json()) as { total?: number };
  return body.total ?? NaN;
}
