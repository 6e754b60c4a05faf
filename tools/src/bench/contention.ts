// Other work on the machine. The benchmark shares 2 cores with whatever else runs (builds, test suites, CI), which
// moves every figure; so it waits for a quiet moment before each measurement and reports how much CPU the rest of
// the machine used while it measured, next to each result (`other_cpu_pct`).
import { readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

function cpuTicks(): { busy: number; total: number } {
  const f = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  const idle = (f[3] ?? 0) + (f[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
}

/** utime + stime of a process from /proc/<pid>/stat (fields 14 and 15), in ms. */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; the fields after its closing parenthesis are fixed.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK_MS;
}

export interface ContentionProbe {
  /** % of all cores' time used by processes other than this one and `pids`, since the probe started. */
  stop(): number;
}

/** CPU ms of a process's exited-and-reaped children (cutime + cstime, fields 16 and 17). */
export function reapedChildrenCpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[13]) + Number(f[14])) * TICK_MS;
}

/** The parent of a process (for a PostgreSQL backend: the postmaster). */
export function parentPidOf(pid: number): number | null {
  const m = /^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m?.[1] ? Number(m[1]) : null;
}

/** A process's CPU ms, or `fallback` once it has exited (a pooled connection closed during the run). */
function cpuMsOr(pid: number, fallback: number): number {
  try {
    return cpuMsOf(pid);
  } catch {
    return fallback;
  }
}

export interface Helpers {
  /** Processes working for the benchmark besides itself (the server child, PostgreSQL backends of our database). */
  pids: readonly number[];
  /**
   * Processes whose reaped children worked for us: the postmaster, whose short-lived parallel query workers have
   * exited (and left /proc) by the time a probe stops. Other users' exited backends are counted as ours too.
   */
  reapers: readonly number[];
}

function reapedMsOr(pid: number, fallback: number): number {
  try {
    return reapedChildrenCpuMsOf(pid);
  } catch {
    return fallback;
  }
}

export function startProbe(helpers: Helpers = { pids: [], reapers: [] }): ContentionProbe {
  const a = cpuTicks();
  const self = process.cpuUsage();
  const { pids, reapers } = helpers;
  const kids = pids.map((p) => cpuMsOr(p, 0));
  const reaped = reapers.map((p) => reapedMsOr(p, 0));
  return {
    stop() {
      const b = cpuTicks();
      const selfUsed = process.cpuUsage(self);
      const kidsMs = pids.reduce((sum, p, i) => sum + cpuMsOr(p, kids[i] ?? 0) - (kids[i] ?? 0), 0);
      const reapedMs = reapers.reduce((sum, p, i) => sum + reapedMsOr(p, reaped[i] ?? 0) - (reaped[i] ?? 0), 0);
      const mineMs = (selfUsed.user + selfUsed.system) / 1000 + kidsMs + reapedMs;
      const totalMs = (b.total - a.total) * TICK_MS;
      const busyMs = (b.busy - a.busy) * TICK_MS;
      return totalMs <= 0 ? 0 : Math.max(0, Math.round((100 * (busyMs - mineMs)) / totalMs));
    },
  };
}

/** Busy % of all cores over `ms` while this process sleeps (so: everyone else). */
export async function backgroundCpuPct(ms = 1000): Promise<number> {
  const p = startProbe();
  await new Promise((r) => setTimeout(r, ms));
  return p.stop();
}

/**
 * Waits until the rest of the machine uses under `threshold` % of the CPU for one second, at most `maxWaitS`.
 * Returns the seconds waited (the measurement then goes ahead either way, and reports its contention).
 */
export async function waitForQuiet(
  log: (s: string) => void,
  label: string,
  options: { threshold?: number; maxWaitS?: number } = {},
): Promise<number> {
  const threshold = options.threshold ?? 15;
  const maxWaitS = options.maxWaitS ?? 120;
  const started = performance.now();
  let announced = false;
  for (;;) {
    const busy = await backgroundCpuPct(1000);
    const waited = (performance.now() - started) / 1000;
    if (busy < threshold) {
      if (announced) log(`  (waited ${waited.toFixed(0)} s for other work to settle before ${label})`);
      return waited;
    }
    if (waited > maxWaitS) {
      log(`  (other work still uses ${busy} % of the CPU after ${maxWaitS} s: measuring ${label} anyway)`);
      return waited;
    }
    if (!announced) log(`  (other work uses ${busy} % of the CPU: waiting before ${label} …)`);
    announced = true;
  }
}

export type Quiet = (label: string) => Promise<unknown>;

/**
 * Runs a measurement again (after waiting for quiet) when other work took more than `limit` % of the CPU during
 * it, up to `attempts` runs, and keeps the least disturbed one. Runs longer than `maxRepeatMs` are not repeated:
 * the peer at a province takes minutes, and its result is reported with its contention instead.
 */
export async function leastDisturbed<T extends { other_cpu_pct: number }>(
  label: string,
  run: () => Promise<T>,
  quiet: Quiet,
  options: { attempts?: number; limit?: number; maxRepeatMs?: number } = {},
): Promise<T & { attempts: number }> {
  const attempts = options.attempts ?? 3;
  const limit = options.limit ?? 20;
  const maxRepeatMs = options.maxRepeatMs ?? 60_000;
  let best: T | null = null;
  for (let i = 1; ; i++) {
    const started = performance.now();
    const r = await run();
    if (best === null || r.other_cpu_pct < best.other_cpu_pct) best = r;
    if (best.other_cpu_pct <= limit || i >= attempts || performance.now() - started > maxRepeatMs) {
      return { ...best, attempts: i };
    }
    await quiet(`${label} (again: other work took ${r.other_cpu_pct} % of the CPU)`);
  }
}
