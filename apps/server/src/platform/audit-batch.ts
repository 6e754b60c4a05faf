// Appending many audit rows at once (imports): the same chain as recordAudit (platform/audit.ts) — each row's hash
// covers its content and the previous row's hash — read once, extended in memory, inserted in multi-row statements.
// Call inside the transaction of the change it records.
import { PostgresAdapter, sql } from 'kysely';
import type { Db } from '../db/database.js';
import { AUDIT_GENESIS_HASH, type AuditEntry, type AuditHashInput, type AuditWho, auditHash } from './audit.js';
import { nowIso } from './clock.js';

const ROWS_PER_STATEMENT = 400;

const toJson = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

export async function recordAuditBatch(trx: Db, who: AuditWho, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    // The lock recordAudit takes: no other transaction chains onto the rows appended here.
    await sql`select pg_advisory_xact_lock(7270001)`.execute(trx);
  }
  const last = await trx.selectFrom('auditLog').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  let prevHash = last?.hash ?? AUDIT_GENESIS_HASH;
  const at = nowIso();
  const rows = entries.map((entry) => {
    const row: AuditHashInput = {
      at,
      userId: who.userId,
      username: who.username,
      ip: who.ip,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      orgPath: entry.orgPath,
      before: toJson(entry.before),
      after: toJson(entry.after),
    };
    const hash = auditHash(prevHash, row);
    const out = { ...row, prevHash, hash };
    prevHash = hash;
    return out;
  });
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    await trx
      .insertInto('auditLog')
      .values(rows.slice(i, i + ROWS_PER_STATEMENT))
      .execute();
  }
}
