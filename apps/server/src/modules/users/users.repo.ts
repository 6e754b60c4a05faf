import type { Role } from '@grassroots/domain';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { pageOf } from '../../platform/paging.js';
import { updateVersioned } from '../../platform/versioned.js';

export interface GrantInput {
  role: Role;
  orgId: number;
  includeSubtree: boolean;
  validFrom: string | null;
  validTo: string | null;
}

/** Users having at least one grant anchored inside `grantScopeWhere` (a condition on `o.path`). */
export async function findUsers(
  db: Db,
  grantScopeWhere: Expression<SqlBool>,
  q: string | undefined,
  page: number,
  pageSize: number,
) {
  let qb = db
    .selectFrom('users as u')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('userGrants as g')
          .innerJoin('orgs as o', 'o.id', 'g.orgId')
          .select(sql.lit(1).as('one'))
          .whereRef('g.userId', '=', 'u.id')
          .where(grantScopeWhere),
      ),
    );
  if (q) qb = qb.where((eb) => eb.or([eb('u.username', 'like', `%${q}%`), eb('u.name', 'like', `%${q}%`)]));
  return pageOf(
    qb,
    (q) =>
      q
        .select([
          'u.id',
          'u.username',
          'u.name',
          'u.disabled',
          'u.lockedUntil',
          'u.failedLogins',
          'u.lastLoginAt',
          'u.version',
          'u.createdAt',
        ])
        .orderBy('u.username'),
    page,
    pageSize,
  );
}

export function findUserById(db: Db, id: number) {
  return db
    .selectFrom('users')
    .select([
      'id',
      'username',
      'name',
      'disabled',
      'lockedUntil',
      'lastLoginAt',
      'failedLogins',
      'version',
      'createdAt',
      'updatedAt',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findUserByUsername(db: Db, username: string) {
  return db.selectFrom('users').select(['id', 'passwordHash']).where('username', '=', username).executeTakeFirst();
}

export function findPasswordHash(db: Db, id: number) {
  return db.selectFrom('users').select(['passwordHash', 'username']).where('id', '=', id).executeTakeFirst();
}

export function findGrantsOfUsers(db: Db, userIds: number[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('userGrants as g')
    .innerJoin('orgs as o', 'o.id', 'g.orgId')
    .select([
      'g.userId',
      'g.role',
      'g.orgId',
      'o.name as orgName',
      'o.path as orgPath',
      'g.includeSubtree',
      'g.validFrom',
      'g.validTo',
    ])
    .where('g.userId', 'in', userIds)
    .orderBy('g.id')
    .execute();
}

export async function insertUser(
  db: Db,
  row: { username: string; name: string; passwordHash: string; createdAt: string },
) {
  const r = await db
    .insertInto('users')
    .values({ ...row, updatedAt: row.createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function replaceGrants(db: Db, userId: number, grants: GrantInput[]) {
  await db.deleteFrom('userGrants').where('userId', '=', userId).execute();
  if (grants.length === 0) return;
  await db
    .insertInto('userGrants')
    .values(
      grants.map((g) => ({
        userId,
        role: g.role,
        orgId: g.orgId,
        includeSubtree: g.includeSubtree ? 1 : 0,
        validFrom: g.validFrom,
        validTo: g.validTo,
      })),
    )
    .execute();
}

export function updateUserVersioned(
  db: Db,
  id: number,
  version: number,
  patch: {
    name?: string;
    disabled?: number;
    passwordHash?: string;
    lockedUntil?: string | null;
    failedLogins?: number;
    updatedAt: string;
  },
) {
  return updateVersioned(db, 'users', id, version, patch);
}

export function findOrgPathsByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('orgs').select(['id', 'path', 'name']).where('id', 'in', ids).execute();
}

export async function countUsers(db: Db) {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
