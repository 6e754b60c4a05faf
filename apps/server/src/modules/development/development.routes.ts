import {
  ZDevelopmentCreate,
  ZDevelopmentListQuery,
  ZDevelopmentPipelineQuery,
  ZDevelopmentStepCreate,
  ZIdParams,
} from '@grassroots/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/auth.hook.js';
import type { AppContext } from '../../platform/context.js';
import * as service from './development.service.js';

const tags = ['development'];

export function developmentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/development',
      { schema: { tags, summary: '发展党员列表（按阶段、到期筛选）', querystring: ZDevelopmentListQuery } },
      async (req) => service.listRecords(ctx, requireActor(req), req.query),
    );
    app.get(
      '/api/development/pipeline',
      { schema: { tags, summary: '发展党员情况：各阶段人数、到期和逾期人数', querystring: ZDevelopmentPipelineQuery } },
      async (req) => service.getPipeline(ctx, requireActor(req), req.query),
    );
    app.post(
      '/api/development',
      { schema: { tags, summary: '登记入党申请', body: ZDevelopmentCreate } },
      async (req, reply) => reply.status(201).send(await service.createRecord(ctx, requireActor(req), req.body)),
    );
    app.get(
      '/api/development/:id',
      { schema: { tags, summary: '发展党员记录及各步骤', params: ZIdParams } },
      async (req) => service.getRecord(ctx, requireActor(req), req.params.id),
    );
    app.get(
      '/api/development/:id/status',
      { schema: { tags, summary: '发展进度：当前阶段、下一步、最早可办日期和期限', params: ZIdParams } },
      async (req) => service.getStatus(ctx, requireActor(req), req.params.id),
    );
    app.post(
      '/api/development/:id/steps',
      {
        schema: {
          tags,
          summary: '办理下一步（不符合规定时返回422、规则代码和最早可办日期 fields.earliestDate）',
          params: ZIdParams,
          body: ZDevelopmentStepCreate,
        },
      },
      async (req, reply) =>
        reply.status(201).send(await service.recordStep(ctx, requireActor(req), req.params.id, req.body)),
    );
  };
}
