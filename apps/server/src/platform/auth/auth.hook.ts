// Every /api request: session cookie → actor; 401 without a live session (unless the route is public);
// 403 without the session's CSRF token on a state-changing request.
import { AppError } from '@grassroots/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../actor.js';
import type { AppContext } from '../context.js';
import { resolveSession, SESSION_COOKIE } from './auth.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    actorOrNull: Actor | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (login, health, OpenAPI). */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actorOrNull) throw new AppError('UNAUTHENTICATED', '请先登录');
  return request.actorOrNull;
}

export function registerAuthHook(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actorOrNull', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const check = await resolveSession(ctx, token, request.ip);
      if (check.ok) {
        request.actorOrNull = check.actor;
        request.csrfToken = check.csrfToken;
      } else {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    }
    if (request.routeOptions.config.public) return;
    if (!request.actorOrNull) {
      throw new AppError('UNAUTHENTICATED', token ? '登录已过期，请重新登录' : '请先登录');
    }
    if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== request.csrfToken) {
      throw new AppError('CSRF_TOKEN_INVALID', '请求缺少有效的安全令牌，请刷新页面后重试');
    }
  });
}
