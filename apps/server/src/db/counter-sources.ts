// Every module's counter source, for rebuild and verify. A module adding counted rows adds its source here.
import { memberCounters } from '../modules/members/members.counters.js';
import { orgCounters } from '../modules/orgs/orgs.counters.js';
import type { CounterSource } from '../platform/counters.js';

export const COUNTER_SOURCES: ReadonlyArray<CounterSource<never>> = [
  memberCounters as CounterSource<never>,
  orgCounters as CounterSource<never>,
];
