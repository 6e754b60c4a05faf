// 统计表 (一表通): the forms an org defines for its subtree — a grid of metric formulas, or an uploaded Excel template
// with placeholders (its bytes kept on the row, versioned with the form). Scoped by the owner's org_path; archived,
// never deleted.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time, not the app's types
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  await db.schema
    .createTable('stat_forms')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => c.primaryKey())
    .addColumn('org_id', id, (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pg ? sql`text collate "C"` : 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // JSON: title, note, row and column headers, cells (formulas or text), the template's layout.
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('template', pg ? 'bytea' : 'blob')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', id, (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', id, (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .execute();
  if (pg) {
    await sql`alter table stat_forms add column province_id bigint
      generated always as (nullif(split_part(org_path, '/', 2), '')::bigint) stored`.execute(db);
  } else {
    await sql`alter table stat_forms add column province_id integer
      generated always as (cast(substr(org_path, 2, instr(substr(org_path, 2), '/') - 1) as integer)) virtual`.execute(
      db,
    );
  }
  await db.schema.createIndex('stat_forms_path_idx').on('stat_forms').columns(['org_path', 'name']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('stat_forms').execute();
}
