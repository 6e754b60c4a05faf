// `interface Database` assembled from the modules' *.table.ts, and the dialect choice (SQLite or PostgreSQL).

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import type { AuditLogTable } from '../modules/audit/audit.table.js';
import type { MemberTable, MemberTransferTable } from '../modules/members/members.table.js';
import type { OrgTable } from '../modules/orgs/orgs.table.js';
import type { UnitTable } from '../modules/units/units.table.js';
import type { UserGrantTable, UserTable } from '../modules/users/users.table.js';
import type { SessionTable } from '../platform/auth/session.table.js';
import type { SubtreeCounterTable } from '../platform/counters.table.js';
import type { JobTable } from '../platform/jobs.table.js';

export interface Database {
  orgs: OrgTable;
  members: MemberTable;
  memberTransfers: MemberTransferTable;
  users: UserTable;
  userGrants: UserGrantTable;
  sessions: SessionTable;
  auditLog: AuditLogTable;
  subtreeCounters: SubtreeCounterTable;
  units: UnitTable;
  jobs: JobTable;
}

export type Db = Kysely<Database>;
export type Dialect = 'sqlite' | 'postgres';

export interface DbHandle {
  db: Db;
  dialect: Dialect;
  /** The raw SQLite connection, for bulk loads, backups and checkpoints; null on PostgreSQL. */
  sqlite: SqliteDatabase.Database | null;
  /** The raw PostgreSQL pool, for bulk loads; null on SQLite. */
  pool: pg.Pool | null;
  close(): Promise<void>;
}

// bigint ids and count(*) come back from pg as strings; every value we store fits a double exactly.
pg.types.setTypeParser(20, (v) => Number(v));

export interface OpenOptions {
  /** PostgreSQL schema to use (tests run each database in its own schema). */
  searchPath?: string;
  /** Run WAL checkpoints from a timer instead of inside writes (server mode). */
  backgroundCheckpoint?: boolean;
}

export function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): DbHandle {
  if (config.dialect === 'sqlite') {
    if (config.file !== ':memory:') mkdirSync(dirname(config.file), { recursive: true });
    const sqlite = new SqliteDatabase(config.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    let timer: NodeJS.Timeout | null = null;
    if (options.backgroundCheckpoint) {
      // Automatic checkpoints inside a write put its p99 at ~13 ms; a timer keeps them out of requests.
      sqlite.pragma('wal_autocheckpoint = 0');
      // Not while this connection is inside a transaction (an import's spans many ticks): SQLite answers LOCKED.
      timer = setInterval(() => {
        if (!sqlite.inTransaction) sqlite.pragma('wal_checkpoint(PASSIVE)');
      }, 2000);
      timer.unref();
    }
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: sqlite }),
      plugins: [new CamelCasePlugin()],
    });
    return {
      db,
      dialect: 'sqlite',
      sqlite,
      pool: null,
      async close() {
        if (timer) clearInterval(timer);
        await db.destroy();
      },
    };
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: 10,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
  return {
    db,
    dialect: 'postgres',
    sqlite: null,
    pool,
    async close() {
      await db.destroy();
    },
  };
}
