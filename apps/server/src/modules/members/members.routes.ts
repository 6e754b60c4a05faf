import {
  ZIdParams,
  ZMemberCreate,
  ZMemberListQuery,
  ZMemberUpdate,
  ZPaging,
  ZTransferCreate,
  ZTransferDecision,
  ZTransferListQuery,
  zId,
} from '@grassroots/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth/auth.hook.js';
import type { AppContext } from '../../platform/context.js';
import { ROLLUP_DIMENSIONS } from './members.repo.js';
import * as service from './members.service.js';

const tags = ['members'];

export function membersRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/members', { schema: { tags, summary: '党员列表', querystring: ZMemberListQuery } }, async (req) =>
      service.listMembers(ctx, requireActor(req), req.query),
    );
    app.get(
      '/api/members/rollup',
      {
        schema: {
          tags,
          summary: '党员组合条件统计（按一个维度分组）',
          querystring: ZMemberListQuery.omit({ page: true, pageSize: true, sort: true, cursor: true }).extend({
            groupBy: z.enum(ROLLUP_DIMENSIONS, { error: '分组维度无效' }).default('gender'),
          }),
        },
      },
      async (req) => service.rollupMembers(ctx, requireActor(req), req.query),
    );
    app.get(
      '/api/members/:id',
      { schema: { tags, summary: '党员详情（敏感信息脱敏）', params: ZIdParams } },
      async (req) => service.getMember(ctx, requireActor(req), req.params.id),
    );
    app.post('/api/members', { schema: { tags, summary: '新增党员', body: ZMemberCreate } }, async (req, reply) =>
      reply.status(201).send(await service.createMember(ctx, requireActor(req), req.body)),
    );
    app.patch(
      '/api/members/:id',
      { schema: { tags, summary: '修改党员信息', params: ZIdParams, body: ZMemberUpdate } },
      async (req) => service.updateMember(ctx, requireActor(req), req.params.id, req.body),
    );
    app.get(
      '/api/members/:id/transfers',
      { schema: { tags, summary: '党员的组织关系转接记录', params: ZIdParams, querystring: ZPaging } },
      async (req) =>
        service.listMemberTransfers(ctx, requireActor(req), req.params.id, req.query.page, req.query.pageSize),
    );
    app.get(
      '/api/members/:id/history',
      { schema: { tags, summary: '党员信息变更历史', params: ZIdParams, querystring: ZPaging } },
      async (req) =>
        service.getMemberHistory(ctx, requireActor(req), req.params.id, req.query.page, req.query.pageSize),
    );
    app.post(
      '/api/members/:id/reveal',
      { schema: { tags, summary: '查看身份证号码和手机号（留痕）', params: ZIdParams } },
      async (req) => service.revealMemberPii(ctx, requireActor(req), req.params.id),
    );
    app.post(
      '/api/members/:id/transfers',
      { schema: { tags, summary: '发起组织关系转接（转出）', params: ZIdParams, body: ZTransferCreate } },
      async (req, reply) =>
        reply.status(201).send(await service.requestTransfer(ctx, requireActor(req), req.params.id, req.body)),
    );
    app.get(
      '/api/transfers',
      { schema: { tags, summary: '组织关系转接列表', querystring: ZTransferListQuery } },
      async (req) => service.listTransfers(ctx, requireActor(req), req.query),
    );
    app.get('/api/transfers/:id', { schema: { tags, summary: '转接详情', params: ZIdParams } }, async (req) =>
      service.getTransfer(ctx, requireActor(req), req.params.id),
    );
    app.post(
      '/api/transfers/:id/:decision',
      {
        schema: {
          tags,
          summary: '接收、退回或撤销转接',
          params: z.object({ id: zId, decision: z.enum(['accept', 'reject', 'cancel'], { error: '操作无效' }) }),
          body: ZTransferDecision.optional(),
        },
      },
      async (req) =>
        service.decideTransfer(ctx, requireActor(req), req.params.id, req.params.decision, req.body?.reason ?? null),
    );
  };
}
