// The metric catalogue (一数一源): every module's metrics, in menu order. A module adding metrics declares them in
// its <module>.metrics.ts and adds the list here; keys are unique (checked when this module loads).
import type { MetricDefinition } from '../../platform/metrics.js';
import { CONTACT_POINT_METRICS } from '../contact-points/contact-points.metrics.js';
import { DEVELOPMENT_METRICS } from '../development/development.metrics.js';
import { DUES_METRICS } from '../dues/dues.metrics.js';
import { ELECTION_METRICS } from '../elections/elections.metrics.js';
import { INSPECTION_METRICS } from '../inspections/inspections.metrics.js';
import { LIFE_METRICS } from '../life/life.metrics.js';
import { MEMBER_METRICS } from '../members/members.metrics.js';
import { MOBILE_METRICS } from '../mobile/mobile.metrics.js';
import { ORG_METRICS } from '../orgs/orgs.metrics.js';
import { PROJECT_METRICS } from '../projects/projects.metrics.js';
import { STAR_RATING_METRICS } from '../star-ratings/star-ratings.metrics.js';
import { TASK_METRICS } from '../tasks/tasks.metrics.js';
import { WEAK_ORG_METRICS } from '../weak-orgs/weak-orgs.metrics.js';

const ALL: readonly MetricDefinition[] = [
  ...MEMBER_METRICS,
  ...ORG_METRICS,
  ...DEVELOPMENT_METRICS,
  ...LIFE_METRICS,
  ...DUES_METRICS,
  ...MOBILE_METRICS,
  ...INSPECTION_METRICS,
  ...TASK_METRICS,
  ...PROJECT_METRICS,
  ...CONTACT_POINT_METRICS,
  ...WEAK_ORG_METRICS,
  ...ELECTION_METRICS,
  ...STAR_RATING_METRICS,
];

export const METRICS: ReadonlyMap<string, MetricDefinition> = new Map(ALL.map((m) => [m.key, m]));
if (METRICS.size !== ALL.length) {
  const seen = new Set<string>();
  const twice = ALL.filter((m) => seen.size === seen.add(m.key).size).map((m) => m.key);
  throw new Error(`metric keys declared twice: ${twice.join(', ')}`);
}
