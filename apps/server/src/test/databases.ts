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
  await admin.end();
  const handle = openDatabase({ dialect: 'postgres', url: TEST_DATABASE_URL! }, { searchPath: schema });
  try {
    await migrateToLatest(handle.db, { schema });
  } catch (err) {
    // A rare failure ("schema … does not exist") seen only in full parallel runs: say whether the schema is there.
    const { rows } = await handle.pool!.query('select count(*)::int as n from pg_namespace where nspname = $1', [
      schema,
    ]);
    await handle.close();
    throw new Error(`${String(err)} (schema ${schema} exists now: ${rows[0].n === 1})`, { cause: err });
  }
  return {
    handle,
    config,
    ctx: { db: handle.db, dialect: 'postgres', config },
    async drop() {
      await handle.close();
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
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
