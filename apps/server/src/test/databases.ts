// The databases every database test runs on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. Each test
// database is fresh: SQLite in memory, PostgreSQL in a schema of its own that is dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { type AppConfig, loadConfig } from '../config.js';
import { type DbHandle, openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import type { AppContext } from '../platform/context.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;
/** Advisory lock key: test schemas are dropped only while no migration is introspecting (see openTestDb). */
const SCHEMA_DROP_LOCK = 7270101;
export type TestDialect = 'sqlite' | 'postgres';
export const TEST_DIALECTS: TestDialect[] = TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDb {
  handle: DbHandle;
  ctx: AppContext;
  config: AppConfig;
  drop(): Promise<void>;
}

export function testConfig(): AppConfig {
  return { ...loadConfig({ LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv), webDist: null };
}

export async function openTestDb(dialect: TestDialect): Promise<TestDb> {
  const config = testConfig();
  if (dialect === 'sqlite') {
    const handle = openDatabase({ dialect: 'sqlite', file: ':memory:' });
    await migrateToLatest(handle.db);
    return { handle, config, ctx: { db: handle.db, dialect: 'sqlite', config }, drop: () => handle.close() };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const handle = openDatabase({ dialect: 'postgres', url: TEST_DATABASE_URL! }, { searchPath: schema });
  // Kysely's migrator introspects the tables of every schema (pg_get_serial_sequence by schema name): a schema another
  // test process drops meanwhile failed it with "schema t_… does not exist". Migrations hold the lock shared, drops
  // exclusive.
  await admin.query('select pg_advisory_lock_shared($1)', [SCHEMA_DROP_LOCK]);
  try {
    await migrateToLatest(handle.db, { schema });
  } catch (err) {
    await handle.close();
    throw err;
  } finally {
    await admin.query('select pg_advisory_unlock_shared($1)', [SCHEMA_DROP_LOCK]);
    await admin.end();
  }
  return {
    handle,
    config,
    ctx: { db: handle.db, dialect: 'postgres', config },
    async drop() {
      await handle.close();
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      try {
        await c.query('begin');
        await c.query('select pg_advisory_xact_lock($1)', [SCHEMA_DROP_LOCK]);
        await c.query(`drop schema ${schema} cascade`);
        await c.query('commit');
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * Runs the suite once per test database; the suite's name carries the dialect in brackets ([sqlite], [postgres]),
 * which is how CI proves the PostgreSQL tests ran. `get()` returns the suite's database inside tests.
 */
export function describeEachDb(title: string, suite: (get: () => TestDb, dialect: TestDialect) => void): void {
  for (const dialect of TEST_DIALECTS) {
    describe(`[${dialect}] ${title}`, () => {
      let db: TestDb | null = null;
      beforeAll(async () => {
        db = await openTestDb(dialect);
      });
      afterAll(async () => {
        await db?.drop();
      });
      suite(() => {
        if (!db) throw new Error('test database not open yet');
        return db;
      }, dialect);
    });
  }
}
