// 党员台账 over HTTP: the import template, the import (multipart upload → 202 with the job), the export of the list
// as filtered on screen.
import fastifyMultipart from '@fastify/multipart';
import { ZMemberListQuery } from '@grassroots/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth/auth.hook.js';
import type { AppContext } from '../../platform/context.js';
import { contentDisposition, sendWorkbook, XLSX_MIME } from '../../platform/excel.js';
import { MAX_UPLOAD_BYTES, receiveXlsxUpload } from '../../platform/uploads.js';
import { ZImportQuery } from '../orgs/orgs-ledger.routes.js';
import * as service from './members-ledger.service.js';

const tags = ['members'];

export function membersLedgerRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });

    app.get(
      '/api/members/import-template',
      { schema: { tags, summary: '下载党员导入模板（.xlsx）' } },
      async (req, reply) => {
        const buffer = await service.memberTemplate(ctx, requireActor(req));
        return reply
          .header('content-type', XLSX_MIME)
          .header('content-disposition', contentDisposition('党员导入模板.xlsx'))
          .send(buffer);
      },
    );
    app.post(
      '/api/members/import',
      {
        schema: {
          tags,
          summary: '导入党员台账（multipart 字段 file，.xlsx；返回 202 和任务，进度见 /api/jobs/:id）',
          querystring: ZImportQuery,
        },
      },
      async (req, reply) =>
        reply
          .status(202)
          .send(await service.startMemberImport(ctx, requireActor(req), () => receiveXlsxUpload(req), req.log)),
    );
    app.get(
      '/api/members/export',
      {
        schema: {
          tags,
          summary: '导出党员台账（与列表相同的筛选和排序，所选列，敏感信息脱敏，.xlsx）',
          querystring: ZMemberListQuery.omit({ page: true, pageSize: true, cursor: true }).extend({
            columns: z.string().max(500, '导出列过多').optional(),
          }),
        },
      },
      async (req, reply) => {
        const exp = await service.prepareMemberExport(ctx, requireActor(req), req.query);
        return sendWorkbook(reply, exp.fileName, exp.produce, exp.audit);
      },
    );
  };
}
