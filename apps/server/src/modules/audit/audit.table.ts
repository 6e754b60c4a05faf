import type { Generated, Selectable } from 'kysely';

// One row per write or PII reveal; each row's hash covers its content and the previous row's hash.
export interface AuditLogTable {
  id: Generated<number>;
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
  prevHash: string;
  hash: string;
}
export type AuditLogRow = Selectable<AuditLogTable>;
