import { ZAuditListQuery } from '@grassroots/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/auth.hook.js';
import type { AppContext } from '../../platform/context.js';
import * as service from './audit.service.js';

const tags = ['audit'];

export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/audit', { schema: { tags, summary: '审计日志', querystring: ZAuditListQuery } }, async (req) =>
      service.listAudit(ctx, requireActor(req), req.query),
    );
    app.get('/api/audit/verify', { schema: { tags, summary: '校验审计日志哈希链' } }, async (req) =>
      service.verifyChainFor(ctx, requireActor(req)),
    );
  };
}
