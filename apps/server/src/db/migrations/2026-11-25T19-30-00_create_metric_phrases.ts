// 材料核数: phrases users add to the fact-checker's dictionary (a phrase → the metric it names). A phrase belongs to
// an org and applies to reports of its subtree; org_path for that lookup, province_id like every record of an org.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time, not the app's types
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const path = pg ? sql`text collate "C"` : 'text';
  await db.schema
    .createTable('metric_phrases')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => c.primaryKey())
    .addColumn('org_id', id, (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('phrase', 'text', (c) => c.notNull())
    .addColumn('metric_key', 'text', (c) => c.notNull())
    .addColumn('created_by', id, (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  if (pg) {
    await sql`alter table metric_phrases add column province_id bigint
      generated always as (nullif(split_part(org_path, '/', 2), '')::bigint) stored`.execute(db);
  } else {
    await sql`alter table metric_phrases add column province_id integer
      generated always as (cast(substr(org_path, 2, instr(substr(org_path, 2), '/') - 1) as integer)) virtual`.execute(
      db,
    );
  }
  await db.schema
    .createIndex('metric_phrases_org_phrase_uq')
    .on('metric_phrases')
    .columns(['org_id', 'phrase', 'metric_key'])
    .unique()
    .execute();
  await db.schema.createIndex('metric_phrases_path_idx').on('metric_phrases').columns(['org_path', 'phrase']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('metric_phrases').execute();
}
