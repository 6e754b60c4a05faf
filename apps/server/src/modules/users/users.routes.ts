import {
  ZIdParams,
  ZPasswordChange,
  ZPasswordReset,
  ZUserCreate,
  ZUserListQuery,
  ZUserUpdate,
} from '@grassroots/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/auth.hook.js';
import type { AppContext } from '../../platform/context.js';
import * as service from './users.service.js';

const tags = ['users'];

export function usersRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/users', { schema: { tags, summary: '用户列表', querystring: ZUserListQuery } }, async (req) =>
      service.listUsers(ctx, requireActor(req), req.query),
    );
    app.get('/api/users/:id', { schema: { tags, summary: '用户详情', params: ZIdParams } }, async (req) =>
      service.getUser(ctx, requireActor(req), req.params.id),
    );
    app.post('/api/users', { schema: { tags, summary: '新建用户', body: ZUserCreate } }, async (req, reply) =>
      reply.status(201).send(await service.createUser(ctx, requireActor(req), req.body)),
    );
    app.patch(
      '/api/users/:id',
      { schema: { tags, summary: '修改用户（姓名、停用、授权）', params: ZIdParams, body: ZUserUpdate } },
      async (req) => service.updateUser(ctx, requireActor(req), req.params.id, req.body),
    );
    app.post(
      '/api/users/:id/password',
      { schema: { tags, summary: '重置密码', params: ZIdParams, body: ZPasswordReset } },
      async (req) => service.resetPassword(ctx, requireActor(req), req.params.id, req.body.password),
    );
    app.post('/api/users/:id/unlock', { schema: { tags, summary: '解除锁定', params: ZIdParams } }, async (req) =>
      service.unlockUser(ctx, requireActor(req), req.params.id),
    );
    app.post(
      '/api/auth/password',
      { schema: { tags: ['auth'], summary: '修改本人密码', body: ZPasswordChange } },
      async (req) => service.changeOwnPassword(ctx, requireActor(req), req.body.oldPassword, req.body.newPassword),
    );
  };
}
