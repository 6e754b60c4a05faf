import { ZIdParams, ZOrgClose, ZOrgCreate, ZOrgMove, ZOrgSearch, ZOrgUpdate } from '@grassroots/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth/auth.hook.js';
import type { AppContext } from '../../platform/context.js';
import * as service from './orgs.service.js';

const tags = ['orgs'];

export function orgsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/orgs/roots', { schema: { tags, summary: '我可查看的组织树顶层' } }, async (req) =>
      service.listRoots(ctx, requireActor(req)),
    );
    app.get(
      '/api/orgs/search',
      { schema: { tags, summary: '按名称或拼音首字母搜索组织', querystring: ZOrgSearch } },
      async (req) => service.searchOrgs(ctx, requireActor(req), req.query.q, req.query.limit),
    );
    app.get(
      '/api/orgs/transfer-targets',
      { schema: { tags, summary: '组织关系转接的目标组织', querystring: ZOrgSearch } },
      async (req) => service.searchTransferTargets(ctx, requireActor(req), req.query.q, req.query.limit),
    );
    app.get('/api/orgs/:id', { schema: { tags, summary: '组织详情', params: ZIdParams } }, async (req) =>
      service.getOrgDetail(ctx, requireActor(req), req.params.id),
    );
    app.get(
      '/api/orgs/:id/children',
      {
        schema: {
          tags,
          summary: '下级组织（含党员数）',
          params: ZIdParams,
          querystring: z.object({ includeClosed: z.enum(['true', 'false']).default('false') }),
        },
      },
      async (req) => service.listChildren(ctx, requireActor(req), req.params.id, req.query.includeClosed === 'true'),
    );
    app.get(
      '/api/orgs/:id/stats',
      { schema: { tags, summary: '组织及下级的党员与组织统计', params: ZIdParams } },
      async (req, reply) =>
        reply
          .type('application/json; charset=utf-8')
          .send(await service.getOrgStatsJson(ctx, requireActor(req), req.params.id)),
    );
    app.post('/api/orgs', { schema: { tags, summary: '新建组织', body: ZOrgCreate } }, async (req, reply) =>
      reply.status(201).send(await service.createOrg(ctx, requireActor(req), req.body)),
    );
    app.patch(
      '/api/orgs/:id',
      { schema: { tags, summary: '修改组织', params: ZIdParams, body: ZOrgUpdate } },
      async (req) => service.updateOrg(ctx, requireActor(req), req.params.id, req.body),
    );
    app.post(
      '/api/orgs/:id/move',
      { schema: { tags, summary: '调整隶属关系', params: ZIdParams, body: ZOrgMove } },
      async (req) => service.moveOrg(ctx, requireActor(req), req.params.id, req.body),
    );
    app.post(
      '/api/orgs/:id/close',
      { schema: { tags, summary: '撤销组织', params: ZIdParams, body: ZOrgClose } },
      async (req) => service.closeOrg(ctx, requireActor(req), req.params.id, req.body),
    );
  };
}
