import {
  ZIdParams,
  ZWeakOrgCreate,
  ZWeakOrgDecision,
  ZWeakOrgListQuery,
  ZWeakOrgReturn,
  ZWeakOrgUpdate,
} from '@grassroots/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/auth.hook.js';
import type { AppContext } from '../../platform/context.js';
import * as service from './weak-orgs.service.js';

const tags = ['weak-orgs'];

export function weakOrgsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/weak-orgs',
      { schema: { tags, summary: '软弱涣散党组织整顿台账（按状态计数）', querystring: ZWeakOrgListQuery } },
      async (req) => service.listWeakOrgs(ctx, requireActor(req), req.query),
    );
    app.get(
      '/api/weak-orgs/:id',
      { schema: { tags, summary: '整顿记录详情（含办理经过）', params: ZIdParams } },
      async (req) => service.getWeakOrg(ctx, requireActor(req), req.params.id),
    );
    app.post(
      '/api/weak-orgs',
      { schema: { tags, summary: '认定软弱涣散党组织（上级）', body: ZWeakOrgCreate } },
      async (req, reply) => reply.status(201).send(await service.createWeakOrg(ctx, requireActor(req), req.body)),
    );
    app.patch(
      '/api/weak-orgs/:id',
      { schema: { tags, summary: '修改整顿方案与措施', params: ZIdParams, body: ZWeakOrgUpdate } },
      async (req) => service.updateWeakOrg(ctx, requireActor(req), req.params.id, req.body),
    );
    app.post(
      '/api/weak-orgs/:id/submit',
      { schema: { tags, summary: '提交验收', params: ZIdParams, body: ZWeakOrgDecision } },
      async (req) => service.decideWeakOrg(ctx, requireActor(req), req.params.id, 'submit', req.body),
    );
    app.post(
      '/api/weak-orgs/:id/accept',
      { schema: { tags, summary: '验收通过（上级）', params: ZIdParams, body: ZWeakOrgDecision } },
      async (req) => service.decideWeakOrg(ctx, requireActor(req), req.params.id, 'accept', req.body),
    );
    app.post(
      '/api/weak-orgs/:id/return',
      { schema: { tags, summary: '退回整顿（上级，须说明原因）', params: ZIdParams, body: ZWeakOrgReturn } },
      async (req) => service.decideWeakOrg(ctx, requireActor(req), req.params.id, 'return', req.body),
    );
  };
}
