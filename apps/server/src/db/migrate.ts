import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './database.js';
import * as createCoreTables from './migrations/2026-11-25T13-00-00_create_core_tables.js';
import * as createSubtreeCounters from './migrations/2026-11-25T14-00-00_create_subtree_counters.js';
import * as addProvinceId from './migrations/2026-11-25T14-30-00_add_province_id.js';
import * as createJobs from './migrations/2026-11-25T15-00-00_create_jobs.js';
import * as createUnits from './migrations/2026-11-25T15-10-00_create_units.js';
import * as createDevelopment from './migrations/2026-11-25T16-00-00_create_development.js';
import * as createAttachments from './migrations/2026-11-25T16-05-00_create_attachments.js';
import * as createMobileAndExternalTransfers from './migrations/2026-11-25T16-10-00_create_mobile_and_external_transfers.js';
import * as createDues from './migrations/2026-11-25T16-20-00_create_dues.js';
import * as createLife from './migrations/2026-11-25T16-30-00_create_life.js';
import * as createWeakOrgsElectionsRatings from './migrations/2026-11-25T16-40-00_create_weak_orgs_elections_ratings.js';
import * as createTasksAndProjects from './migrations/2026-11-25T16-50-00_create_tasks_and_projects.js';
import * as createInspections from './migrations/2026-11-25T18-00-00_create_inspections.js';
import * as createContactPoints from './migrations/2026-11-25T18-10-00_create_contact_points.js';
import * as createStatForms from './migrations/2026-11-25T19-10-00_create_stat_forms.js';
import * as createReports from './migrations/2026-11-25T19-20-00_create_reports.js';
import * as createMetricPhrases from './migrations/2026-11-25T19-30-00_create_metric_phrases.js';

// Listed statically (not read from disk) so the same list runs under tsx, in tests and in a bundle.
const MIGRATIONS: Record<string, Migration> = {
  '2026-11-25T13-00-00_create_core_tables': createCoreTables,
  '2026-11-25T14-00-00_create_subtree_counters': createSubtreeCounters,
  '2026-11-25T14-30-00_add_province_id': addProvinceId,
  '2026-11-25T15-00-00_create_jobs': createJobs,
  '2026-11-25T15-10-00_create_units': createUnits,
  '2026-11-25T16-40-00_create_weak_orgs_elections_ratings': createWeakOrgsElectionsRatings,
  '2026-11-25T16-20-00_create_dues': createDues,
  '2026-11-25T16-00-00_create_development': createDevelopment,
  '2026-11-25T16-05-00_create_attachments': createAttachments,
  '2026-11-25T16-50-00_create_tasks_and_projects': createTasksAndProjects,
  '2026-11-25T18-00-00_create_inspections': createInspections,
  '2026-11-25T18-10-00_create_contact_points': createContactPoints,
  '2026-11-25T19-10-00_create_stat_forms': createStatForms,
  '2026-11-25T16-30-00_create_life': createLife,
  '2026-11-25T16-10-00_create_mobile_and_external_transfers': createMobileAndExternalTransfers,
  '2026-11-25T19-20-00_create_reports': createReports,
  '2026-11-25T19-30-00_create_metric_phrases': createMetricPhrases,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Applies pending migrations; returns the names applied. Throws with the failing migration's name. */
export async function migrateToLatest(db: Db, options: { schema?: string } = {}): Promise<string[]> {
  // On PostgreSQL the migration tables are looked up by schema; tests give each database its own.
  const migrator = new Migrator({ db, provider, ...(options.schema ? { migrationTableSchema: options.schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
