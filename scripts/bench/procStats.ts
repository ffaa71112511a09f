/*
 * Measuring a bench process from /proc: its memory (RSS and peak), the CPU time it used, and
 * its RSS sampled over a stretch of work.
 */
import { readFileSync } from 'node:fs';

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
