// Every module's warning source, in the order their kinds are listed. A module adding warnings adds its source here.
import type { WarningSource } from '../../platform/warnings.js';
import { developmentWarningSource } from '../development/development.warnings.js';
import { duesWarningSource } from '../dues/dues.warnings.js';
import { inspectionWarningSource } from '../inspections/inspections.warnings.js';
import { lifeWarningSource } from '../life/life.warnings.js';
import { mobileWarningSource } from '../mobile/mobile.warnings.js';
import { orgWarningSource } from '../orgs/orgs.warnings.js';
import { taskWarningSource } from '../tasks/tasks.warnings.js';
import { unitWarningSource } from '../units/units.warnings.js';
import { weakOrgWarningSource } from '../weak-orgs/weak-orgs.warnings.js';

export const WARNING_SOURCES: readonly WarningSource[] = [
  orgWarningSource,
  unitWarningSource,
  lifeWarningSource,
  developmentWarningSource,
  duesWarningSource,
  mobileWarningSource,
  weakOrgWarningSource,
  taskWarningSource,
  inspectionWarningSource,
];
