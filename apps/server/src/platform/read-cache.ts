// Answers kept in this process for a few seconds, dropped as soon as this process commits any write
// (db/database.ts dataGeneration). The TTL is the bound for writes by other processes (a second server on
// PostgreSQL, the CLI): they are seen within it. docs/ARCHITECTURE.md "In-process caches".
import { dataGeneration } from '../db/database.js';

interface Entry<V> {
  value: V;
  expiresAt: number;
}

/** The entries of one database, all computed at one generation (a newer one replaces them all). */
interface Shelf<V> {
  generation: number;
  entries: Map<string, Entry<V>>;
}

export class ReadCache<V> {
  // Per database (tests open SQLite and PostgreSQL in one process; their ids overlap).
  readonly #byDb = new WeakMap<object, Shelf<V>>();

  constructor(
    readonly ttlMs: number,
    readonly maxEntries: number,
  ) {}

  get(db: object, key: string): V | undefined {
    const shelf = this.#byDb.get(db);
    if (!shelf || shelf.generation !== dataGeneration()) return undefined;
    const e = shelf.entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= Date.now()) {
      shelf.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  /**
   * Keeps `value`, computed from reads that began at `generation` (dataGeneration() taken before the first read):
   * when a write committed meanwhile the value may predate it, and is not kept.
   */
  set(db: object, key: string, value: V, generation: number): void {
    if (generation !== dataGeneration()) return;
    let shelf = this.#byDb.get(db);
    if (!shelf || shelf.generation !== generation) {
      shelf = { generation, entries: new Map() };
      this.#byDb.set(db, shelf);
    }
    const { entries } = shelf;
    entries.delete(key);
    // Oldest first: a Map keeps insertion order.
    if (entries.size >= this.maxEntries) entries.delete(entries.keys().next().value!);
    entries.set(key, { value, expiresAt: Date.now() + this.ttlMs });
  }
}
