// 组织生活: meetings with their attendance (and 民主评议 results), the obligation catalogue (seeded with the defaults of
// DOMAIN.md §3 as they stood when this ran) and exemptions per org and period.
import { DEFAULT_OBLIGATIONS } from '@grassroots/domain';
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time, not the app's types
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const serial = pg ? 'bigserial' : 'integer';
  const path = pg ? sql`text collate "C"` : 'text';
  const provinceId = (table: string) =>
    pg
      ? sql`alter table ${sql.table(table)} add column province_id bigint
          generated always as (nullif(split_part(org_path, '/', 2), '')::bigint) stored`
      : sql`alter table ${sql.table(table)} add column province_id integer
          generated always as (cast(substr(org_path, 2, instr(substr(org_path, 2), '/') - 1) as integer)) virtual`;

  await db.schema
    .createTable('meetings')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('org_id', id, (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('minutes', 'text')
    // Counts kept with the row so lists show attendance without reading it.
    .addColumn('attendee_count', 'integer', (c) => c.notNull())
    .addColumn('absent_count', 'integer', (c) => c.notNull())
    // 补录: first recorded more than 30 days after the meeting.
    .addColumn('late', 'integer', (c) => c.notNull())
    .addColumn('created_by', id, (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await provinceId('meetings').execute(db);
  // Subtree range scans by date; org and kind included so the compliance aggregate reads the index only.
  await db.schema
    .createIndex('meetings_path_date_idx')
    .on('meetings')
    .columns(['org_path', 'date', 'org_id', 'kind'])
    .execute();
  await db.schema.createIndex('meetings_org_date_idx').on('meetings').columns(['org_id', 'date']).execute();

  await db.schema
    .createTable('meeting_attendance')
    .addColumn('meeting_id', id, (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('member_id', id, (c) => c.notNull().references('members.id'))
    .addColumn('present', 'integer', (c) => c.notNull())
    .addColumn('absence_reason', 'text')
    .addColumn('result', 'text')
    .addPrimaryKeyConstraint('meeting_attendance_pk', ['meeting_id', 'member_id'])
    .execute();
  await db.schema.createIndex('meeting_attendance_member_idx').on('meeting_attendance').column('member_id').execute();

  await db.schema
    .createTable('obligations')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('cycle', 'text', (c) => c.notNull())
    .addColumn('expected', 'integer', (c) => c.notNull())
    // JSON arrays; sectors null = every sector.
    .addColumn('org_kinds', 'text', (c) => c.notNull())
    .addColumn('sectors', 'text')
    .addColumn('requires_committee', 'integer', (c) => c.notNull())
    .addColumn('starts_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  const now = new Date().toISOString();
  await db
    .insertInto('obligations')
    .values(
      DEFAULT_OBLIGATIONS.map((o) => ({
        kind: o.kind,
        cycle: o.cycle,
        expected: o.expected,
        org_kinds: JSON.stringify(o.orgKinds),
        sectors: o.sectors === null ? null : JSON.stringify(o.sectors),
        requires_committee: o.requiresCommittee ? 1 : 0,
        starts_on: null,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();

  await db.schema
    .createTable('obligation_exemptions')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('org_id', id, (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    // null = every kind of meeting.
    .addColumn('kind', 'text')
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', id, (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await provinceId('obligation_exemptions').execute(db);
  await db.schema
    .createIndex('obligation_exemptions_path_idx')
    .on('obligation_exemptions')
    .columns(['org_path', 'period_key'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['obligation_exemptions', 'obligations', 'meeting_attendance', 'meetings']) {
    await db.schema.dropTable(t).execute();
  }
}
