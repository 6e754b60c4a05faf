// 发展党员: one record per person in development (not a member yet at first) and the steps recorded on it, in order.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time, not the app's types
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  await db.schema
    .createTable('development_records')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => c.primaryKey())
    .addColumn('org_id', id, (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pg ? sql`text collate "C"` : 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_initials', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('ethnicity', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('id_number', 'text', (c) => c.notNull())
    .addColumn('education', 'text', (c) => c.notNull())
    .addColumn('occupation', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    // Derived from the steps by developmentStatus at every write, so lists filter and sort on them in SQL.
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('stage_since', 'text', (c) => c.notNull())
    .addColumn('next_step', 'text')
    .addColumn('next_earliest_date', 'text')
    .addColumn('next_due_date', 'text')
    .addColumn('probation_end', 'text')
    // The member record created on admission (17); null before.
    .addColumn('member_id', id, (c) => c.references('members.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  if (pg) {
    await sql`alter table development_records add column province_id bigint
      generated always as (nullif(split_part(org_path, '/', 2), '')::bigint) stored`.execute(db);
  } else {
    await sql`alter table development_records add column province_id integer
      generated always as (cast(substr(org_path, 2, instr(substr(org_path, 2), '/') - 1) as integer)) virtual`.execute(
      db,
    );
  }
  await db.schema
    .createIndex('development_records_path_idx')
    .on('development_records')
    .columns(['org_path', 'name'])
    .execute();
  await db.schema
    .createIndex('development_records_due_idx')
    .on('development_records')
    .columns(['next_due_date', 'org_path'])
    .execute();
  await db.schema
    .createIndex('development_records_id_number_idx')
    .on('development_records')
    .column('id_number')
    .execute();

  await db.schema
    .createTable('development_steps')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => c.primaryKey())
    .addColumn('record_id', id, (c) => c.notNull().references('development_records.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decision_ref', 'text')
    .addColumn('note', 'text')
    // JSON array of member ids: 培养联系人 (5) or 入党介绍人 (9).
    .addColumn('member_ids', 'text')
    .addColumn('political_review_passed', 'integer')
    .addColumn('training_days', 'integer')
    .addColumn('training_hours', 'integer')
    .addColumn('outcome', 'text')
    .addColumn('extension_months', 'integer')
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recorded_by', id, (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('development_steps_record_seq_uq', ['record_id', 'seq'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('development_steps').execute();
  await db.schema.dropTable('development_records').execute();
}
