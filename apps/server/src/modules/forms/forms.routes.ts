// 统计表 (一表通) over HTTP. A form is addressed by `:key`: a stored form's numeric id (`/api/forms/12`) or a built-in
// form's key (`/api/forms/members-basic`); writes take stored forms only. Filling and exports are reads (stats:read);
// defining, editing and archiving need forms:write over the owner org.
import fastifyMultipart from '@fastify/multipart';
import {
  AppError,
  ZFormArchive,
  ZFormCreate,
  ZFormExportQuery,
  ZFormFillQuery,
  ZFormKeyParams,
  ZFormListQuery,
  ZFormPreview,
  ZFormUpdate,
  zId,
} from '@grassroots/domain';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth/auth.hook.js';
import type { AppContext } from '../../platform/context.js';
import { contentDisposition, XLSX_MIME } from '../../platform/excel.js';
import * as service from './forms.service.js';
import { prepareFormExport } from './forms-export.service.js';
import { fillForm, previewForm } from './forms-fill.service.js';
import { MAX_TEMPLATE_BYTES } from './forms-template.js';

const tags = ['forms'];
const ZIdKey = z.object({ key: zId });
const NOT_XLSX = '只能上传 .xlsx 格式的Excel模板（WPS、Excel 2007 及以上版本另存为 .xlsx）';
const TOO_LARGE = `模板文件不能超过 ${MAX_TEMPLATE_BYTES / 1024 / 1024} MB`;

/** The uploaded template (multipart field `file`): an .xlsx by name and by its zip signature. */
async function receiveTemplate(req: FastifyRequest): Promise<{ fileName: string; content: Buffer }> {
  if (!req.isMultipart()) throw new AppError('BAD_REQUEST', '请以表单方式上传文件（字段名 file）');
  let fileName: string;
  let content: Buffer;
  try {
    const part = await req.file();
    if (part?.fieldname !== 'file') throw new AppError('BAD_REQUEST', '请选择要上传的模板（字段名 file）');
    fileName = part.filename || '统计表模板.xlsx';
    content = await part.toBuffer();
  } catch (err) {
    if (err instanceof AppError) throw err;
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError('PAYLOAD_TOO_LARGE', TOO_LARGE);
    throw new AppError('BAD_REQUEST', '文件上传不完整，请重新上传');
  }
  const zip = content.length >= 4 && content.readUInt32BE(0) === 0x504b0304;
  if (!/\.xlsx$/i.test(fileName) || !zip) throw new AppError('BAD_REQUEST', NOT_XLSX, { file: NOT_XLSX });
  return { fileName, content };
}

export function formsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(fastifyMultipart, { limits: { fileSize: MAX_TEMPLATE_BYTES, files: 1 } });

    app.get(
      '/api/forms',
      { schema: { tags, summary: '统计表（本级及上级制定、下级制定的），分页', querystring: ZFormListQuery } },
      async (req) => service.listForms(ctx, requireActor(req), req.query),
    );
    app.get('/api/forms/built-in', { schema: { tags, summary: '内置统计表（党内统计表式）' } }, async (req) =>
      service.listBuiltInForms(requireActor(req)),
    );
    app.post(
      '/api/forms',
      { schema: { tags, summary: '制定统计表（每个公式须可解析、指标须在目录中）', body: ZFormCreate } },
      async (req, reply) => reply.status(201).send(await service.createForm(ctx, requireActor(req), req.body)),
    );
    app.post(
      '/api/forms/preview',
      { schema: { tags, summary: '预览未保存的统计表（按所选组织和期间填数）', body: ZFormPreview } },
      async (req) => previewForm(ctx, requireActor(req), req.body),
    );
    app.post(
      '/api/forms/template',
      {
        schema: {
          tags,
          summary: '上传Excel模板制作统计表（multipart 字段 file；单元格写 {{指标编码}} 或 {{公式}}）',
          querystring: z.object({ orgId: zId, name: z.string().trim().max(100, '报表名称不能超过100个字').optional() }),
        },
      },
      async (req, reply) =>
        reply.status(201).send(
          await service.createFormFromTemplate(ctx, requireActor(req), {
            ...req.query,
            ...(await receiveTemplate(req)),
          }),
        ),
    );
    app.get(
      '/api/forms/:key',
      { schema: { tags, summary: '统计表定义（编号或内置表的键）', params: ZFormKeyParams } },
      async (req) => service.getForm(ctx, requireActor(req), req.params.key),
    );
    app.patch(
      '/api/forms/:key',
      { schema: { tags, summary: '修改统计表（带版本号，过期409）', params: ZIdKey, body: ZFormUpdate } },
      async (req) => service.updateForm(ctx, requireActor(req), req.params.key, req.body),
    );
    app.post(
      '/api/forms/:key/archive',
      { schema: { tags, summary: '归档统计表', params: ZIdKey, body: ZFormArchive } },
      async (req) => service.archiveForm(ctx, requireActor(req), req.params.key, req.body),
    );
    app.get(
      '/api/forms/:key/template',
      { schema: { tags, summary: '下载统计表的Excel模板（原文件）', params: ZFormKeyParams } },
      async (req, reply) => {
        const file = await service.downloadFormTemplate(ctx, requireActor(req), req.params.key);
        return reply
          .header('content-type', XLSX_MIME)
          .header('content-disposition', contentDisposition(file.fileName))
          .send(file.content);
      },
    );
    app.get(
      '/api/forms/:key/fill',
      {
        schema: {
          tags,
          summary: '填报：所选组织及下级在期间内每个单元格的值（可带对比期：同期值、增减、增幅）',
          params: ZFormKeyParams,
          querystring: ZFormFillQuery,
        },
      },
      async (req) => fillForm(ctx, requireActor(req), req.params.key, req.query),
    );
    app.get(
      '/api/forms/:key/fill/export',
      {
        schema: {
          tags,
          summary: '导出填好的统计表（.xlsx，按表式或模板版式；perChild=1 每个下级组织一个工作表）',
          params: ZFormKeyParams,
          querystring: ZFormExportQuery,
        },
      },
      async (req, reply) => {
        const file = await prepareFormExport(ctx, requireActor(req), req.params.key, req.query);
        return reply
          .header('content-type', XLSX_MIME)
          .header('content-disposition', contentDisposition(file.fileName))
          .send(file.content);
      },
    );
  };
}
