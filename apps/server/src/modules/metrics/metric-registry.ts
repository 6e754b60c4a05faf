// The metric catalogue (一数一源): every module's metrics, in menu order. A module adding metrics declares them in
// its <module>.metrics.ts and adds the list here; keys are unique (checked when this module loads).
import type { MetricDefinition } from '../../platform/metrics.js';
import { MEMBER_METRICS } from '../members/members.metrics.js';

const ALL: readonly MetricDefinition[] = [...MEMBER_METRICS];

export const METRICS: ReadonlyMap<string, MetricDefinition> = new Map(ALL.map((m) => [m.key, m]));
if (METRICS.size !== ALL.length) {
  const seen = new Set<string>();
  const twice = ALL.filter((m) => seen.size === seen.add(m.key).size).map((m) => m.key);
  throw new Error(`metric keys declared twice: ${twice.join(', ')}`);
}
