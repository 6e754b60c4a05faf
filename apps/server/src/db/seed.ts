// Loads a generated dataset (tools/src/generator) into an empty database, fast: raw prepared statements in large
// transactions on SQLite, unnest() batches on PostgreSQL. Then creates the demo accounts.
import { pinyinInitials, type Role } from '@grassroots/domain';
import {
  type Dataset,
  type GeneratedMember,
  type GeneratedOrg,
  generateDataset,
  type Scale,
} from '@grassroots/tools/generator/generate.js';
import { generateUnits } from '@grassroots/tools/generator/units.js';
import { sql } from 'kysely';
import type { AppConfig } from '../config.js';
import { memberCounters } from '../modules/members/members.counters.js';
import { orgCounters } from '../modules/orgs/orgs.counters.js';
import { createUserUnchecked } from '../modules/users/users.service.js';
import { nowIso, today } from '../platform/clock.js';
import { counterAccumulator } from '../platform/counters.js';
import type { Progress } from '../platform/progress.js';
import type { DbHandle } from './database.js';
import { seedContactPoints } from './seed-contact-points.js';
import { seedDevelopment } from './seed-development.js';
import { seedDues } from './seed-dues.js';
import { seedInspections } from './seed-inspections.js';
import { seedLife } from './seed-life.js';
import { seedMobile } from './seed-mobile.js';
import { seedRatings } from './seed-ratings.js';
import { seedTasks } from './seed-tasks.js';

const ORG_COLUMNS = [
  'id',
  'parentId',
  'path',
  'depth',
  'name',
  'nameInitials',
  'shortName',
  'kind',
  'sector',
  'code',
  'secretaryName',
  'foundedOn',
  'termStart',
  'termYears',
  'contactPhone',
  'address',
] as const satisfies ReadonlyArray<keyof GeneratedOrg>;
const MEMBER_COLUMNS = [
  'id',
  'orgId',
  'orgPath',
  'name',
  'nameInitials',
  'gender',
  'ethnicity',
  'birthDate',
  'idNumber',
  'education',
  'occupation',
  'joinedOn',
  'fullOn',
  'status',
  'phone',
  'address',
  'isMobile',
  'isLostContact',
  'isHardship',
  'isVeteran',
] as const satisfies ReadonlyArray<keyof GeneratedMember>;

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

type Cell = string | number | null;

// unnest() needs each array's type: numbers go as bigint (assignment-cast to integer columns), the rest as text.
function pgTypeOf(rows: Cell[][], column: number, name: string): string {
  const sample = rows.find((r) => r[column] !== null)?.[column];
  return typeof sample === 'number' || name.endsWith('Id') ? 'bigint' : 'text';
}

/** Inserts rows given as arrays in `columns` order: prepared statements in large transactions, or unnest(). */
async function bulkInsert(
  handle: DbHandle,
  table: string,
  columns: readonly string[],
  rows: Iterable<Cell[]>,
  onRows: (n: number) => void = () => {},
): Promise<number> {
  const names = columns.map(snake).join(',');
  let batch: Cell[][] = [];
  let total = 0;
  const batchSize = handle.dialect === 'sqlite' ? 100_000 : 5_000;
  const stmt = handle.sqlite?.prepare(`insert into ${table} (${names}) values (${columns.map(() => '?').join(',')})`);
  const insertSqlite = handle.sqlite?.transaction((rs: Cell[][]) => {
    for (const r of rs) stmt!.run(r);
  });
  const flush = async () => {
    if (batch.length === 0) return;
    if (insertSqlite) insertSqlite(batch);
    else {
      const rs = batch;
      const types = columns.map((c, i) => pgTypeOf(rs, i, c));
      await handle.pool!.query(
        `insert into ${table} (${names}) select * from unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(',')})`,
        columns.map((_, i) => rs.map((r) => r[i])),
      );
    }
    total += batch.length;
    onRows(total);
    batch = [];
  };
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return total;
}

