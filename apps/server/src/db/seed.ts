// Loads a generated dataset (tools/src/generator) into an empty database, fast: raw prepared statements in large
// transactions on SQLite, unnest() batches on PostgreSQL. Then creates the demo accounts.
import type { Role } from '@grassroots/domain';
import { type Dataset, generateDataset, type Scale } from '@grassroots/tools/generator/generate.js';
import { sql } from 'kysely';
import type { AppConfig } from '../config.js';
import { createUserUnchecked } from '../modules/users/users.service.js';
import { nowIso, today } from '../platform/clock.js';
import { rebuildCounters } from '../platform/counters.js';
import type { Progress } from '../platform/progress.js';
import { COUNTER_SOURCES } from './counter-sources.js';
import type { DbHandle } from './database.js';

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

type Row = Record<string, string | number | null>;

// unnest() needs each array's type: numbers go as bigint (assignment-cast to integer columns), the rest as text.
function pgTypeOf(rows: Row[], column: string): string {
  const sample = rows.find((r) => r[column] !== null)?.[column];
  return typeof sample === 'number' || column.endsWith('Id') ? 'bigint' : 'text';
}

async function bulkInsert(
  handle: DbHandle,
  table: string,
  rows: Iterable<Row>,
  onRows: (n: number) => void,
): Promise<number> {
  let columns: string[] | null = null;
  let batch: Row[] = [];
  let total = 0;
  const batchSize = handle.dialect === 'sqlite' ? 50_000 : 5_000;
  let insertSqlite: ((rows: Row[]) => void) | null = null;
  const flush = async () => {
    if (batch.length === 0 || !columns) return;
    if (handle.sqlite) {
      if (!insertSqlite) {
        const stmt = handle.sqlite.prepare(
          `insert into ${table} (${columns.map(snake).join(',')}) values (${columns.map(() => '?').join(',')})`,
        );
        const cols = columns;
        insertSqlite = handle.sqlite.transaction((rs: Row[]) => {
          for (const r of rs) stmt.run(cols.map((c) => r[c]));
        });
      }
      insertSqlite(batch);
    } else {
      const rows = batch;
      const types = columns.map((c) => pgTypeOf(rows, c));
      await handle.pool!.query(
        `insert into ${table} (${columns.map(snake).join(',')}) select * from unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(',')})`,
        columns.map((c) => rows.map((r) => r[c])),
      );
    }
    total += batch.length;
    onRows(total);
    batch = [];
  };
  for (const row of rows) {
    columns ??= Object.keys(row);
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
    'subtree_counters',
    'sessions',
    'user_grants',
    'users',
    'audit_log',
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
  opts: { scale: Scale; seed: number; progress: (total: number) => Progress },
): Promise<SeedResult> {
  const started = Date.now();
  if (!(await isDatabaseEmpty(handle))) throw new Error('数据库中已有数据：请使用空数据库，或加 --reset 清空后再生成');
  // A big page cache keeps the ID-number index's random inserts in memory during the load.
  if (handle.sqlite) handle.sqlite.pragma('cache_size = -524288');
  const dataset = generateDataset({ scale: opts.scale, seed: opts.seed, today: today() });
  const now = nowIso();
  const orgRows = dataset.orgs.map((o) => ({
    ...o,
    committee: JSON.stringify(o.committee),
    closedAt: null,
    closedReason: null,
    version: 0,
    createdAt: now,
    updatedAt: now,
  }));
  const orgBar = opts.progress(orgRows.length);
  const orgs = await bulkInsert(handle, 'orgs', orgRows as unknown as Row[], (n) => orgBar.update(n));
  orgBar.finish();
  // Secondary indexes are built once after the load: far faster than keeping them up to date row by row.
  const indexes = await dropSecondaryIndexes(handle, 'members');
  const memberBar = opts.progress(dataset.expectedMembers);
  function* memberRows() {
    for (const m of dataset.members())
      yield { ...m, pendingTransferId: null, version: 0, createdAt: now, updatedAt: now } as unknown as Row;
  }
  const members = await bulkInsert(handle, 'members', memberRows(), (n) => memberBar.update(n));
  memberBar.finish();
  for (const ddl of indexes) await sql.raw(ddl).execute(handle.db);
  if (handle.dialect === 'postgres') {
    for (const t of ['orgs', 'members']) {
      await sql`select setval(pg_get_serial_sequence(${t}, 'id'), (select max(id) from ${sql.table(t)}))`.execute(
        handle.db,
      );
    }
    await sql`analyze`.execute(handle.db);
  } else {
    handle.sqlite!.pragma('analysis_limit = 1000');
    handle.sqlite!.exec('analyze');
  }
  await rebuildCounters(handle.db, COUNTER_SOURCES, today(), { write: true });
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
