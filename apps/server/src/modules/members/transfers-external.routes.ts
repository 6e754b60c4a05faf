import { ZIdParams, ZTransferIn, ZTransferOut } from '@grassroots/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/auth.hook.js';
import type { AppContext } from '../../platform/context.js';
import * as service from './transfers-external.service.js';

const tags = ['members'];

export function transfersExternalRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/members/:id/transfer-out',
      { schema: { tags, summary: '组织关系转出系统外（凭介绍信）', params: ZIdParams, body: ZTransferOut } },
      async (req, reply) =>
        reply.status(201).send(await service.transferOut(ctx, requireActor(req), req.params.id, req.body)),
    );
    app.post(
      '/api/transfers/external-in',
      { schema: { tags, summary: '从系统外转入党员（凭介绍信）', body: ZTransferIn } },
      async (req, reply) => reply.status(201).send(await service.transferIn(ctx, requireActor(req), req.body)),
    );
  };
}
