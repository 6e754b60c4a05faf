// Login, logout and turning a session cookie into an Actor. Sessions live in the database.

import { createHash, randomBytes } from 'node:crypto';
import { AppError, ROLE_LABELS, type TLogin } from '@grassroots/domain';
import { dataGeneration } from '../../db/database.js';
import type { Actor, ActorGrant } from '../actor.js';
import { recordAudit } from '../audit.js';
import { nowIso, today } from '../clock.js';
import type { AppContext } from '../context.js';
import { hashPassword, verifyPassword } from '../passwords.js';
import { ReadCache } from '../read-cache.js';
import * as repo from './auth.repo.js';

export const SESSION_COOKIE = 'grs_session';
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
const IP_WINDOW_MS = 10 * 60_000;
const IP_MAX_FAILURES = 30;

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// Failed logins per address in a sliding window, so one address cannot try many accounts.
const failuresByIp = new Map<string, number[]>();
function recentFailures(ip: string, now: number): number[] {
  const list = (failuresByIp.get(ip) ?? []).filter((t) => now - t < IP_WINDOW_MS);
  failuresByIp.set(ip, list);
  return list;
}
export function resetLoginThrottle(): void {
  failuresByIp.clear();
}

// Compared against when the username is unknown, so timing does not tell which usernames exist.
let dummyHash: Promise<string> | null = null;

export interface LoginMeta {
  ip: string | null;
  userAgent: string | null;
  /** The session the browser presented, ended on login (session rotation). */
  previousToken: string | null;
}

export interface LoginUser {
  id: number;
  username: string;
  name: string;
  grants: Array<{
    role: ActorGrant['role'];
    roleLabel: string;
    orgId: number;
    orgName: string;
    includeSubtree: boolean;
    validFrom: string | null;
    validTo: string | null;
  }>;
}

/** The shape login and /me answer with (the contract, plus labels for the UI). */
export function loginUserOf(
  user: { id: number; username: string; name: string },
  grants: Array<Omit<LoginUser['grants'][number], 'roleLabel'>>,
): LoginUser {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    grants: grants.map(({ role, orgId, orgName, includeSubtree, validFrom, validTo }) => ({
      role,
      roleLabel: ROLE_LABELS[role],
      orgId,
      orgName,
      includeSubtree,
      validFrom,
      validTo,
    })),
  };
}

export async function login(ctx: AppContext, input: TLogin, meta: LoginMeta) {
  const ip = meta.ip ?? 'unknown';
  const nowMs = Date.now();
  if (recentFailures(ip, nowMs).length >= IP_MAX_FAILURES) {
    throw new AppError('TOO_MANY_REQUESTS', '登录失败次数过多，请10分钟后再试');
  }
  // Every refused login of an account is audited with its reason; only a wrong password or an unknown username
  // counts towards the address's throttle (a locked, disabled or grant-less account gives nothing away).
  const fail = async (
    userId: number | null,
    reason: 'password' | 'unknown_user' | 'locked' | 'disabled' | 'no_grants',
  ) => {
    if (reason === 'password' || reason === 'unknown_user') recentFailures(ip, nowMs).push(nowMs);
    await recordAudit(
      ctx.db,
      { userId, username: input.username, ip: meta.ip },
      {
        action: 'login_failed',
        entity: 'session',
        entityId: null,
        orgPath: null,
        after: { reason },
      },
    );
  };
  const user = await repo.findUserForLogin(ctx.db, input.username);
  if (!user) {
    dummyHash ??= hashPassword('not-a-real-password');
    await verifyPassword(input.password, await dummyHash);
    await fail(null, 'unknown_user');
    throw new AppError('INVALID_CREDENTIALS', '用户名或密码错误');
  }
  const now = nowIso();
  if (user.lockedUntil !== null && user.lockedUntil > now) {
    await fail(user.id, 'locked');
    throw new AppError(
      'ACCOUNT_LOCKED',
      `连续登录失败次数过多，账户已锁定，请${LOCK_MINUTES}分钟后再试或联系管理员解锁`,
    );
  }
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    const failed = user.failedLogins + 1;
    const lockedUntil = failed >= MAX_FAILED_LOGINS ? new Date(nowMs + LOCK_MINUTES * 60_000).toISOString() : null;
    await repo.recordLoginFailure(ctx.db, user.id, lockedUntil ? 0 : failed, lockedUntil);
    await fail(user.id, 'password');
    if (lockedUntil) {
      throw new AppError('ACCOUNT_LOCKED', `连续${MAX_FAILED_LOGINS}次密码错误，账户已锁定${LOCK_MINUTES}分钟`);
    }
    throw new AppError('INVALID_CREDENTIALS', `用户名或密码错误（再错${MAX_FAILED_LOGINS - failed}次将锁定账户）`);
  }
  if (user.disabled === 1) {
    await fail(user.id, 'disabled');
    throw new AppError('USER_DISABLED', '账户已停用，请联系管理员');
  }

  const grants = await repo.findActiveGrants(ctx.db, user.id, today());
  if (grants.length === 0) {
    await fail(user.id, 'no_grants');
    throw new AppError('FORBIDDEN', '账户当前没有有效的授权，请联系管理员');
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(nowMs + ctx.config.sessionAbsoluteHours * 3600_000).toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    if (meta.previousToken) await repo.deleteSession(trx, sessionIdOf(meta.previousToken));
    await repo.recordLoginSuccess(trx, user.id, now);
    await repo.insertSession(trx, {
      id: sessionIdOf(token),
      userId: user.id,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    await recordAudit(
      trx,
      { userId: user.id, username: user.username, ip: meta.ip },
      {
        action: 'login',
        entity: 'session',
        entityId: null,
        orgPath: null,
      },
    );
  });
  return { user: loginUserOf(user, grants), csrfToken, token, expiresAt };
}

