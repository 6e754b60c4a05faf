// 党建联系点: leader ↔ org links with a validity period, the visits logged under a link, and the problems raised at
// each visit (solved once they carry a date). Links and visits carry org_path (subtree range scans) and province_id.
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
    .createTable('contact_links')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('org_id', id, (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('leader_name', 'text', (c) => c.notNull())
    .addColumn('leader_position', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await addProvinceId('contact_links');
  await db.schema
    .createIndex('contact_links_path_idx')
    .on('contact_links')
    .columns(['org_path', 'valid_from'])
    .execute();

  // org_path is the link's, copied so the year's figures read one index range.
  await db.schema
    .createTable('contact_visits')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('link_id', id, (c) => c.notNull().references('contact_links.id'))
    .addColumn('org_id', id, (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('visited_on', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await addProvinceId('contact_visits');
  await db.schema
    .createIndex('contact_visits_path_idx')
    .on('contact_visits')
    .columns(['org_path', 'visited_on'])
    .execute();
  await db.schema
    .createIndex('contact_visits_link_idx')
    .on('contact_visits')
    .columns(['link_id', 'visited_on'])
    .execute();

  await db.schema
    .createTable('contact_problems')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('visit_id', id, (c) => c.notNull().references('contact_visits.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('solved_on', 'text')
    .execute();
  await db.schema
    .createIndex('contact_problems_visit_idx')
    .on('contact_problems')
    .columns(['visit_id', 'seq'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['contact_problems', 'contact_visits', 'contact_links']) await db.schema.dropTable(t).execute();
}
