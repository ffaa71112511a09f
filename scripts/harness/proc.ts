import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, WriteStream } from 'node:fs';

/** Options of {@link startProcess}. */
export interface ProcessOptions {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** File the combined stdout/stderr is written to. */
  logFile: string;
}

/**
 * A child process started in its own process group, its output kept in memory (for assertions
 * over log lines) and in a log file (for people).
 */
export class ManagedProcess {
  readonly lines: string[] = [];
  private exitInfo?: { code: number | null; signal: NodeJS.Signals | null };
  private readonly exited: Promise<void>;
  private readonly log: WriteStream;

  constructor(
    readonly options: ProcessOptions,
    private readonly child: ChildProcess,
  ) {
    this.log = createWriteStream(options.logFile, { flags: 'a' });
    const collect = (stream: NodeJS.ReadableStream | null) => {
      let partial = '';
      stream?.on('data', (chunk: Buffer) => {
        this.log.write(chunk);
        const text = partial + chunk.toString('utf8');
        const parts = text.split('\n');
        partial = parts.pop() ?? '';
        this.lines.push(...parts.map(stripAnsi));
      });
      stream?.on('end', () => {
        if (partial) this.lines.push(stripAnsi(partial));
      });
    };
    collect(child.stdout);
    collect(child.stderr);
    this.exited = new Promise(resolveExit => {
      child.on('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        resolveExit();
      });
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get running(): boolean {
    return this.exitInfo === undefined;
  }

  get exit() {
    return this.exitInfo;
  }

  /** Log lines written since `from` (an index into {@link lines}). */
  linesSince(from: number): string[] {
    return this.lines.slice(from);
  }

  /** The last `count` lines, for error messages. */
  tail(count = 40): string {
    return this.lines.slice(-count).join('\n');
  }

  /** Waits until a line matches, or throws after `timeoutMs`. */
  async waitForLine(
    pattern: RegExp,
    timeoutMs: number,
    from = 0,
  ): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const line = this.lines.slice(from).find(l => pattern.test(l));
      if (line) return line;
      if (!this.running) break;
      await sleep(100);
    }
    throw new Error(
      `${
        this.options.name
      }: no log line matching ${pattern} within ${timeoutMs} ms\n${this.tail()}`,
    );
  }

  /** SIGKILL to the whole process group: a crash, no shutdown hooks run. */
  async kill(): Promise<void> {
    this.signal('SIGKILL');
    await this.waitForExit(10_000);
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.running) return;
    this.signal('SIGTERM');
    if (!(await this.waitForExit(graceMs))) {
      this.signal('SIGKILL');
      await this.waitForExit(5_000);
    }
    await new Promise<void>(done => this.log.end(done));
  }

  private signal(signal: NodeJS.Signals) {
    if (!this.running || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      this.child.kill(signal);
    }
  }

  private async waitForExit(timeoutMs: number): Promise<boolean> {
    if (!this.running) return true;
    return Promise.race([
      this.exited.then(() => true),
      sleep(timeoutMs).then(() => false),
    ]);
  }
}

/** Process groups started here and still running; killed if this process exits first. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function killLeftovers() {
  for (const child of live) {
    if (
      child.pid !== undefined &&
      child.exitCode === null &&
      child.signalCode === null
    ) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  live.clear();
}

function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', killLeftovers);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killLeftovers();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

/**
 * Starts a child process in its own process group (so stopping it stops its children too).
 * Whatever is still running when this process exits is killed with it.
 */
export function startProcess(options: ProcessOptions): ManagedProcess {
  installExitHook();
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.on('exit', () => live.delete(child));
  return new ManagedProcess(options, child);
}

export function sleep(ms: number): Promise<void> {
  return new Promise(done => setTimeout(done, ms));
}

/**
 * The sum of a numeric field (`field=3`) over the log lines that carry `message`, e.g. how many
 * reminders "Sent shift reminders" lines report in all.
 */
export function sumLogged(
  lines: readonly string[],
  message: string,
  field: string,
): number {
  const value = new RegExp(`${field}["=:\\s]+(\\d+)`);
  return lines
    .filter(l => l.includes(message))
    .map(l => Number(value.exec(l)?.[1] ?? 0))
    .reduce((a, b) => a + b, 0);
}

/** Removes terminal colour codes, so log lines can be matched as plain text. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
