import type { Role } from '@grassroots/domain';
import type { Db } from '../../db/database.js';
import type { SessionTable } from './session.table.js';

export function findUserForLogin(db: Db, username: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'name', 'passwordHash', 'disabled', 'failedLogins', 'lockedUntil'])
    .where('username', '=', username)
    .executeTakeFirst();
}

export async function recordLoginFailure(db: Db, userId: number, failedLogins: number, lockedUntil: string | null) {
  await db.updateTable('users').set({ failedLogins, lockedUntil }).where('id', '=', userId).execute();
}

export async function recordLoginSuccess(db: Db, userId: number, at: string) {
  await db
    .updateTable('users')
    .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: at })
    .where('id', '=', userId)
    .execute();
}

/** Grants active on `today`, with their anchor org's path. */
export async function findActiveGrants(db: Db, userId: number, today: string) {
  const rows = await db
    .selectFrom('userGrants as g')
    .innerJoin('orgs as o', 'o.id', 'g.orgId')
    .select([
      'g.role',
      'g.orgId',
      'g.includeSubtree',
      'g.validFrom',
      'g.validTo',
      'o.path as orgPath',
      'o.name as orgName',
    ])
    .where('g.userId', '=', userId)
    .where((eb) => eb.or([eb('g.validFrom', 'is', null), eb('g.validFrom', '<=', today)]))
    .where((eb) => eb.or([eb('g.validTo', 'is', null), eb('g.validTo', '>=', today)]))
    .orderBy('g.id')
    .execute();
  return rows.map((r) => ({ ...r, role: r.role as Role, includeSubtree: r.includeSubtree === 1 }));
}

export async function insertSession(db: Db, session: SessionTable) {
  await db.insertInto('sessions').values(session).execute();
}

export function findSessionWithUser(db: Db, sessionId: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.userId')
    .select(['s.id', 's.userId', 's.csrfToken', 's.lastSeenAt', 's.expiresAt', 'u.username', 'u.name', 'u.disabled'])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}

export async function touchSession(db: Db, sessionId: string, at: string) {
  await db.updateTable('sessions').set({ lastSeenAt: at }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: Db, sessionId: string) {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: number) {
  await db.deleteFrom('sessions').where('userId', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Db, now: string, idleBefore: string) {
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expiresAt', '<=', now), eb('lastSeenAt', '<', idleBefore)]))
    .execute();
}
