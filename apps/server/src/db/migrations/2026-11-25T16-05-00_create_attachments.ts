// Optional evidence files (附件) of any record, linked by (entity, entity_id); the bytes in a table of their own so
// listing and scope checks never read them (platform/attachments.ts says why they live in the database).
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time, not the app's types
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  await db.schema
    .createTable('attachments')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => c.primaryKey())
    .addColumn('org_id', id, (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pg ? sql`text collate "C"` : 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    // null until the record it documents is saved (uploaded from a form before the record exists).
    .addColumn('entity_id', id)
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', id, (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  if (pg) {
    await sql`alter table attachments add column province_id bigint
      generated always as (nullif(split_part(org_path, '/', 2), '')::bigint) stored`.execute(db);
  } else {
    await sql`alter table attachments add column province_id integer
      generated always as (cast(substr(org_path, 2, instr(substr(org_path, 2), '/') - 1) as integer)) virtual`.execute(
      db,
    );
  }
  await db.schema.createIndex('attachments_entity_idx').on('attachments').columns(['entity', 'entity_id']).execute();
  await db.schema.createIndex('attachments_path_idx').on('attachments').column('org_path').execute();
  await db.schema
    .createTable('attachment_contents')
    .addColumn('attachment_id', id, (c) => c.primaryKey().references('attachments.id').onDelete('cascade'))
    .addColumn('content', pg ? 'bytea' : 'blob', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('attachment_contents').execute();
  await db.schema.dropTable('attachments').execute();
}
