// `interface Database` assembled from the modules' *.table.ts, and the dialect choice (SQLite or PostgreSQL).

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  CamelCasePlugin,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  type Dialect as KyselyDialect,
  PostgresDialect,
  type QueryCompiler,
  SelectQueryNode,
  SqliteDialect,
  type TransactionSettings,
} from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import type { AuditLogTable } from '../modules/audit/audit.table.js';
import type {
  ContactLinkTable,
  ContactProblemTable,
  ContactVisitTable,
} from '../modules/contact-points/contact-points.table.js';
import type { DevelopmentRecordTable, DevelopmentStepTable } from '../modules/development/development.table.js';
import type { DuesBaseTable, DuesPaymentTable } from '../modules/dues/dues.table.js';
import type { ElectionTable } from '../modules/elections/elections.table.js';
import type { StatFormTable } from '../modules/forms/forms.table.js';
import type { InspectionRoundTable, ProblemTable } from '../modules/inspections/inspections.table.js';
import type {
  MeetingAttendanceTable,
  MeetingTable,
  ObligationExemptionTable,
  ObligationTable,
} from '../modules/life/life.table.js';
import type { MemberTable, MemberTransferTable } from '../modules/members/members.table.js';
import type { ExternalTransferTable } from '../modules/members/transfers-external.table.js';
import type { FiftyYearMedalTable, MobileContactTable, MobileMemberTable } from '../modules/mobile/mobile.table.js';
import type { OrgTable } from '../modules/orgs/orgs.table.js';
import type { PracticalMatterTable, SecretaryProjectTable } from '../modules/projects/projects.table.js';
import type { MetricPhraseTable } from '../modules/reports/report-check.table.js';
import type { ReportDraftTable, ReportTemplateTable } from '../modules/reports/reports.table.js';
import type { StarRatingScorecardTable, StarRatingTable } from '../modules/star-ratings/star-ratings.table.js';
import type {
  TaskAssignmentEventTable,
  TaskAssignmentTable,
  TaskListTable,
  TaskMeasureTable,
  TaskTable,
} from '../modules/tasks/tasks.table.js';
import type { UnitTable } from '../modules/units/units.table.js';
import type { UserGrantTable, UserTable } from '../modules/users/users.table.js';
import type { WeakOrgEventTable, WeakOrgRectificationTable } from '../modules/weak-orgs/weak-orgs.table.js';
import type { AttachmentContentTable, AttachmentTable } from '../platform/attachments.table.js';
import type { SessionTable } from '../platform/auth/session.table.js';
import type { SubtreeCounterTable } from '../platform/counters.table.js';
import type { JobTable } from '../platform/jobs.table.js';
import type { WorkflowEventTable } from '../platform/workflow.table.js';
import { readSplitDialect } from './sqlite-read-split.js';

