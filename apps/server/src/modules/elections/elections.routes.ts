import { ZElectionCreate, ZElectionListQuery, ZIdParams } from '@grassroots/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/auth.hook.js';
import type { AppContext } from '../../platform/context.js';
import * as service from './elections.service.js';

const tags = ['elections'];

export function electionsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/orgs/:id/elections',
      { schema: { tags, summary: '换届选举记录（最近的在前）', params: ZIdParams, querystring: ZElectionListQuery } },
      async (req) => service.listElections(ctx, requireActor(req), req.params.id, req.query),
    );
    app.post(
      '/api/orgs/:id/elections',
      { schema: { tags, summary: '登记换届选举并开始新一届任期', params: ZIdParams, body: ZElectionCreate } },
      async (req, reply) =>
        reply.status(201).send(await service.recordElection(ctx, requireActor(req), req.params.id, req.body)),
    );
  };
}
