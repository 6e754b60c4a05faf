import fastifyMultipart from '@fastify/multipart';
import {
  DUES_CATEGORIES,
  duesRate,
  ZDuesArrearsQuery,
  ZDuesBaseCreate,
  ZDuesBaseUpdate,
  ZDuesFiguresQuery,
  ZDuesPaymentCreate,
  ZDuesPaymentUpdate,
  ZIdParams,
  ZVersionQuery,
} from '@grassroots/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth/auth.hook.js';
import type { AppContext } from '../../platform/context.js';
import { contentDisposition, XLSX_MIME } from '../../platform/excel.js';
import { MAX_UPLOAD_BYTES, receiveXlsxUpload } from '../../platform/uploads.js';
import { ZImportQuery } from '../orgs/orgs-ledger.routes.js';
import * as service from './dues.service.js';
import * as ledger from './dues-ledger.service.js';

const tags = ['dues'];

// 党费 (2008 rules): the monthly amount for a category and base. Pure rule, no records: any logged-in user.
const ZDuesRateQuery = z.object({
  category: z.enum(DUES_CATEGORIES, {
    error: '党员类别应为 employed、retired、farmer、student、unemployed 或 hardship',
  }),
  base: z.coerce
    .number({ error: '计算基数应为数字（元）' })
    .min(0, '计算基数不能为负')
    .max(100_000_000, '计算基数过大')
    .optional(),
});

export function duesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });

    app.get(
      '/api/dues/rate',
      { schema: { tags, summary: '按2008年党费规定计算月交纳额', querystring: ZDuesRateQuery } },
      async (req) => {
        requireActor(req);
        return duesRate(req.query.category, req.query.base ?? null);
      },
    );

    app.get(
      '/api/dues/members/:id',
      { schema: { tags, summary: '党员的党费：基数历史、逐月应交与已交、交纳记录、欠缴', params: ZIdParams } },
      async (req) => service.getMemberDues(ctx, requireActor(req), req.params.id),
    );
    app.post(
      '/api/dues/members/:id/bases',
      {
        schema: {
          tags,
          summary: '登记党费基数（自起始月份起按新基数计算，之前月份不变）',
          params: ZIdParams,
          body: ZDuesBaseCreate,
        },
      },
      async (req, reply) =>
        reply.status(201).send(await service.createBase(ctx, requireActor(req), req.params.id, req.body)),
    );
    app.put(
      '/api/dues/bases/:id',
      { schema: { tags, summary: '更正党费基数', params: ZIdParams, body: ZDuesBaseUpdate } },
      async (req) => service.updateBase(ctx, requireActor(req), req.params.id, req.body),
    );

    app.post(
      '/api/dues/payments',
      {
        schema: {
          tags,
          summary: '登记党费交纳（可一次交纳多个月：预交、补交；同一党员同一月份只能登记一次）',
          body: ZDuesPaymentCreate,
        },
      },
      async (req, reply) => reply.status(201).send(await service.recordPayment(ctx, requireActor(req), req.body)),
    );
    app.patch(
      '/api/dues/payments/:id',
      { schema: { tags, summary: '修改党费交纳记录', params: ZIdParams, body: ZDuesPaymentUpdate } },
      async (req) => service.updatePayment(ctx, requireActor(req), req.params.id, req.body),
    );
    app.delete(
      '/api/dues/payments/:id',
      {
        schema: { tags, summary: '冲销误登的交纳记录', params: ZIdParams, querystring: ZVersionQuery },
      },
      async (req, reply) => {
        await service.deletePayment(ctx, requireActor(req), req.params.id, req.query.version);
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/dues/figures',
      {
        schema: {
          tags,
          summary: '党费收缴情况：组织及各下级的应缴/实缴金额和人数（按月或按年）',
          querystring: ZDuesFiguresQuery,
        },
      },
      async (req) => service.getFigures(ctx, requireActor(req), req.query),
    );
    app.get(
      '/api/dues/arrears',
      { schema: { tags, summary: '欠缴党费名单（连续6个月及以上标记）', querystring: ZDuesArrearsQuery } },
      async (req) => service.listArrears(ctx, requireActor(req), req.query),
    );

    app.get(
      '/api/dues/import-template',
      { schema: { tags, summary: '下载党费交纳导入模板（.xlsx）' } },
      async (req, reply) => {
        const buffer = await ledger.paymentTemplate(requireActor(req));
        return reply
          .header('content-type', XLSX_MIME)
          .header('content-disposition', contentDisposition('党费交纳导入模板.xlsx'))
          .send(buffer);
      },
    );
    app.post(
      '/api/dues/import',
      {
        schema: {
          tags,
          summary: '导入党费交纳记录（multipart 字段 file，.xlsx；返回 202 和任务，进度见 /api/jobs/:id）',
          querystring: ZImportQuery,
        },
      },
      async (req, reply) =>
        reply
          .status(202)
          .send(await ledger.startPaymentImport(ctx, requireActor(req), () => receiveXlsxUpload(req), req.log)),
    );
  };
}
