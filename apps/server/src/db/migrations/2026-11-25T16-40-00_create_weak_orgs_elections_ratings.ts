// 软弱涣散整顿 (weak_org_rectifications + their events), 换届选举 (elections), 星级评定 (star_rating_scorecards,
// star_ratings). Org-scoped rows carry org_path and province_id like members.
import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time, not the app's types
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigserial' : 'integer';
  const ref = pg ? 'bigint' : 'integer';
  const pathType = pg ? sql`text collate "C"` : sql`text`;
  // The province-level root of org_path, generated as in 2026-11-25T14-30-00_add_province_id.
  const provinceId = (c: ColumnDefinitionBuilder) =>
    pg
      ? c.generatedAlwaysAs(sql`nullif(split_part(org_path, '/', 2), '')::bigint`).stored()
      : c.generatedAlwaysAs(sql`cast(substr(org_path, 2, instr(substr(org_path, 2), '/') - 1) as integer)`);

  await db.schema
    .createTable('weak_org_rectifications')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('org_id', ref, (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('province_id', ref, provinceId)
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('reason_detail', 'text')
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('leader_name', 'text', (c) => c.notNull())
    .addColumn('leader_title', 'text')
    .addColumn('measures', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by_name', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('weak_org_rectifications_org_year_key', ['org_id', 'year'])
    .execute();
  await db.schema
    .createIndex('weak_org_rectifications_path_idx')
    .on('weak_org_rectifications')
    .columns(['org_path', 'status', 'deadline'])
    .execute();

  await db.schema
    .createTable('weak_org_events')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('rectification_id', ref, (c) => c.notNull().references('weak_org_rectifications.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('user_id', ref)
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('weak_org_events_rectification_idx')
    .on('weak_org_events')
    .columns(['rectification_id', 'id'])
    .execute();

  await db.schema
    .createTable('elections')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('org_id', ref, (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('province_id', ref, provinceId)
    .addColumn('elected_on', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('term_years', 'integer', (c) => c.notNull())
    .addColumn('eligible_voters', 'integer', (c) => c.notNull())
    .addColumn('present_voters', 'integer', (c) => c.notNull())
    .addColumn('secretary_name', 'text', (c) => c.notNull())
    .addColumn('secretary_votes', 'integer', (c) => c.notNull())
    .addColumn('committee', 'text', (c) => c.notNull())
    .addColumn('approval_ref', 'text')
    .addColumn('note', 'text')
    .addColumn('previous_term_start', 'text')
    .addColumn('previous_term_years', 'integer')
    .addColumn('previous_secretary_name', 'text')
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('elections_org_idx').on('elections').columns(['org_id', 'elected_on']).execute();
  await db.schema.createIndex('elections_path_idx').on('elections').column('org_path').execute();

  await db.schema
    .createTable('star_rating_scorecards')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('org_id', ref, (c) => c.notNull().unique().references('orgs.id'))
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('thresholds', 'text', (c) => c.notNull())
    .addColumn('updated_by_name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('star_ratings')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('org_id', ref, (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('province_id', ref, provinceId)
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('scorecard', 'text', (c) => c.notNull())
    .addColumn('scores', 'text', (c) => c.notNull())
    .addColumn('total', pg ? 'double precision' : 'real', (c) => c.notNull())
    .addColumn('stars', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('rated_by_name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('star_ratings_org_year_key', ['org_id', 'year'])
    .execute();
  await db.schema
    .createIndex('star_ratings_path_idx')
    .on('star_ratings')
    .columns(['org_path', 'year', 'stars'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'star_ratings',
    'star_rating_scorecards',
    'elections',
    'weak_org_events',
    'weak_org_rectifications',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
