// Backup while the database takes writes, then restore, and compare every table row by row (SQLite, and PostgreSQL
// in a database of its own when TEST_DATABASE_URL is set).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { DatabaseConfig } from '../config.js';
import { verifyChain } from '../modules/audit/audit.service.js';
import { today } from '../platform/clock.js';
import { rebuildCounters } from '../platform/counters.js';
import { TEST_DATABASE_URL, testConfig } from '../test/databases.js';
import { seedMember, seedSmallTree } from '../test/factories.js';
import { backupDatabase, restoreDatabase } from './backup.js';
import { COUNTER_SOURCES } from './counter-sources.js';
import { type DbHandle, openDatabase } from './database.js';
import { migrateToLatest } from './migrate.js';

const TABLES = [
  'orgs',
  'members',
  'member_transfers',
  'users',
  'user_grants',
  'audit_log',
  'subtree_counters',
  'units',
];
const dir = mkdtempSync(join(tmpdir(), 'grassroots-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function snapshot(handle: DbHandle) {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) out[t] = (await sql`select * from ${sql.table(t)} order by 1, 2`.execute(handle.db)).rows;
  return out;
}

async function roundTrip(database: DatabaseConfig) {
  const config = testConfig();
  const handle = openDatabase(database);
  const file = join(dir, `backup-${database.dialect}`);
  let before: Record<string, unknown[]>;
  let after: Record<string, unknown[]>;
  try {
    await migrateToLatest(handle.db);
    const ctx = { db: handle.db, dialect: handle.dialect, config };
    const tree = await seedSmallTree(ctx);
    before = await snapshot(handle);
    // Writes keep coming while the backup runs: the backup must be a consistent state from some moment.
    const writes = Promise.all(Array.from({ length: 20 }, () => seedMember(ctx, tree.orgs.village)));
    await backupDatabase(database, file);
    await writes;
    after = await snapshot(handle);
    await sql`delete from subtree_counters`.execute(handle.db);
  } finally {
    await handle.close();
  }
  await restoreDatabase(database, file);
  const restored = openDatabase(database);
  try {
    const got = await snapshot(restored);
    for (const t of TABLES) {
      expect(got[t]!.length, t).toBeGreaterThanOrEqual(before[t]!.length);
      expect(got[t]!.length, t).toBeLessThanOrEqual(after[t]!.length);
    }
    expect(got.orgs).toEqual(before.orgs);
    expect(got.users).toEqual(before.users);
    // Consistent: the counters agree with the members the backup holds, and the audit chain is whole.
    const ctx = { db: restored.db, dialect: restored.dialect, config };
    expect((await rebuildCounters(restored.db, COUNTER_SOURCES, today(), { write: false })).drift).toEqual([]);
    expect((await verifyChain(ctx)).ok).toBe(true);
  } finally {
    await restored.close();
  }
}

describe('[sqlite] backup and restore', () => {
  it('backs up while writes go on and restores a consistent database', async () => {
    await roundTrip({ dialect: 'sqlite', file: join(dir, 'live.db') });
  });
});

if (TEST_DATABASE_URL) {
  describe('[postgres] backup and restore', () => {
    it('backs up with pg_dump and restores with pg_restore into a database of its own', async () => {
      const name = `grassroots_backup_${process.pid}`;
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${name}`);
      await admin.query(`create database ${name}`);
      try {
        const url = new URL(TEST_DATABASE_URL!);
        url.pathname = `/${name}`;
        await roundTrip({ dialect: 'postgres', url: url.toString() });
      } finally {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    });
  });
}
