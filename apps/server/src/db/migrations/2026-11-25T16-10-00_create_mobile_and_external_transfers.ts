// 组织关系转出系统外 / 从系统外转入, 流动党员 with their contact log, and 光荣在党50年 awards.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time, not the app's types
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigserial' : 'integer';
  const ref = pg ? 'bigint' : 'integer';
  const pathType = pg ? sql`text collate "C"` : sql`text`;
  const provinceId = (column: string) =>
    pg
      ? sql`bigint generated always as (nullif(split_part(${sql.ref(column)}, '/', 2), '')::bigint) stored`
      : sql`integer generated always as (cast(substr(${sql.ref(column)}, 2, instr(substr(${sql.ref(column)}, 2), '/') - 1) as integer)) virtual`;

  // A member transferred out of the platform keeps its row (history, references) but leaves every count and list.
  await db.schema.alterTable('members').addColumn('left_on', 'text').execute();
  // Lists and counts now read `left_on is null`: the rollup index carries it so rollups and recounts stay index-only.
  await db.schema.dropIndex('members_rollup_idx').execute();
  await db.schema
    .createIndex('members_rollup_idx')
    .on('members')
    .columns(['org_path', 'status', 'gender', 'education', 'occupation', 'birth_date', 'left_on'])
    .execute();
  // 光荣在党50年: the members whose 转正 fell in one year, then their path.
  await db.schema.createIndex('members_full_on_idx').on('members').columns(['full_on', 'org_path']).execute();

  await db.schema
    .createTable('external_transfers')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('member_id', ref, (c) => c.notNull().references('members.id'))
    .addColumn('org_id', ref, (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('province_id', provinceId('org_path'))
    .addColumn('letter_no', 'text', (c) => c.notNull())
    .addColumn('external_org', 'text', (c) => c.notNull())
    .addColumn('external_region', 'text')
    .addColumn('transfer_date', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_by', ref, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('external_transfers_path_idx')
    .on('external_transfers')
    .columns(['org_path', 'kind'])
    .execute();
  await db.schema.createIndex('external_transfers_member_idx').on('external_transfers').column('member_id').execute();

  await db.schema
    .createTable('mobile_members')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('member_id', ref, (c) => c.notNull().references('members.id'))
    .addColumn('org_id', ref, (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('province_id', provinceId('org_path'))
    .addColumn('destination_region', 'text', (c) => c.notNull())
    .addColumn('workplace', 'text')
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('station', 'text')
    .addColumn('note', 'text')
    .addColumn('last_contact_on', 'text')
    .addColumn('lost_contact', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('returned_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The list and the warning read the active records of a subtree by their last contact.
  await db.schema
    .createIndex('mobile_members_path_idx')
    .on('mobile_members')
    .columns(['org_path', 'returned_on', 'last_contact_on'])
    .execute();
  // At most one 外出 at a time per member.
  await db.schema
    .createIndex('mobile_members_active_uq')
    .on('mobile_members')
    .column('member_id')
    .unique()
    .where(sql.ref('returned_on'), 'is', null)
    .execute();
  await db.schema.createIndex('mobile_members_member_idx').on('mobile_members').column('member_id').execute();

  await db.schema
    .createTable('mobile_contacts')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('mobile_member_id', ref, (c) => c.notNull().references('mobile_members.id'))
    .addColumn('contacted_on', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', ref, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('mobile_contacts_mobile_idx')
    .on('mobile_contacts')
    .columns(['mobile_member_id', 'contacted_on'])
    .execute();

  await db.schema
    .createTable('fifty_year_medals')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('member_id', ref, (c) => c.notNull().unique().references('members.id'))
    .addColumn('awarded_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', ref, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['fifty_year_medals', 'mobile_contacts', 'mobile_members', 'external_transfers']) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.dropIndex('members_full_on_idx').execute();
  await db.schema.dropIndex('members_rollup_idx').execute();
  await db.schema
    .createIndex('members_rollup_idx')
    .on('members')
    .columns(['org_path', 'status', 'gender', 'education', 'occupation', 'birth_date'])
    .execute();
  await db.schema.alterTable('members').dropColumn('left_on').execute();
}
