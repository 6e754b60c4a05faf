// SQLite with a second, read-only connection for plain reads. Kysely's SQLite driver has one connection behind a
// mutex: while a transaction holds it (a 20,000-row import writes for ~1–2 s) every other query waits, health checks
// and page loads included. In WAL mode a reader on its own connection sees the last committed state without waiting
// for the writer, so a select outside a transaction runs there; everything else (writes, transactions and every
// query inside them, raw SQL, streams) keeps the one writer connection and its mutex, as before.
import type SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';

function run(db: SqliteDatabase.Database, query: CompiledQuery): QueryResult<unknown> {
  const stmt = db.prepare(query.sql);
  if (stmt.reader) return { rows: stmt.all(query.parameters as unknown[]) };
  const { changes, lastInsertRowid } = stmt.run(query.parameters as unknown[]);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** FIFO lock of the writer connection (what Kysely's own SQLite driver does). */
class Mutex {
  #tail: Promise<void> = Promise.resolve();
  lock(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    const acquired = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => held);
    return acquired;
  }
}

/**
 * What Kysely gets for each query or transaction: it takes the writer only when it writes or begins a transaction,
 * and keeps it until released.
 */
class Lease implements DatabaseConnection {
  #release: (() => void) | null = null;
  constructor(
    private readonly writer: SqliteDatabase.Database,
    private readonly reader: SqliteDatabase.Database,
    private readonly mutex: Mutex,
  ) {}

  async holdWriter(): Promise<void> {
    if (!this.#release) this.#release = await this.mutex.lock();
  }

  release(): void {
    this.#release?.();
    this.#release = null;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (!this.#release && SelectQueryNode.is(query.query)) return run(this.reader, query) as QueryResult<R>;
    await this.holdWriter();
    return run(this.writer, query) as QueryResult<R>;
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    // An open iterator keeps its connection busy, so streams stay on the writer, under its lock.
    if (!SelectQueryNode.is(query.query)) throw new Error('Sqlite driver only supports streaming of select queries');
    await this.holdWriter();
    for (const row of this.writer.prepare(query.sql).iterate(query.parameters as unknown[])) {
      yield { rows: [row as R] };
    }
  }
}

class ReadSplitDriver implements Driver {
  readonly #mutex = new Mutex();
  constructor(
    private readonly writer: SqliteDatabase.Database,
    private readonly reader: SqliteDatabase.Database,
  ) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return new Lease(this.writer, this.reader, this.#mutex);
  }
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as Lease).holdWriter();
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
  // Savepoints run on the writer, where the transaction holds it.
  async savepoint(connection: DatabaseConnection, name: string) {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoted(name)}`));
  }
  async rollbackToSavepoint(connection: DatabaseConnection, name: string) {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoted(name)}`));
  }
  async releaseSavepoint(connection: DatabaseConnection, name: string) {
    await connection.executeQuery(CompiledQuery.raw(`release ${quoted(name)}`));
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as Lease).release();
  }
  async destroy(): Promise<void> {
    this.reader.close();
    this.writer.close();
  }
}

/** The dialect for a SQLite file in WAL mode: `writer` as opened by openDatabase, a read-only twin opened here. */
export function readSplitDialect(writer: SqliteDatabase.Database, open: () => SqliteDatabase.Database): Dialect {
  const reader = open();
  reader.pragma('busy_timeout = 5000');
  return {
    createDriver: (): Driver => new ReadSplitDriver(writer, reader),
    createQueryCompiler: (): QueryCompiler => new SqliteQueryCompiler(),
    createAdapter: (): DialectAdapter => new SqliteAdapter(),
    createIntrospector: (db: Kysely<unknown>): DatabaseIntrospector => new SqliteIntrospector(db),
  };
}
