import {
  ZComplianceQuery,
  ZExemptionCreate,
  ZExemptionListQuery,
  ZIdParams,
  ZMeetingCreate,
  ZMeetingListQuery,
  ZMeetingMembersQuery,
  ZMeetingUpdate,
  ZObligationCreate,
  ZObligationUpdate,
  ZVersionQuery,
} from '@grassroots/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/auth.hook.js';
import type { AppContext } from '../../platform/context.js';
import * as service from './life.service.js';

const tags = ['life'];

export function lifeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/life/meetings',
      { schema: { tags, summary: '会议记录（三会一课等，可按类型、日期、补录筛选）', querystring: ZMeetingListQuery } },
      async (req) => service.listMeetings(ctx, requireActor(req), req.query),
    );
    app.get('/api/life/meetings/:id', { schema: { tags, summary: '会议记录详情', params: ZIdParams } }, async (req) =>
      service.getMeeting(ctx, requireActor(req), req.params.id),
    );
    app.post(
      '/api/life/meetings',
      { schema: { tags, summary: '登记会议（超过30天登记的标记为补录）', body: ZMeetingCreate } },
      async (req, reply) => reply.status(201).send(await service.createMeeting(ctx, requireActor(req), req.body)),
    );
    app.patch(
      '/api/life/meetings/:id',
      { schema: { tags, summary: '修改会议记录', params: ZIdParams, body: ZMeetingUpdate } },
      async (req) => service.updateMeeting(ctx, requireActor(req), req.params.id, req.body),
    );
    app.delete(
      '/api/life/meetings/:id',
      { schema: { tags, summary: '删除会议记录', params: ZIdParams, querystring: ZVersionQuery } },
      async (req, reply) => {
        await service.deleteMeeting(ctx, requireActor(req), req.params.id, req.query.version);
        return reply.status(204).send();
      },
    );
    app.get(
      '/api/orgs/:id/life/members',
      {
        schema: {
          tags,
          summary: '会议日期当天本组织（含所属党小组）的党员，供选择参会人员',
          params: ZIdParams,
          querystring: ZMeetingMembersQuery,
        },
      },
      async (req) => service.listMeetingMembers(ctx, requireActor(req), req.params.id, req.query.date),
    );
    app.get(
      '/api/orgs/:id/life/compliance',
      {
        schema: {
          tags,
          summary: '组织生活完成情况（期间：2026、2026-Q3、2026-07）：按会议类型、下级组织、各党组织',
          params: ZIdParams,
          querystring: ZComplianceQuery,
        },
      },
      async (req) => service.getCompliance(ctx, requireActor(req), req.params.id, req.query),
    );
    app.get(
      '/api/orgs/:id/life/exemptions',
      {
        schema: { tags, summary: '免于考核记录（本组织及下级）', params: ZIdParams, querystring: ZExemptionListQuery },
      },
      async (req) => service.listExemptions(ctx, requireActor(req), req.params.id, req.query),
    );
    app.post(
      '/api/life/exemptions',
      { schema: { tags, summary: '设置免于考核（由上级党组织批准）', body: ZExemptionCreate } },
      async (req, reply) => reply.status(201).send(await service.createExemption(ctx, requireActor(req), req.body)),
    );
    app.delete(
      '/api/life/exemptions/:id',
      { schema: { tags, summary: '撤销免于考核', params: ZIdParams } },
      async (req, reply) => {
        await service.deleteExemption(ctx, requireActor(req), req.params.id);
        return reply.status(204).send();
      },
    );
    app.get('/api/life/obligations', { schema: { tags, summary: '组织生活要求（会议频次）' } }, async (req) =>
      service.listObligations(ctx, requireActor(req)),
    );
    app.post(
      '/api/life/obligations',
      { schema: { tags, summary: '新增组织生活要求（县级组织部门）', body: ZObligationCreate } },
      async (req, reply) => reply.status(201).send(await service.createObligation(ctx, requireActor(req), req.body)),
    );
    app.patch(
      '/api/life/obligations/:id',
      { schema: { tags, summary: '修改组织生活要求（县级组织部门）', params: ZIdParams, body: ZObligationUpdate } },
      async (req) => service.updateObligation(ctx, requireActor(req), req.params.id, req.body),
    );
    app.delete(
      '/api/life/obligations/:id',
      {
        schema: {
          tags,
          summary: '删除组织生活要求（县级组织部门）',
          params: ZIdParams,
          querystring: ZVersionQuery,
        },
      },
      async (req, reply) => {
        await service.deleteObligation(ctx, requireActor(req), req.params.id, req.query.version);
        return reply.status(204).send();
      },
    );
  };
}
