// 清单管理: task lists → key tasks → measures → assignments (one per responsible org) with their progress events;
// 书记项目 and 实事 / 急难愁盼. Org-scoped rows carry org_path (subtree range scans) and province_id.
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
    .createTable('task_lists')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('org_id', id, (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('sector', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await addProvinceId('task_lists');
  await db.schema.createIndex('task_lists_path_idx').on('task_lists').columns(['org_path', 'year']).execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('list_id', id, (c) => c.notNull().references('task_lists.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tasks_list_idx').on('tasks').columns(['list_id', 'seq']).execute();

  await db.schema
    .createTable('task_measures')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('list_id', id, (c) => c.notNull().references('task_lists.id'))
    .addColumn('task_id', id, (c) => c.notNull().references('tasks.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('method', 'text')
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('responsible_person', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('task_measures_task_idx').on('task_measures').columns(['task_id', 'seq']).execute();
  await db.schema.createIndex('task_measures_list_idx').on('task_measures').column('list_id').execute();

  // The deadline is the measure's, copied so overdue scans and roll-ups read one index range.
  await db.schema
    .createTable('task_assignments')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('list_id', id, (c) => c.notNull().references('task_lists.id'))
    .addColumn('task_id', id, (c) => c.notNull().references('tasks.id'))
    .addColumn('measure_id', id, (c) => c.notNull().references('task_measures.id'))
    .addColumn('org_id', id, (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('percent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('milestone', 'text')
    .addColumn('responsible_person', 'text')
    .addColumn('last_note', 'text')
    .addColumn('reported_at', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('task_assignments_measure_org_uq', ['measure_id', 'org_id'])
    .execute();
  await addProvinceId('task_assignments');
  await db.schema
    .createIndex('task_assignments_path_idx')
    .on('task_assignments')
    .columns(['org_path', 'state', 'deadline'])
    .execute();
  await db.schema
    .createIndex('task_assignments_list_idx')
    .on('task_assignments')
    .columns(['list_id', 'state'])
    .execute();

  // Every transition of an assignment (下达, 报告进展, 验收, 退回) with who, why and the progress reported.
  await db.schema
    .createTable('task_assignment_events')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('assignment_id', id, (c) => c.notNull().references('task_assignments.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('percent', 'integer')
    .addColumn('milestone', 'text')
    .addColumn('user_id', id, (c) => c.references('users.id'))
    .addColumn('user_name', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('task_assignment_events_idx')
    .on('task_assignment_events')
    .columns(['assignment_id', 'id'])
    .execute();

  await db.schema
    .createTable('secretary_projects')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('org_id', id, (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('secretary_name', 'text', (c) => c.notNull())
    .addColumn('goal', 'text', (c) => c.notNull())
    .addColumn('content', 'text')
    .addColumn('target_date', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('grade', 'text')
    .addColumn('accepted_at', 'text')
    .addColumn('rated_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await addProvinceId('secretary_projects');
  await db.schema
    .createIndex('secretary_projects_path_idx')
    .on('secretary_projects')
    .columns(['org_path', 'year', 'stage'])
    .execute();

  await db.schema
    .createTable('practical_matters')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('org_id', id, (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('project_id', id, (c) => c.references('secretary_projects.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('raised_by', 'text', (c) => c.notNull())
    .addColumn('owner_name', 'text', (c) => c.notNull())
    .addColumn('target_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('done_on', 'text')
    .addColumn('satisfaction', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await addProvinceId('practical_matters');
  await db.schema
    .createIndex('practical_matters_path_idx')
    .on('practical_matters')
    .columns(['org_path', 'year', 'status', 'target_date'])
    .execute();
  await db.schema.createIndex('practical_matters_project_idx').on('practical_matters').column('project_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'practical_matters',
    'secretary_projects',
    'task_assignment_events',
    'task_assignments',
    'task_measures',
    'tasks',
    'task_lists',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
