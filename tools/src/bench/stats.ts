// Percentiles and the timing loop every in-process measurement uses.
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

/**
 * Nearest-rank percentile of an ascending-sorted sample: the smallest value with at least p % of the sample at or
 * below it. Nearest-rank (not interpolation) so that a reported p99 is a latency that was actually observed.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export interface Summary {
  n: number;
  p50_ms: number;
  p99_ms: number;
  mean_ms: number;
  max_ms: number;
}

export function summarize(samplesMs: readonly number[]): Summary {
  const sorted = Float64Array.from(samplesMs).sort();
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    n: sorted.length,
    p50_ms: percentile(sorted, 50),
    p99_ms: percentile(sorted, 99),
    mean_ms: sorted.length > 0 ? sum / sorted.length : Number.NaN,
    max_ms: sorted.length > 0 ? (sorted[sorted.length - 1] as number) : Number.NaN,
  };
}

export interface LoopOptions {
  /** Runs before timing starts (JIT, statement cache, page cache); at least one when warmupMs > 0. */
  warmupMs: number;
  /** Timed runs stop at whichever comes first: maxIterations, or budgetMs once minIterations are done. */
  budgetMs: number;
  minIterations: number;
  maxIterations: number;
}

/**
 * Yields to the event loop (untimed, between calls). SQLite calls resolve as microtasks only, so a tight loop of
 * them would never let the server's timers run (the WAL checkpoint every 2 s): not how a server that reads sockets
 * behaves, and the WAL would grow without bound.
 */
export async function nextTick(): Promise<void> {
  await yieldToEventLoop();
}

/**
 * Times `fn` one call at a time. Budgeted rather than fixed-count so that a 0.1 ms call gets thousands of samples
 * and a 30 s call (the peer at a province) gets its minimum without the run taking hours.
 */
export async function timeLoop(fn: (i: number) => Promise<unknown>, o: LoopOptions): Promise<number[]> {
  if (o.warmupMs > 0) {
    const warmupEnd = performance.now() + o.warmupMs;
    let w = 0;
    do {
      await fn(-1 - w++);
      await nextTick();
    } while (performance.now() < warmupEnd && w < o.maxIterations);
  }
  const samples: number[] = [];
  const start = performance.now();
  for (let i = 0; i < o.maxIterations; i++) {
    if (i >= o.minIterations && performance.now() - start > o.budgetMs) break;
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
    await nextTick();
  }
  return samples;
}
