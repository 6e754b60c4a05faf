// 工作汇报: saved report templates and report drafts (prose with metric placeholders, an org and a period). Both carry
// org_path for subtree range scans and province_id (docs/SCALING.md), like every record of an org.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time, not the app's types
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const serial = pg ? 'bigserial' : 'integer';
  const path = pg ? sql`text collate "C"` : 'text';
  const addProvinceId = async (table: string) => {
    if (pg) {
      await sql`alter table ${sql.table(table)} add column province_id bigint
        generated always as (nullif(split_part(org_path, '/', 2), '')::bigint) stored`.execute(db);
    } else {
      await sql`alter table ${sql.table(table)} add column province_id integer
        generated always as (cast(substr(org_path, 2, instr(substr(org_path, 2), '/') - 1) as integer)) virtual`.execute(
        db,
      );
    }
  };

  await db.schema
    .createTable('report_templates')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('org_id', id, (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('period_kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', id, (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', id, (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await addProvinceId('report_templates');
  await db.schema
    .createIndex('report_templates_path_idx')
    .on('report_templates')
    .columns(['org_path', 'name'])
    .execute();

  await db.schema
    .createTable('report_drafts')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('org_id', id, (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('template_key', 'text', (c) => c.notNull())
    .addColumn('template_name', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('compare_from', 'text')
    .addColumn('compare_to', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', id, (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', id, (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await addProvinceId('report_drafts');
  await db.schema
    .createIndex('report_drafts_path_idx')
    .on('report_drafts')
    .columns(['org_path', 'updated_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['report_drafts', 'report_templates']) await db.schema.dropTable(t).execute();
}
