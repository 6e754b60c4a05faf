// 组织台账 over HTTP: the import template, the import (multipart upload → 202 with the job), the subtree export.
import fastifyMultipart from '@fastify/multipart';
import { ZIdParams } from '@grassroots/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth/auth.hook.js';
import type { AppContext } from '../../platform/context.js';
import { contentDisposition, sendWorkbook, XLSX_MIME } from '../../platform/excel.js';
import { MAX_UPLOAD_BYTES, receiveXlsxUpload } from '../../platform/uploads.js';
import * as service from './orgs-ledger.service.js';

const tags = ['orgs'];
export const ZImportQuery = z.object({
  mode: z
    .enum(['all-or-nothing'], { error: '导入方式无效（目前只支持 all-or-nothing：全部正确才写入）' })
    .default('all-or-nothing'),
});

export function orgsLedgerRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });

    app.get(
      '/api/orgs/import-template',
      { schema: { tags, summary: '下载组织导入模板（.xlsx）' } },
      async (req, reply) => {
        const buffer = await service.orgTemplate(ctx, requireActor(req));
        return reply
          .header('content-type', XLSX_MIME)
          .header('content-disposition', contentDisposition('组织导入模板.xlsx'))
          .send(buffer);
      },
    );
    app.post(
      '/api/orgs/import',
      {
        schema: {
          tags,
          summary: '导入组织台账（multipart 字段 file，.xlsx；返回 202 和任务，进度见 /api/jobs/:id）',
          querystring: ZImportQuery,
        },
      },
      async (req, reply) =>
        reply
          .status(202)
          .send(await service.startOrgImport(ctx, requireActor(req), () => receiveXlsxUpload(req), req.log)),
    );
    app.get(
      '/api/orgs/:id/export',
      {
        schema: {
          tags,
          summary: '导出组织及下级台账（含党员数，.xlsx）',
          params: ZIdParams,
          querystring: z.object({ includeClosed: z.enum(['true', 'false']).default('false') }),
        },
      },
      async (req, reply) => {
        const exp = await service.prepareOrgExport(
          ctx,
          requireActor(req),
          req.params.id,
          req.query.includeClosed === 'true',
        );
        return sendWorkbook(reply, exp.fileName, exp.produce, exp.audit);
      },
    );
  };
}
