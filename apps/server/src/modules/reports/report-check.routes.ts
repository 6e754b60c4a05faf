// 材料核数 over HTTP: check a pasted report (POST /api/reports/check) or an uploaded .txt/.docx (…/upload), and the
// phrase dictionary users extend (/api/metric-phrases).
import fastifyMultipart from '@fastify/multipart';
import {
  REPORT_CHECK_MAX_UPLOAD_BYTES,
  ZIdParams,
  ZMetricPhraseCreate,
  ZMetricPhraseListQuery,
  ZReportCheck,
  ZReportCheckUploadQuery,
} from '@grassroots/domain';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/auth.hook.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import * as service from './report-check.service.js';

const tags = ['reports'];
const MAX_MB = REPORT_CHECK_MAX_UPLOAD_BYTES / 1024 / 1024;

/** The multipart field `file`, whole (a report is small); 413 over the limit. */
async function receiveReportFile(req: FastifyRequest): Promise<{ fileName: string; bytes: Buffer }> {
  if (!req.isMultipart()) throw new AppError('BAD_REQUEST', '请以表单方式上传文件（字段名 file）');
  try {
    const part = await req.file();
    if (part?.fieldname !== 'file') throw new AppError('BAD_REQUEST', '请选择要核对的汇报材料（字段名 file）');
    return { fileName: part.filename || '汇报材料', bytes: await part.toBuffer() };
  } catch (err) {
    if (err instanceof AppError) throw err;
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('PAYLOAD_TOO_LARGE', `文件过大：汇报材料不能超过 ${MAX_MB} MB`);
    }
    throw new AppError('BAD_REQUEST', '文件上传不完整，请重新上传');
  }
}

export function reportCheckRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(fastifyMultipart, { limits: { fileSize: REPORT_CHECK_MAX_UPLOAD_BYTES, files: 1 } });

    app.post(
      '/api/reports/check',
      { schema: { tags, summary: '材料核数：核对汇报材料中的数字', body: ZReportCheck } },
      async (req) => service.checkReport(ctx, requireActor(req), req.body),
    );
    app.post(
      '/api/reports/check/upload',
      {
        schema: {
          tags,
          summary: `材料核数：上传汇报材料核对（multipart 字段 file；.txt 或 .docx，不超过 ${MAX_MB} MB）`,
          querystring: ZReportCheckUploadQuery,
        },
      },
      async (req) => {
        const actor = requireActor(req);
        return service.checkUploadedReport(ctx, actor, req.query, await receiveReportFile(req));
      },
    );
    app.get(
      '/api/metric-phrases',
      { schema: { tags, summary: '核数说法（用户补充的“说法 → 指标”对应）', querystring: ZMetricPhraseListQuery } },
      async (req) => service.listMetricPhrases(ctx, requireActor(req), req.query),
    );
    app.post(
      '/api/metric-phrases',
      { schema: { tags, summary: '新增核数说法', body: ZMetricPhraseCreate } },
      async (req, reply) => reply.status(201).send(await service.createMetricPhrase(ctx, requireActor(req), req.body)),
    );
    app.delete(
      '/api/metric-phrases/:id',
      { schema: { tags, summary: '删除核数说法', params: ZIdParams } },
      async (req, reply) => {
        await service.deleteMetricPhrase(ctx, requireActor(req), req.params.id);
        return reply.status(204).send();
      },
    );
  };
}