export async function logout(ctx: AppContext, actor: Actor): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, actor.sessionId);
    await recordAudit(trx, actor, { action: 'logout', entity: 'session', entityId: null, orgPath: null });
  });
}

export type SessionCheck =
  | { ok: true; actor: Actor; csrfToken: string }
  | { ok: false; reason: 'missing' | 'expired' | 'disabled' | 'no_grants' };

const TOUCH_INTERVAL_MS = 60_000;

/**
 * A live session as the last database read found it, by cookie token (so a hit needs no hash). Kept for
 * SESSION_CACHE_MS and dropped by any write this process commits (logout, a user disabled, a password reset, grants
 * changed…: platform/read-cache.ts), so in this process such a change holds from the next request; another process
 * (a second server on PostgreSQL) sees it within SESSION_CACHE_MS, and a grant's validity dates apply at most that
 * long after midnight.
 */
interface LiveSession {
  sessionId: string;
  userId: number;
  username: string;
  name: string;
  csrfToken: string;
  grants: ActorGrant[];
  lastSeenMs: number;
  expiresMs: number;
}

export const SESSION_CACHE_MS = 5_000;
const liveSessions = new ReadCache<LiveSession>(SESSION_CACHE_MS, 10_000);

function sessionCheck(s: LiveSession, ip: string | null): SessionCheck {
  return {
    ok: true,
    csrfToken: s.csrfToken,
    actor: { userId: s.userId, username: s.username, name: s.name, grants: s.grants, ip, sessionId: s.sessionId },
  };
}

export async function resolveSession(ctx: AppContext, token: string, ip: string | null): Promise<SessionCheck> {
  const nowMs = Date.now();
  const idleLimit = nowMs - ctx.config.sessionIdleMinutes * 60_000;
  const cached = liveSessions.get(ctx.db, token);
  // A session due for its last-seen write, or near a timeout, takes the database path below.
  if (
    cached &&
    cached.expiresMs > nowMs &&
    cached.lastSeenMs >= idleLimit &&
    nowMs - cached.lastSeenMs <= TOUCH_INTERVAL_MS
  ) {
    return sessionCheck(cached, ip);
  }
  const id = sessionIdOf(token);
  const generation = dataGeneration();
  const session = await repo.findSessionWithUser(ctx.db, id);
  if (!session) return { ok: false, reason: 'missing' };
  if (session.expiresAt <= new Date(nowMs).toISOString() || Date.parse(session.lastSeenAt) < idleLimit) {
    await repo.deleteSession(ctx.db, session.id);
    return { ok: false, reason: 'expired' };
  }
  if (session.disabled === 1) return { ok: false, reason: 'disabled' };
  const grants = await repo.findActiveGrants(ctx.db, session.userId, today());
  if (grants.length === 0) return { ok: false, reason: 'no_grants' };
  const live: LiveSession = {
    sessionId: session.id,
    userId: session.userId,
    username: session.username,
    name: session.name,
    csrfToken: session.csrfToken,
    grants,
    lastSeenMs: Date.parse(session.lastSeenAt),
    expiresMs: Date.parse(session.expiresAt),
  };
  if (nowMs - live.lastSeenMs > TOUCH_INTERVAL_MS) {
    // This write moves the generation, so the session is cached from its next request on.
    await repo.touchSession(ctx.db, session.id, new Date(nowMs).toISOString());
  } else {
    liveSessions.set(ctx.db, token, live, generation);
  }
  return sessionCheck(live, ip);
}

export function me(actor: Actor, csrfToken: string): { user: LoginUser; csrfToken: string } {
  return {
    user: loginUserOf({ id: actor.userId, username: actor.username, name: actor.name }, actor.grants),
    csrfToken,
  };
}
