// Writing the tamper-evident audit log: every write and every PII reveal, in the transaction of the change.
import { createHash } from 'node:crypto';
import { PostgresAdapter, sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { Actor } from './actor.js';
import { nowIso } from './clock.js';

export const AUDIT_GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: number | null;
  orgPath: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditHashInput {
  at: string;
  userId: number | null;
  username: string | null;
  ip: string | null;
  action: string;
  entity: string;
  entityId: number | null;
  orgPath: string | null;
  before: string | null;
  after: string | null;
}

export function auditHash(prevHash: string, row: AuditHashInput): string {
  const content = JSON.stringify([
    row.at,
    row.userId,
    row.username,
    row.ip,
    row.action,
    row.entity,
    row.entityId,
    row.orgPath,
    row.before,
    row.after,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

const toJson = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

/** Who did it: a logged-in actor, or (for failed logins and the CLI) just a name and an address. */
export type AuditWho =
  | Pick<Actor, 'userId' | 'username' | 'ip'>
  | { userId: null; username: string | null; ip: string | null };

/** Appends one row to the chain. Call inside the transaction of the change it records. */
export async function recordAudit(trx: Db, who: AuditWho, entry: AuditEntry): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    // Serialises appends so two transactions never chain onto the same previous row.
    await sql`select pg_advisory_xact_lock(7270001)`.execute(trx);
  }
  const last = await trx.selectFrom('auditLog').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const row: AuditHashInput = {
    at: nowIso(),
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
  const prevHash = last?.hash ?? AUDIT_GENESIS_HASH;
  await trx
    .insertInto('auditLog')
    .values({ ...row, prevHash, hash: auditHash(prevHash, row) })
    .execute();
}
