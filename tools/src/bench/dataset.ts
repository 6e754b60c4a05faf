// The benchmark dataset: built once with the server's own migrations and demo seed (so it is exactly what a demo
// install holds), plus the peer's dept table, then reused while its marker says it is complete and current.
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { type AppConfig, type DatabaseConfig, loadConfig, REPO_ROOT } from '../../../apps/server/src/config.js';
import { backupDatabase, restoreDatabase } from '../../../apps/server/src/db/backup.js';
import { COUNTER_SOURCES } from '../../../apps/server/src/db/counter-sources.js';
import { type DbHandle, openDatabase } from '../../../apps/server/src/db/database.js';
import { migrateToLatest } from '../../../apps/server/src/db/migrate.js';
import { seedDemo } from '../../../apps/server/src/db/seed.js';
import { today } from '../../../apps/server/src/platform/clock.js';
import { rebuildCounters } from '../../../apps/server/src/platform/counters.js';
import { terminalProgress } from '../../../apps/server/src/platform/progress.js';
import type { Scale } from '../generator/generate.js';
import { type Helpers, parentPidOf } from './contention.js';
import { buildPeerDept, registerFindInSet } from './peer.js';

export type DbKind = 'sqlite' | 'postgres';

export const SEED = 1;
const PG_SERVER = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/';

export interface BenchDataset {
  scale: Scale;
  db: DbKind;
  /** DATABASE_URL a server process uses to serve this dataset. */
  databaseUrl: string;
  sqliteFile: string | null;
  config: AppConfig;
  /** Opened as the server opens it (background WAL checkpoints on SQLite). */
  handle: DbHandle;
  reused: boolean;
  buildSeconds: number;
  builtAt: string;
  dbVersion: string;
}

interface Marker {
  scale: string;
  seed: number;
  migrations: number;
  countersOn: string;
  buildSeconds: number;
  builtAt: string;
}

async function readMarker(handle: DbHandle): Promise<Marker | null> {
  try {
    const r = await sql<Marker>`select * from bench_marker`.execute(handle.db);
    return r.rows[0] ?? null;
  } catch {
    return null; // no marker table: never built, or interrupted before the end
  }
}

async function migrationCount(handle: DbHandle): Promise<number> {
  const r = await sql<{ n: number | string }>`select count(*) as n from kysely_migration`.execute(handle.db);
  return Number(r.rows[0]?.n ?? 0);
}

async function writeMarker(handle: DbHandle, m: Marker): Promise<void> {
  await sql`drop table if exists bench_marker`.execute(handle.db);
  await sql`create table bench_marker (scale text not null, seed integer not null, migrations integer not null,
    counters_on text not null, build_seconds real not null, built_at text not null)`.execute(handle.db);
  await sql`insert into bench_marker values (${m.scale}, ${m.seed}, ${m.migrations}, ${m.countersOn},
    ${m.buildSeconds}, ${m.builtAt})`.execute(handle.db);
}

function configFor(databaseUrl: string): AppConfig {
  return loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' });
}

/** Migrate, seed, build peer_dept, then the marker last: a dataset without a marker is incomplete. */
async function build(handle: DbHandle, config: AppConfig, scale: Scale, log: (s: string) => void): Promise<Marker> {
  const started = performance.now();
  await migrateToLatest(handle.db);
  const labels = ['orgs', 'members'];
  const r = await seedDemo(handle, config, {
    scale,
    seed: SEED,
    progress: (total) => terminalProgress(`  seed ${labels.shift() ?? 'rows'}`, total),
  });
  log(
    `  seeded ${r.orgs.toLocaleString('en-US')} orgs, ${r.members.toLocaleString('en-US')} members in ${r.seconds.toFixed(1)} s`,
  );
  const depts = await buildPeerDept(handle);
  log(`  peer_dept: ${depts.toLocaleString('en-US')} rows`);
  const marker: Marker = {
    scale,
    seed: SEED,
    migrations: await migrationCount(handle),
    countersOn: today(),
    buildSeconds: (performance.now() - started) / 1000,
    builtAt: new Date().toISOString(),
  };
  await writeMarker(handle, marker);
  if (handle.sqlite) handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return marker;
}

