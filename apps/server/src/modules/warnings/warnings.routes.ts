// 预警 over HTTP: the list for an org's subtree (contract of issue 5: counts by kind, items, paging) and its export.
import { WARNING_KINDS, ZIdParams, ZPaging } from '@grassroots/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth/auth.hook.js';
import type { AppContext } from '../../platform/context.js';
import { sendWorkbook } from '../../platform/excel.js';
import * as service from './warnings.service.js';

const tags = ['warnings'];
const zKind = z.enum(WARNING_KINDS, { error: '预警类别无效' }).optional();

export function warningsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/orgs/:id/warnings',
      {
        schema: {
          tags,
          summary: '预警清单：组织及下级应办、到期和逾期的事项，按类别计数',
          params: ZIdParams,
          querystring: ZPaging.extend({ kind: zKind }),
        },
      },
      async (req) => service.listWarnings(ctx, requireActor(req), req.params.id, req.query),
    );
    app.get(
      '/api/orgs/:id/warnings/export',
      {
        schema: {
          tags,
          summary: '导出预警清单（.xlsx，同列表筛选）',
          params: ZIdParams,
          querystring: z.object({ kind: zKind }),
        },
      },
      async (req, reply) => {
        const exp = await service.prepareWarningExport(ctx, requireActor(req), req.params.id, req.query);
        return sendWorkbook(reply, exp.fileName, exp.produce, exp.audit);
      },
    );
  };
}
