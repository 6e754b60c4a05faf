// Age bands move as people age, so subtree counters are rebuilt from the records once a day (and any drift logged).
import type { FastifyBaseLogger } from 'fastify';
import { today } from '../platform/clock.js';
import { rebuildCounters } from '../platform/counters.js';
import { COUNTER_SOURCES } from './counter-sources.js';
import type { DbHandle } from './database.js';

export function scheduleCounterRebuild(handle: DbHandle, log: FastifyBaseLogger): NodeJS.Timeout {
  let lastDay = today();
  const timer = setInterval(async () => {
    const day = today();
    if (day === lastDay) return;
    lastDay = day;
    try {
      const r = await rebuildCounters(handle.db, COUNTER_SOURCES, day, { write: true });
      log.info({ rows: r.rows, drift: r.driftCount, seconds: r.seconds }, 'nightly counter rebuild');
    } catch (err) {
      log.error({ err }, 'nightly counter rebuild failed');
    }
  }, 60_000);
  timer.unref();
  return timer;
}
