// 督导检查与整改: inspection_rounds, problems, and workflow_events — the one event table of every workflow (the
// rectification here; task assignments, projects, audits and grid cases later). Org-scoped rows carry org_path and
// province_id like members.
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
    .createTable('inspection_rounds')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('org_id', ref, (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('province_id', ref, provinceId)
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('team', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('checklist', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('inspection_rounds_path_idx')
    .on('inspection_rounds')
    .columns(['org_path', 'starts_on'])
    .execute();

  await db.schema
    .createTable('problems')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('round_id', ref, (c) => c.notNull().references('inspection_rounds.id'))
    .addColumn('org_id', ref, (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('province_id', ref, provinceId)
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('responsible_person', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('found_on', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('problems_path_idx').on('problems').columns(['org_path', 'state', 'deadline']).execute();
  await db.schema.createIndex('problems_round_idx').on('problems').columns(['round_id', 'state']).execute();

  await db.schema
    .createTable('workflow_events')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('workflow', 'text', (c) => c.notNull())
    .addColumn('record_id', ref, (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('evidence', 'text')
    .addColumn('relation', 'text')
    .addColumn('user_id', ref)
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('workflow_events_record_idx')
    .on('workflow_events')
    .columns(['workflow', 'record_id', 'id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('workflow_events').execute();
  await db.schema.dropTable('problems').execute();
  await db.schema.dropTable('inspection_rounds').execute();
}
