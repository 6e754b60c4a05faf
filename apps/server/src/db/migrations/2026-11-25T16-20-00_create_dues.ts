// 党费: per-member dues bases (history: each from its month) and payments, one row per member and month.
// Both belong to the member, not to an org: they follow the member through transfers (the 介绍信 carries "党费交到
// 某年某月"), and subtree figures reach them through members.org_path, so org moves need no rewrite here.
import { type Kysely, PostgresAdapter } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time, not the app's types
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigserial' : 'integer';
  const ref = pg ? 'bigint' : 'integer';
  await db.schema
    .createTable('dues_bases')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('member_id', ref, (c) => c.notNull().references('members.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    // Amounts in fen (分), integers: sums are exact on both databases.
    .addColumn('base_fen', 'bigint')
    .addColumn('monthly_fen', 'integer', (c) => c.notNull())
    .addColumn('from_month', 'text', (c) => c.notNull())
    // The next base's from_month (exclusive), null for the current one: kept by the service on every change.
    .addColumn('until_month', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', ref)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('dues_bases_member_month_uq', ['member_id', 'from_month'])
    .execute();
  await db.schema
    .createTable('dues_payments')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('member_id', ref, (c) => c.notNull().references('members.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    // What was due for the month when recorded (null: no base then).
    .addColumn('due_fen', 'integer')
    .addColumn('paid_on', 'text', (c) => c.notNull())
    .addColumn('payer', 'text', (c) => c.notNull())
    .addColumn('payer_name', 'text')
    .addColumn('receipt_no', 'text')
    // The org that collected it (the member's org when recorded): receipt numbers are unique per collecting org.
    .addColumn('org_id', ref, (c) => c.notNull().references('orgs.id'))
    .addColumn('note', 'text')
    .addColumn('recorded_by', ref)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('dues_payments_member_month_uq', ['member_id', 'month'])
    .execute();
  await db.schema
    .createIndex('dues_payments_receipt_idx')
    .on('dues_payments')
    .columns(['org_id', 'receipt_no'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('dues_payments').execute();
  await db.schema.dropTable('dues_bases').execute();
}
