// 单位台账: units that should have a party org (应建未建 when one with ≥ 3 formal members has none).
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time, not the app's types
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('units')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => c.primaryKey())
    .addColumn('org_id', pg ? 'bigint' : 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pg ? sql`text collate "C"` : 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_initials', 'text', (c) => c.notNull())
    .addColumn('unit_type', 'text', (c) => c.notNull())
    .addColumn('full_members', 'integer', (c) => c.notNull())
    .addColumn('employees', 'integer')
    .addColumn('covering_org_id', pg ? 'bigint' : 'integer', (c) => c.references('orgs.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('units_path_idx').on('units').columns(['org_path', 'name']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('units').execute();
}