export interface Database {
  orgs: OrgTable;
  members: MemberTable;
  memberTransfers: MemberTransferTable;
  externalTransfers: ExternalTransferTable;
  mobileMembers: MobileMemberTable;
  mobileContacts: MobileContactTable;
  fiftyYearMedals: FiftyYearMedalTable;
  users: UserTable;
  userGrants: UserGrantTable;
  sessions: SessionTable;
  auditLog: AuditLogTable;
  subtreeCounters: SubtreeCounterTable;
  units: UnitTable;
  weakOrgRectifications: WeakOrgRectificationTable;
  weakOrgEvents: WeakOrgEventTable;
  elections: ElectionTable;
  starRatingScorecards: StarRatingScorecardTable;
  starRatings: StarRatingTable;
  duesBases: DuesBaseTable;
  duesPayments: DuesPaymentTable;
  jobs: JobTable;
  developmentRecords: DevelopmentRecordTable;
  developmentSteps: DevelopmentStepTable;
  attachments: AttachmentTable;
  attachmentContents: AttachmentContentTable;
  workflowEvents: WorkflowEventTable;
  inspectionRounds: InspectionRoundTable;
  problems: ProblemTable;
  taskLists: TaskListTable;
  tasks: TaskTable;
  taskMeasures: TaskMeasureTable;
  taskAssignments: TaskAssignmentTable;
  taskAssignmentEvents: TaskAssignmentEventTable;
  secretaryProjects: SecretaryProjectTable;
  practicalMatters: PracticalMatterTable;
  contactLinks: ContactLinkTable;
  contactVisits: ContactVisitTable;
  contactProblems: ContactProblemTable;
  statForms: StatFormTable;
  meetings: MeetingTable;
  meetingAttendance: MeetingAttendanceTable;
  obligations: ObligationTable;
  obligationExemptions: ObligationExemptionTable;
  reportTemplates: ReportTemplateTable;
  reportDrafts: ReportDraftTable;
  metricPhrases: MetricPhraseTable;
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

// ---- the data generation: what in-process caches (platform/read-cache.ts) are keyed by

let generation = 0;

/**
 * A number this process increments after every write it commits through Kysely: each transaction's commit and each
 * write statement run outside a transaction. An answer computed while the number did not change read no data this
 * process has changed since. Writes by other processes (another server on PostgreSQL, the CLI) do not move it.
 */
export function dataGeneration(): number {
  return generation;
}

// Raw SQL counts as a write unless it plainly reads (a `with` may write, so it counts): a spare bump only costs a
// cache miss.
const READ_ONLY_SQL = /^\s*(select|pragma|explain)\b/i;

function isWrite(query: CompiledQuery): boolean {
  return !SelectQueryNode.is(query.query) && !READ_ONLY_SQL.test(query.sql);
}

/** The driver's connection, noting writes that commit on their own. */
class TrackedConnection implements DatabaseConnection {
  inTransaction = false;
  constructor(readonly inner: DatabaseConnection) {}
  async executeQuery<R>(query: CompiledQuery) {
    const result = await this.inner.executeQuery<R>(query);
    if (!this.inTransaction && isWrite(query)) generation++;
    return result;
  }
  streamQuery<R>(query: CompiledQuery, chunkSize?: number) {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

/**
 * Wraps a dialect's driver to move the data generation after each commit (not at the write inside the
 * transaction: a read between the two would see the old data under the new number).
 */
class GenerationDriver implements Driver {
  constructor(readonly inner: Driver) {}
  init() {
    return this.inner.init();
  }
  async acquireConnection() {
    return new TrackedConnection(await this.inner.acquireConnection());
  }
  async beginTransaction(c: DatabaseConnection, settings: TransactionSettings) {
    await this.inner.beginTransaction((c as TrackedConnection).inner, settings);
    (c as TrackedConnection).inTransaction = true;
  }
  async commitTransaction(c: DatabaseConnection) {
    try {
      await this.inner.commitTransaction((c as TrackedConnection).inner);
    } finally {
      (c as TrackedConnection).inTransaction = false;
      generation++;
    }
  }
  async rollbackTransaction(c: DatabaseConnection) {
    try {
      await this.inner.rollbackTransaction((c as TrackedConnection).inner);
    } finally {
      (c as TrackedConnection).inTransaction = false;
    }
  }
  savepoint(c: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    return this.inner.savepoint!((c as TrackedConnection).inner, name, compile);
  }
  rollbackToSavepoint(c: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    return this.inner.rollbackToSavepoint!((c as TrackedConnection).inner, name, compile);
  }
  releaseSavepoint(c: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    return this.inner.releaseSavepoint!((c as TrackedConnection).inner, name, compile);
  }
  releaseConnection(c: DatabaseConnection) {
    return this.inner.releaseConnection((c as TrackedConnection).inner);
  }
  destroy() {
    return this.inner.destroy();
  }
}

function tracked(dialect: KyselyDialect): KyselyDialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new GenerationDriver(dialect.createDriver()),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
  };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * The connection as Kysely's SQLite drivers see it, with prepared statements kept by SQL text (LRU): Kysely prepares
 * on every execution, which cost 11 % of the server's CPU under dashboard load. A statement still iterating (a
 * streamed select) cannot run again, so that call gets a fresh one. Only Kysely uses this view; `DbHandle.sqlite`
 * stays the plain connection, so a caller's `pluck()` or `raw()` never changes a shared statement.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): SqliteDatabase.Database {
  const statements = new Map<string, SqliteDatabase.Statement>();
  const prepare = (text: string): SqliteDatabase.Statement => {
    const kept = statements.get(text);
    if (kept) {
      if (kept.busy) return sqlite.prepare(text);
      statements.delete(text);
      statements.set(text, kept);
      return kept;
    }
    const stmt = sqlite.prepare(text);
    if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
    statements.set(text, stmt);
    return stmt;
  };
  return new Proxy(sqlite, {
    get(target, key) {
      if (key === 'prepare') return prepare;
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export interface OpenOptions {
  /** PostgreSQL schema to use (tests run each database in its own schema). */
  searchPath?: string;
  /** Run WAL checkpoints from a timer instead of inside writes (server mode). */
  backgroundCheckpoint?: boolean;
  /**
   * Told when a PostgreSQL connection dies while idle in the pool (the server restarted, an administrator ended it);
   * the pool has dropped it already and opens a new one when needed. Default: one line on stderr.
   */
  onIdleConnectionError?: (err: Error) => void;
}

function logIdleConnectionError(err: Error): void {
  console.error(`数据库空闲连接已断开，已丢弃：${err.message}`);
}

/**
 * The pool's clients until each has really closed: `pool.end()` resolves once it has asked its idle clients to end,
 * before their connections are gone, so a close that returned could still leave sessions open on the server.
 */
function openClients(pool: pg.Pool): () => Promise<void> {
  const open = new Set<pg.PoolClient>();
  let allClosed: (() => void) | null = null;
  pool.on('connect', (client) => open.add(client));
  pool.on('remove', (client) => {
    open.delete(client);
    if (open.size === 0) allClosed?.();
  });
  return () =>
    open.size === 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          allClosed = resolve;
        });
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
      // A file gets a second, read-only connection for reads outside transactions (db/sqlite-read-split.ts).
      dialect: tracked(
        config.file === ':memory:'
          ? new SqliteDialect({ database: withStatementCache(sqlite) })
          : readSplitDialect(withStatementCache(sqlite), () =>
              withStatementCache(new SqliteDatabase(config.file, { readonly: true })),
            ),
      ),
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
  // Without a listener, an idle client's error (its backend terminated) is thrown from the socket and ends the process.
  pool.on('error', options.onIdleConnectionError ?? logIdleConnectionError);
  const closed = openClients(pool);
  const db = new Kysely<Database>({
    dialect: tracked(new PostgresDialect({ pool })),
    plugins: [new CamelCasePlugin()],
  });
  return {
    db,
    dialect: 'postgres',
    sqlite: null,
    pool,
    async close() {
      await db.destroy();
      // Kysely ends the pool only if it used it; the pool may have served `handle.pool` alone.
      if (!pool.ending) await pool.end();
      await closed();
    },
  };
}
