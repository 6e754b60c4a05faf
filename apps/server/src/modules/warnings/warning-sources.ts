// Every module's warning source, in the order their kinds are listed. A module adding warnings adds its source here.
import type { WarningSource } from '../../platform/warnings.js';
import { orgWarningSource } from '../orgs/orgs.warnings.js';
import { unitWarningSource } from '../units/units.warnings.js';

export const WARNING_SOURCES: readonly WarningSource[] = [orgWarningSource, unitWarningSource];