/** The marker matches, and migrating changed nothing (a new migration means the dataset predates the schema). */
async function isReusable(handle: DbHandle, scale: Scale): Promise<Marker | null> {
  const marker = await readMarker(handle);
  if (!marker || marker.scale !== scale || Number(marker.seed) !== SEED) return null;
  await migrateToLatest(handle.db);
  return Number(marker.migrations) === (await migrationCount(handle)) ? marker : null;
}

/** Age bands move with the calendar: a dataset built on another day gets its counters rebuilt, as nightly does. */
async function refreshCounters(handle: DbHandle, marker: Marker, log: (s: string) => void): Promise<void> {
  if (marker.countersOn === today()) return;
  const r = await rebuildCounters(handle.db, COUNTER_SOURCES, today(), { write: true });
  log(
    `  counters rebuilt for ${today()} (built ${marker.countersOn}): ${r.driftCount} drifted, ${r.seconds.toFixed(1)} s`,
  );
  await writeMarker(handle, { ...marker, countersOn: today() });
}

async function openSqlite(scale: Scale, log: (s: string) => void): Promise<BenchDataset> {
  const dir = join(REPO_ROOT, '.bench-cache');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${scale}.db`);
  const databaseUrl = `sqlite:${file}`;
  const config = configFor(databaseUrl);
  let marker: Marker | null = null;
  let reused = false;
  if (existsSync(file)) {
    const probe = openDatabase(config.database);
    marker = await isReusable(probe, scale);
    if (marker) await refreshCounters(probe, marker, log);
    await probe.close();
    reused = marker !== null;
    if (!marker) log(`  ${file} is incomplete or outdated: rebuilding`);
  }
  if (!marker) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    log(`building ${scale} dataset into ${file} …`);
    const h = openDatabase(config.database);
    marker = await build(h, config, scale, log);
    await h.close();
  }
  // Reopened as the server opens it: the seed's 512 MB page cache must not flatter the measurements.
  const handle = openDatabase(config.database, { backgroundCheckpoint: true });
  await registerFindInSet(handle);
  const v = handle.sqlite!.prepare('select sqlite_version() as v').get() as { v: string };
  return {
    scale,
    db: 'sqlite',
    databaseUrl,
    sqliteFile: file,
    config,
    handle,
    reused,
    buildSeconds: Number(marker.buildSeconds),
    builtAt: marker.builtAt,
    dbVersion: `SQLite ${v.v}`,
  };
}

async function withAdminClient<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${PG_SERVER}postgres` });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function openPostgres(scale: Scale, log: (s: string) => void): Promise<BenchDataset> {
  // Only this database is ever created or dropped; the name comes from the Scale union, never from input text.
  const name = `grassroots_bench_${scale}`;
  const databaseUrl = `${PG_SERVER}${name}`;
  const config = configFor(databaseUrl);
  const exists = await withAdminClient(
    async (c) => (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1,
  );
  let marker: Marker | null = null;
  let reused = false;
  if (exists) {
    const probe = openDatabase(config.database);
    marker = await isReusable(probe, scale);
    if (marker) await refreshCounters(probe, marker, log);
    await probe.close();
    reused = marker !== null;
    if (!marker) {
      log(`  database ${name} is incomplete or outdated: dropping and rebuilding it`);
      await withAdminClient((c) => c.query(`drop database ${name}`));
    }
  }
  if (!marker) {
    await withAdminClient((c) => c.query(`create database ${name}`));
    log(`building ${scale} dataset into PostgreSQL database ${name} …`);
    const h = openDatabase(config.database);
    marker = await build(h, config, scale, log);
    await h.close();
  }
  const handle = openDatabase(config.database);
  await registerFindInSet(handle);
  const v = await sql<{ serverVersion: string }>`show server_version`.execute(handle.db);
  return {
    scale,
    db: 'postgres',
    databaseUrl,
    sqliteFile: null,
    config,
    handle,
    reused,
    buildSeconds: Number(marker.buildSeconds),
    builtAt: marker.builtAt,
    dbVersion: `PostgreSQL ${v.rows[0]?.serverVersion ?? '?'}`,
  };
}

export interface DatasetCopy {
  /** DATABASE_URL of the copy. */
  databaseUrl: string;
  database: DatabaseConfig;
  drop(): Promise<void>;
}

/**
 * A throwaway copy of the dataset, made with the server's own online backup (`db/backup.ts`), for a run that writes
 * records the reused dataset must not keep (the load test's creates): `.bench-cache/<scale>-copy.db`, or the
 * PostgreSQL database `grassroots_bench_<scale>_copy` restored from a pg_dump.
 */
export async function copyDataset(ds: BenchDataset): Promise<DatasetCopy> {
  if (ds.sqliteFile) {
    const file = join(REPO_ROOT, '.bench-cache', `${ds.scale}-copy.db`);
    const remove = async () => {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    };
    await remove();
    await backupDatabase({ dialect: 'sqlite', file: ds.sqliteFile }, file);
    return { databaseUrl: `sqlite:${file}`, database: { dialect: 'sqlite', file }, drop: remove };
  }
  // Only this database is ever created or dropped; the name comes from the Scale union, never from input text.
  const name = `grassroots_bench_${ds.scale}_copy`;
  const databaseUrl = `${PG_SERVER}${name}`;
  const dump = join(REPO_ROOT, '.bench-cache', `${ds.scale}.pgdump`);
  mkdirSync(dirname(dump), { recursive: true });
  await backupDatabase({ dialect: 'postgres', url: ds.databaseUrl }, dump);
  const drop = async () => {
    await withAdminClient((c) => c.query(`drop database if exists ${name} with (force)`));
  };
  await drop();
  await withAdminClient((c) => c.query(`create database ${name}`));
  await restoreDatabase({ dialect: 'postgres', url: databaseUrl }, dump);
  rmSync(dump, { force: true });
  return { databaseUrl, database: { dialect: 'postgres', url: databaseUrl }, drop };
}

export function openDataset(scale: Scale, db: DbKind, log: (s: string) => void): Promise<BenchDataset> {
  return db === 'sqlite' ? openSqlite(scale, log) : openPostgres(scale, log);
}

/** SQLite: the database file plus its WAL; PostgreSQL: pg_database_size. */
export async function databaseSizeMb(ds: BenchDataset): Promise<number> {
  if (ds.sqliteFile) {
    const size = (f: string) => (existsSync(f) ? statSync(f).size : 0);
    return (size(ds.sqliteFile) + size(`${ds.sqliteFile}-wal`)) / 2 ** 20;
  }
  const r = await sql<{ n: number | string }>`select pg_database_size(current_database()) as n`.execute(ds.handle.db);
  return Number(r.rows[0]?.n ?? 0) / 2 ** 20;
}

/**
 * The PostgreSQL processes working for us: the backends connected to the benchmark database (ours and the server
 * child's), and the postmaster, which reaps the parallel workers those backends start.
 */
export async function postgresHelpers(ds: BenchDataset): Promise<Helpers> {
  if (ds.db !== 'postgres') return { pids: [], reapers: [] };
  const r = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(
    ds.handle.db,
  );
  const pids = r.rows.map((row) => Number(row.pid));
  let postmaster: number | null = null;
  try {
    postmaster = pids[0] === undefined ? null : parentPidOf(pids[0]);
  } catch {
    postmaster = null; // a server on another machine: its CPU is not ours to see
  }
  return { pids, reapers: postmaster === null ? [] : [postmaster] };
}
