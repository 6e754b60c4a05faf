import { ZLogin } from '@grassroots/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { requireActor } from './auth.hook.js';
import * as service from './auth.service.js';

export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/auth/login',
      { schema: { tags: ['auth'], summary: '登录', body: ZLogin }, config: { public: true } },
      async (request, reply) => {
        const result = await service.login(ctx, request.body, {
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
          previousToken: request.cookies[service.SESSION_COOKIE] ?? null,
        });
        reply.setCookie(service.SESSION_COOKIE, result.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: ctx.config.cookieSecure,
          expires: new Date(result.expiresAt),
        });
        return { user: result.user, csrfToken: result.csrfToken };
      },
    );

    app.post('/api/auth/logout', { schema: { tags: ['auth'], summary: '退出登录' } }, async (request, reply) => {
      await service.logout(ctx, requireActor(request));
      reply.clearCookie(service.SESSION_COOKIE, { path: '/' });
      return { ok: true };
    });

    app.get('/api/auth/me', { schema: { tags: ['auth'], summary: '当前用户' } }, async (request) => {
      return service.me(requireActor(request), request.csrfToken ?? '');
    });
  };
}