/** Drops a table's non-unique indexes and returns the statements that recreate them. */
async function dropSecondaryIndexes(handle: DbHandle, table: string): Promise<string[]> {
  const rows =
    handle.dialect === 'sqlite'
      ? (
          await sql<{ name: string; ddl: string }>`select name, sql as ddl from sqlite_master
            where type = 'index' and tbl_name = ${table} and sql is not null and sql not like 'create unique%'`.execute(
            handle.db,
          )
        ).rows
      : (
          await sql<{ name: string; ddl: string }>`select indexname as name, indexdef as ddl from pg_indexes
            where tablename = ${table} and schemaname = current_schema() and indexdef not like 'CREATE UNIQUE%'`.execute(
            handle.db,
          )
        ).rows;
  for (const r of rows) await sql`drop index ${sql.ref(r.name)}`.execute(handle.db);
  return rows.map((r) => r.ddl);
}

export interface DemoAccount {
  username: string;
  name: string;
  role: Role;
  orgId: number;
  orgName: string;
}

export async function isDatabaseEmpty(handle: DbHandle): Promise<boolean> {
  const row = await handle.db.selectFrom('orgs').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/** Removes every row (for `seed --reset`), children first. */
export async function clearDatabase(handle: DbHandle): Promise<void> {
  for (const t of [
    'workflow_events',
    'problems',
    'inspection_rounds',
    'contact_problems',
    'contact_visits',
    'contact_links',
    'weak_org_events',
    'weak_org_rectifications',
    'elections',
    'star_ratings',
    'star_rating_scorecards',
    'development_steps',
    'development_records',
    'meeting_attendance',
    'meetings',
    'obligation_exemptions',
    'attachment_contents',
    'attachments',
    'subtree_counters',
    'sessions',
    'user_grants',
    'users',
    'audit_log',
    'dues_payments',
    'dues_bases',
    'mobile_contacts',
    'mobile_members',
    'fifty_year_medals',
    'external_transfers',
    'member_transfers',
    'members',
    'orgs',
  ] as const) {
    await sql`delete from ${sql.table(t)}`.execute(handle.db);
  }
}

export interface SeedResult {
  dataset: Dataset;
  orgs: number;
  members: number;
  accounts: DemoAccount[];
  seconds: number;
}

export async function seedDemo(
  handle: DbHandle,
  config: AppConfig,
  opts: { scale: Scale; seed: number; progress: (total: number, label: string) => Progress },
): Promise<SeedResult> {
  const started = Date.now();
  if (!(await isDatabaseEmpty(handle))) throw new Error('数据库中已有数据：请使用空数据库，或加 --reset 清空后再生成');
  const day = today();
  const dataset = generateDataset({ scale: opts.scale, seed: opts.seed, today: day });
  const now = nowIso();
  // A fresh database filled in one go: no rollback journal during the load (a failed seed is simply redone),
  // and a big page cache for the ID-number index's random inserts.
  if (handle.sqlite)
    handle.sqlite.exec('pragma journal_mode = off; pragma synchronous = off; pragma cache_size = -524288');
  const counters = counterAccumulator(dataset.orgs);
  const orgBar = opts.progress(dataset.orgs.length, '组织');
  const orgColumns = [
    ...ORG_COLUMNS,
    'committee',
    'closedAt',
    'closedReason',
    'version',
    'createdAt',
    'updatedAt',
  ] as const;
  const orgs = await bulkInsert(
    handle,
    'orgs',
    orgColumns,
    dataset.orgs.map((o) => {
      counters.add(orgCounters, o.id, { kind: o.kind, sector: o.sector, closedAt: null }, day);
      return [...ORG_COLUMNS.map((c) => o[c]), JSON.stringify(o.committee), null, null, 0, now, now];
    }),
    (n) => orgBar.update(n),
  );
  orgBar.finish();
  // Secondary indexes are built once after the load: far faster than keeping them up to date row by row.
  const indexes = await dropSecondaryIndexes(handle, 'members');
  const memberBar = opts.progress(dataset.expectedMembers, '党员');
  function* memberRows(): Generator<Cell[]> {
    for (const m of dataset.members()) {
      counters.add(memberCounters, m.orgId, m, day);
      yield [...MEMBER_COLUMNS.map((c) => m[c]), null, 0, now, now];
    }
  }
  const memberColumns = [...MEMBER_COLUMNS, 'pendingTransferId', 'version', 'createdAt', 'updatedAt'] as const;
  const members = await bulkInsert(handle, 'members', memberColumns, memberRows(), (n) => memberBar.update(n));
  memberBar.finish();
  for (const ddl of indexes) await sql.raw(ddl).execute(handle.db);
  const fullMembers = new Map<number, number>();
  await bulkInsert(
    handle,
    'subtree_counters',
    ['orgId', 'dimension', 'value', 'count'],
    (function* () {
      for (const c of counters.rows()) {
        if (c.dimension === 'member.status' && c.value === 'full') fullMembers.set(c.orgId, c.count);
        yield [c.orgId, c.dimension, c.value, c.count];
      }
    })(),
  );
  const orgPath = new Map(dataset.orgs.map((o) => [o.id, o.path]));
  await bulkInsert(
    handle,
    'units',
    [
      'orgId',
      'orgPath',
      'name',
      'nameInitials',
      'unitType',
      'fullMembers',
      'employees',
      'coveringOrgId',
      'version',
      'createdAt',
      'updatedAt',
    ],
    generateUnits(dataset, (id) => fullMembers.get(id) ?? 0).map((u) => [
      u.orgId,
      orgPath.get(u.orgId)!,
      u.name,
      pinyinInitials(u.name),
      u.unitType,
      u.fullMembers,
      u.employees,
      u.coveringOrgId,
      0,
      now,
      now,
    ]),
  );
  // The modules' records, each step a tick of the bar (development runs after analyze: it writes through services).
  const moduleBar = opts.progress(8, '业务');
  const moduleSteps = [
    () => seedRatings(handle.db, dataset, day, now),
    () => seedTasks(handle, dataset, day, now, bulkInsert),
    () => seedInspections(handle.db, dataset, day, now),
    () => seedContactPoints(handle.db, dataset, day, now),
    () => seedDues(handle, dataset, day, bulkInsert),
    () => seedLife(handle, dataset, day, bulkInsert),
    () => seedMobile(handle, dataset, day, bulkInsert),
  ];
  for (const [i, step] of moduleSteps.entries()) {
    await step();
    moduleBar.update(i + 1);
  }
  if (handle.dialect === 'postgres') {
    for (const t of ['orgs', 'members']) {
      await sql`select setval(pg_get_serial_sequence(${t}, 'id'), (select max(id) from ${sql.table(t)}))`.execute(
        handle.db,
      );
    }
    await sql`analyze`.execute(handle.db);
  } else {
    handle.sqlite!.exec('pragma journal_mode = wal; pragma synchronous = normal; pragma cache_size = -2000');
    handle.sqlite!.pragma('analysis_limit = 1000');
    handle.sqlite!.exec('analyze');
  }
  await seedDevelopment(handle, dataset, day);
  moduleBar.finish();
  const accounts = await createDemoAccounts(handle, config, dataset);
  return { dataset, orgs, members, accounts, seconds: (Date.now() - started) / 1000 };
}

async function createDemoAccounts(handle: DbHandle, config: AppConfig, dataset: Dataset): Promise<DemoAccount[]> {
  const a = dataset.anchors;
  const nameOf = (id: number) => dataset.orgs[id - 1]?.name ?? String(id);
  const specs: Array<{ username: string; name: string; role: Role; orgId: number }> = [
    { username: 'admin', name: '系统管理员', role: 'system_admin', orgId: a.root },
    { username: 'county', name: '组织部管理员', role: 'org_department_admin', orgId: a.root },
    { username: 'town', name: '乡镇党委管理员', role: 'township_admin', orgId: a.township },
    { username: 'branch', name: '支部书记', role: 'branch_secretary', orgId: a.villageBranch },
    { username: 'grid', name: '网格员', role: 'grid_worker', orgId: a.grid },
    { username: 'viewer', name: '县领导', role: 'readonly_leader', orgId: a.root },
  ];
  const ctx = { db: handle.db, dialect: handle.dialect, config };
  const who = { userId: null, username: 'seed', ip: null };
  for (const s of specs) {
    await createUserUnchecked(ctx, who, {
      username: s.username,
      name: s.name,
      password: config.demoPassword,
      grants: [{ role: s.role, orgId: s.orgId, includeSubtree: true, validFrom: null, validTo: null }],
    });
  }
  return specs.map((s) => ({ ...s, orgName: nameOf(s.orgId) }));
}
