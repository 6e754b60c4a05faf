// Backup while the database takes a steady stream of writes (online: the writes go on until the backup is done and
// after it), then restore, and compare every table row by row (SQLite, and PostgreSQL in a database of its own when
// TEST_DATABASE_URL is set).
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeIdNumber } from '@grassroots/domain';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { DatabaseConfig } from '../config.js';
import { verifyChain } from '../modules/audit/audit.service.js';
import { createMember } from '../modules/members/members.service.js';
import { today } from '../platform/clock.js';
import { rebuildCounters } from '../platform/counters.js';
import { TEST_DATABASE_URL, testConfig } from '../test/databases.js';
import { actorOf, seedSmallTree } from '../test/factories.js';
import { backupDatabase, restoreDatabase } from './backup.js';
import { COUNTER_SOURCES } from './counter-sources.js';
import { type DbHandle, openDatabase } from './database.js';
import { migrateToLatest } from './migrate.js';

const dir = mkdtempSync(join(tmpdir(), 'grassroots-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Snapshot = Map<string, unknown[]>;

/** Every table of the database, each as its rows in a stable order. */
async function snapshot(handle: DbHandle): Promise<Snapshot> {
  const tables =
    handle.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'
          order by name`.execute(handle.db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(handle.db);
  const out: Snapshot = new Map();
  for (const { name } of tables.rows) {
    const rows = (await sql`select * from ${sql.table(name)}`.execute(handle.db)).rows;
    out.set(name, rows.map((r) => JSON.stringify(r)).sort());
  }
  return out;
}

/** The tables the writes below change: members and audit rows are only added; counters are upserted (a recount). */
const APPENDED = ['members', 'audit_log'];
const RECOUNTED = 'subtree_counters';

/** Waits until `n` more writes have landed (each is one await: the loop below runs beside the caller). */
async function afterWrites(writes: { count: number }, n: number): Promise<void> {
  const target = writes.count + n;
  while (writes.count < target) await new Promise((r) => setTimeout(r, 5));
}

async function roundTrip(database: DatabaseConfig) {
  const config = testConfig();
  const handle = openDatabase(database);
  const file = join(dir, `backup-${database.dialect}`);
  let before: Snapshot;
  let after: Snapshot;
  try {
    await migrateToLatest(handle.db);
    const ctx = { db: handle.db, dialect: handle.dialect, config };
    const tree = await seedSmallTree(ctx);
    before = await snapshot(handle);
    // A steady stream of writes on another connection, running before the backup starts, while it runs, and after it
    // ends: a backup that needs the writes to pause (SQLite's backup copied in steps restarts at every write between
    // two steps) never finishes, and this test times out.
    const actor = await actorOf(ctx, tree.users.town.id);
    const writes = { count: 0, stop: false };
    const writer = (async () => {
      while (!writes.stop) {
        // A member created as the API creates one: the row, its counters and its audit row in one transaction.
        const birthDate = new Date(Date.UTC(1980, 0, 1 + Math.floor(writes.count / 500))).toISOString().slice(0, 10);
        await createMember(ctx, actor, {
          orgId: tree.orgs.village.id,
          name: '备份期间新建',
          gender: 'male',
          ethnicity: '汉族',
          birthDate,
          idNumber: makeIdNumber('659002', birthDate, writes.count % 500, 'male'),
          education: 'bachelor',
          occupation: 'professional',
          joinedOn: '2015-07-01',
          fullOn: '2016-07-01',
          status: 'full',
          phone: '13700000000',
        });
        writes.count++;
        // SQLite's driver answers without I/O: without a turn of the event loop this loop would starve everything.
        await new Promise((r) => setImmediate(r));
      }
    })();
    await afterWrites(writes, 3);
    await backupDatabase(database, file);
    await afterWrites(writes, 3);
    writes.stop = true;
    await writer;
    after = await snapshot(handle);
    await sql`delete from subtree_counters`.execute(handle.db);
  } finally {
    await handle.close();
  }
  await restoreDatabase(database, file);
  const restored = openDatabase(database);
  try {
    const got = await snapshot(restored);
    expect([...got.keys()]).toEqual([...before.keys()]);
    for (const [table, rows] of got) {
      if (table === RECOUNTED) continue;
      if (APPENDED.includes(table)) {
        // A moment between the first writes and the last: every row it holds is the row as written, none torn.
        expect(rows.length, table).toBeGreaterThanOrEqual(before.get(table)!.length + 3);
        expect(rows.length, table).toBeLessThan(after.get(table)!.length);
        expect(after.get(table)).toEqual(expect.arrayContaining(rows));
        expect(rows).toEqual(expect.arrayContaining(before.get(table)!));
      } else {
        expect(after.get(table), `${table} changed by the writes`).toEqual(before.get(table));
        expect(rows, table).toEqual(before.get(table));
      }
    }
    // Consistent: the counters agree with the members the backup holds, and the audit chain is whole.
    const ctx = { db: restored.db, dialect: restored.dialect, config };
    expect((await rebuildCounters(restored.db, COUNTER_SOURCES, today(), { write: false })).drift).toEqual([]);
    expect((await verifyChain(ctx)).ok).toBe(true);
    if (restored.sqlite) expect(restored.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    await restored.close();
  }
}

describe('[sqlite] backup and restore', () => {
  it('backs up while writes go on and restores a consistent database, every table as backed up', async () => {
    await roundTrip({ dialect: 'sqlite', file: join(dir, 'live.db') });
  });

  it('refuses to restore a damaged backup and leaves the database as it was', async () => {
    const live = join(dir, 'intact.db');
    const handle = openDatabase({ dialect: 'sqlite', file: live });
    await migrateToLatest(handle.db);
    await seedSmallTree({ db: handle.db, dialect: handle.dialect, config: testConfig() });
    const before = await snapshot(handle);
    await handle.close();
    const damaged = join(dir, 'damaged.db');
    await backupDatabase({ dialect: 'sqlite', file: live }, damaged);
    const raw = new SqliteDatabase(damaged, { readonly: true });
    const pageSize = Number(raw.pragma('page_size', { simple: true }));
    const { rootpage } = raw.prepare("select rootpage from sqlite_master where name = 'members'").get() as {
      rootpage: number;
    };
    raw.close();
    // The members table's first page overwritten with garbage.
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0xab), 0, pageSize, (rootpage - 1) * pageSize);
    closeSync(fd);
    await expect(restoreDatabase({ dialect: 'sqlite', file: live }, damaged)).rejects.toThrow();
    const reopened = openDatabase({ dialect: 'sqlite', file: live });
    try {
      expect(await snapshot(reopened)).toEqual(before);
    } finally {
      await reopened.close();
    }
  });
});

if (TEST_DATABASE_URL) {
  describe('[postgres] backup and restore', () => {
    it('backs up with pg_dump while writes go on and restores with pg_restore, every table as backed up', async () => {
      const name = `grassroots_backup_${process.pid}`;
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${name}`);
      await admin.query(`create database ${name}`);
      try {
        const url = new URL(TEST_DATABASE_URL!);
        url.pathname = `/${name}`;
        await roundTrip({ dialect: 'postgres', url: url.toString() });
        // Every connection of the round trip is closed by now (DbHandle.close waits for them): nothing for the drop
        // below to end (ending one used to throw from an idle pooled client, an unhandled error in the test run).
        const open = await admin.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        expect(open.rows[0].n).toBe(0);
      } finally {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    });
  });
}
