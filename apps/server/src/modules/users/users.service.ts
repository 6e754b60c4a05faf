// User management (用户管理): accounts, grants (role at an org), passwords, lock-out.
import { AppError, passwordProblem, ROLE_LABELS, type Role } from '@grassroots/domain';
import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { type AuditWho, recordAudit } from '../../platform/audit.js';
import * as sessions from '../../platform/auth/auth.repo.js';
import { nowIso } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { forbidden, notFound, staleVersion } from '../../platform/errors.js';
import { hashPassword, verifyPassword } from '../../platform/passwords.js';
import { isPathInScope, type Scope, scopeOf, whereInScope } from '../../platform/scope.js';
import * as repo from './users.repo.js';

const USER = '用户';

function assertPassword(password: string, username: string, field = 'password') {
  const problem = passwordProblem(password, username);
  if (problem) throw new AppError('PASSWORD_TOO_WEAK', problem, { [field]: problem });
}

async function withGrants<T extends { id: number }>(ctx: AppContext, users: T[]) {
  const grants = await repo.findGrantsOfUsers(
    ctx.db,
    users.map((u) => u.id),
  );
  return users.map((u) => ({
    ...u,
    grants: grants
      .filter((g) => g.userId === u.id)
      .map(({ userId, orgPath, includeSubtree, ...g }) => ({
        ...g,
        roleLabel: ROLE_LABELS[g.role as Role],
        includeSubtree: includeSubtree === 1,
      })),
  }));
}

export async function listUsers(
  ctx: AppContext,
  actor: Actor,
  q: { q?: string | undefined; page: number; pageSize: number },
) {
  const scope = scopeOf(actor, 'users:read');
  const { items, total } = await repo.findUsers(ctx.db, whereInScope(scope, 'o.path'), q.q, q.page, q.pageSize);
  return { items: await withGrants(ctx, items), total, page: q.page, pageSize: q.pageSize };
}

/** A user is managed by whoever's scope covers every one of that user's grants. */
async function getManagedUser(ctx: AppContext, actor: Actor, id: number, permission: 'users:read' | 'users:manage') {
  const user = await repo.findUserById(ctx.db, id);
  const grants = user ? await repo.findGrantsOfUsers(ctx.db, [id]) : [];
  const scope = scopeOf(actor, permission);
  const visible = grants.some((g) => isPathInScope(scope, g.orgPath));
  if (!user || !visible) throw notFound(USER);
  if (permission === 'users:manage' && !grants.every((g) => isPathInScope(scope, g.orgPath))) {
    throw forbidden('该用户拥有超出您管辖范围的授权，不能由您管理');
  }
  return user;
}

export async function getUser(ctx: AppContext, actor: Actor, id: number) {
  const user = await getManagedUser(ctx, actor, id, 'users:read');
  return (await withGrants(ctx, [user]))[0]!;
}

async function checkGrants(ctx: AppContext, actor: Actor, scope: Scope, grants: repo.GrantInput[]) {
  const orgs = await repo.findOrgPathsByIds(
    ctx.db,
    grants.map((g) => g.orgId),
  );
  grants.forEach((g, i) => {
    const org = orgs.find((o) => o.id === g.orgId);
    if (!org || !isPathInScope(scope, org.path)) {
      throw new AppError('VALIDATION_FAILED', '授权组织不存在或不在您的管辖范围内', {
        [`grants.${i}.orgId`]: '授权组织不存在或不在您的管辖范围内',
      });
    }
    if (g.role === 'system_admin' && !actor.grants.some((a) => a.role === 'system_admin')) {
      throw new AppError('FORBIDDEN', '只有系统管理员可以授予系统管理员角色', {
        [`grants.${i}.role`]: '只有系统管理员可以授予此角色',
      });
    }
  });
}

export async function createUser(
  ctx: AppContext,
  actor: Actor,
  input: { username: string; name: string; password: string; grants: repo.GrantInput[] },
) {
  const scope = scopeOf(actor, 'users:manage');
  await checkGrants(ctx, actor, scope, input.grants);
  const id = await createUserUnchecked(ctx, actor, input);
  return getUser(ctx, actor, id);
}

