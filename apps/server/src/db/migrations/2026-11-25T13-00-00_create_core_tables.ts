// Core tables: org tree, members, transfers, users, grants, sessions, audit log. Frozen: change by a new migration.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time, not the app's types
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigserial' : 'integer';
  const ref = pg ? 'bigint' : 'integer';
  // Path columns compare byte-wise on PostgreSQL too, so a subtree is a range scan whatever the database collation.
  const pathType = pg ? sql`text collate "C"` : sql`text`;

  await db.schema
    .createTable('orgs')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('parent_id', ref, (c) => c.references('orgs.id'))
    .addColumn('path', pathType, (c) => c.notNull().unique())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_initials', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sector', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('secretary_name', 'text')
    .addColumn('committee', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('founded_on', 'text')
    .addColumn('term_start', 'text')
    .addColumn('term_years', 'integer')
    .addColumn('contact_phone', 'text')
    .addColumn('address', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('orgs_parent_idx').on('orgs').columns(['parent_id', 'name']).execute();
  await db.schema.createIndex('orgs_initials_idx').on('orgs').column('name_initials').execute();
  await db.schema.createIndex('orgs_name_idx').on('orgs').column('name').execute();

  await db.schema
    .createTable('members')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('org_id', ref, (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_initials', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('ethnicity', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('id_number', 'text', (c) => c.notNull().unique())
    .addColumn('education', 'text', (c) => c.notNull())
    .addColumn('occupation', 'text', (c) => c.notNull())
    .addColumn('joined_on', 'text', (c) => c.notNull())
    .addColumn('full_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('address', 'text')
    .addColumn('is_mobile', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_lost_contact', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_hardship', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_veteran', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pending_transfer_id', ref)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Covering index for ad-hoc rollups over a subtree (DESIGN.md "Data").
  await db.schema
    .createIndex('members_rollup_idx')
    .on('members')
    .columns(['org_path', 'status', 'gender', 'education', 'occupation', 'birth_date'])
    .execute();
  await db.schema.createIndex('members_path_name_idx').on('members').columns(['org_path', 'name', 'id']).execute();
  await db.schema.createIndex('members_name_idx').on('members').columns(['name', 'id']).execute();
  await db.schema.createIndex('members_initials_idx').on('members').columns(['name_initials', 'id']).execute();
  await db.schema.createIndex('members_org_idx').on('members').column('org_id').execute();

  await db.schema
    .createTable('member_transfers')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('member_id', ref, (c) => c.notNull().references('members.id'))
    .addColumn('from_org_id', ref, (c) => c.notNull().references('orgs.id'))
    .addColumn('to_org_id', ref, (c) => c.notNull().references('orgs.id'))
    .addColumn('from_path', pathType, (c) => c.notNull())
    .addColumn('to_path', pathType, (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('letter_no', 'text')
    .addColumn('requested_by', ref, (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', ref)
    .addColumn('decided_at', 'text')
    .addColumn('decision_reason', 'text')
    .execute();
  await db.schema.createIndex('member_transfers_to_idx').on('member_transfers').columns(['to_path', 'state']).execute();
  await db.schema
    .createIndex('member_transfers_from_idx')
    .on('member_transfers')
    .columns(['from_path', 'state'])
    .execute();
  await db.schema.createIndex('member_transfers_member_idx').on('member_transfers').column('member_id').execute();

  await db.schema
    .createTable('users')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('last_login_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('user_grants')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('user_id', ref, (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('org_id', ref, (c) => c.notNull().references('orgs.id'))
    .addColumn('include_subtree', 'integer', (c) => c.notNull())
    .addColumn('valid_from', 'text')
    .addColumn('valid_to', 'text')
    .execute();
  await db.schema.createIndex('user_grants_user_idx').on('user_grants').column('user_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', ref, (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', ref)
    .addColumn('username', 'text')
    .addColumn('ip', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', ref)
    .addColumn('org_path', pathType)
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_entity_idx').on('audit_log').columns(['entity', 'entity_id']).execute();
  await db.schema.createIndex('audit_user_idx').on('audit_log').columns(['user_id', 'id']).execute();
  await db.schema.createIndex('audit_path_idx').on('audit_log').columns(['org_path', 'id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['audit_log', 'sessions', 'user_grants', 'users', 'member_transfers', 'members', 'orgs']) {
    await db.schema.dropTable(t).execute();
  }
}
