/*
 * Glue shared by the benchmarks (scripts/bench/*.ts): machine description, a standalone
 * sandbox in scale mode, a catalog file for scale-mode services, printing, and running a
 * bench. The scheduler's task endpoint is in tasks.ts, process memory and CPU in
 * procStats.ts, the providers a backend reads in providers.ts. Processes, databases and
 * tokens come from the reliability harness (scripts/harness).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import {
  HarnessRun,
  ManagedProcess,
  SandboxClient,
  freePort,
  repoRoot,
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
 * A bench's numeric settings: each read from the environment variable `BENCH_<name>`, or its
 * default when that is not set.
 */
export function benchNumbers<T extends Record<string, number>>(defaults: T): T {
  return Object.fromEntries(
    Object.entries(defaults).map(([name, fallback]) => [
      name,
      Number(process.env[`BENCH_${name}`] ?? fallback),
    ]),
  ) as T;
}

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