/** Creates a user without a scope check: for the CLI (first admin) and the demo seed. */
export async function createUserUnchecked(
  ctx: AppContext,
  who: AuditWho,
  input: { username: string; name: string; password: string; grants: repo.GrantInput[] },
): Promise<number> {
  assertPassword(input.password, input.username);
  if (await repo.findUserByUsername(ctx.db, input.username)) {
    throw new AppError('USERNAME_DUPLICATE', '用户名已存在', { username: '用户名已存在' });
  }
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertUser(trx, {
      username: input.username,
      name: input.name,
      passwordHash,
      createdAt: nowIso(),
    });
    await repo.replaceGrants(trx, id, input.grants);
    await recordAudit(trx, who, {
      action: 'create',
      entity: 'user',
      entityId: id,
      orgPath: null,
      after: { username: input.username, name: input.name, grants: input.grants },
    });
    return id;
  });
}

export async function updateUser(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: {
    name?: string | undefined;
    disabled?: boolean | undefined;
    grants?: repo.GrantInput[] | undefined;
    version: number;
  },
) {
  const user = await getManagedUser(ctx, actor, id, 'users:manage');
  if (user.version !== input.version) throw staleVersion(USER, user);
  if (id === actor.userId && input.disabled)
    throw new AppError('BUSINESS_RULE', '不能停用自己的账户', { disabled: '不能停用自己的账户' });
  if (input.grants) await checkGrants(ctx, actor, scopeOf(actor, 'users:manage'), input.grants);
  const before = (await withGrants(ctx, [user]))[0]!;
  await ctx.db.transaction().execute(async (trx) => {
    const ok = await repo.updateUserVersioned(trx, id, input.version, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.disabled !== undefined ? { disabled: input.disabled ? 1 : 0 } : {}),
      updatedAt: nowIso(),
    });
    if (!ok) throw staleVersion(USER, user);
    if (input.grants) await repo.replaceGrants(trx, id, input.grants);
    if (input.disabled) await sessions.deleteSessionsOfUser(trx, id);
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'user',
      entityId: id,
      orgPath: null,
      before: { name: before.name, disabled: before.disabled === 1, grants: before.grants },
      after: {
        name: input.name ?? before.name,
        disabled: input.disabled ?? before.disabled === 1,
        grants: input.grants ?? before.grants,
      },
    });
  });
  return getUser(ctx, actor, id);
}

export async function resetPassword(ctx: AppContext, actor: Actor, id: number, password: string) {
  const user = await getManagedUser(ctx, actor, id, 'users:manage');
  assertPassword(password, user.username);
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateUserVersioned(trx, id, user.version, {
      passwordHash,
      failedLogins: 0,
      lockedUntil: null,
      updatedAt: nowIso(),
    });
    await sessions.deleteSessionsOfUser(trx, id);
    await recordAudit(trx, actor, { action: 'reset_password', entity: 'user', entityId: id, orgPath: null });
  });
  return { ok: true };
}

export async function unlockUser(ctx: AppContext, actor: Actor, id: number) {
  const user = await getManagedUser(ctx, actor, id, 'users:manage');
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateUserVersioned(trx, id, user.version, { failedLogins: 0, lockedUntil: null, updatedAt: nowIso() });
    await recordAudit(trx, actor, { action: 'unlock', entity: 'user', entityId: id, orgPath: null });
  });
  return getUser(ctx, actor, id);
}

export async function changeOwnPassword(ctx: AppContext, actor: Actor, oldPassword: string, newPassword: string) {
  const row = await repo.findPasswordHash(ctx.db, actor.userId);
  if (!row || !(await verifyPassword(oldPassword, row.passwordHash))) {
    throw new AppError('VALIDATION_FAILED', '原密码错误', { oldPassword: '原密码错误' });
  }
  assertPassword(newPassword, row.username, 'newPassword');
  const passwordHash = await hashPassword(newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ passwordHash, updatedAt: nowIso(), version: sql`version + 1` })
      .where('id', '=', actor.userId)
      .execute();
    await recordAudit(trx, actor, { action: 'change_password', entity: 'user', entityId: actor.userId, orgPath: null });
  });
  return { ok: true };
}

export { countUsers } from './users.repo.js';
