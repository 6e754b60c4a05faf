// Evidence files over HTTP: upload (multipart field `file`, before or after the record is saved), list of a record's
// files, download, delete. The owning module links uploads to its record (attachmentIds in its body).
import fastifyMultipart from '@fastify/multipart';
import { ZIdParams } from '@grassroots/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ATTACHMENT_ENTITY_NAMES,
  createAttachment,
  deleteAttachment,
  listAttachments,
  MAX_ATTACHMENT_BYTES,
  readAttachment,
  TOO_LARGE_MESSAGE,
} from './attachments.js';
import { requireActor } from './auth/auth.hook.js';
import type { AppContext } from './context.js';
import { AppError } from './errors.js';
import { contentDisposition } from './excel.js';

const tags = ['attachments'];
const ZEntity = z.enum(ATTACHMENT_ENTITY_NAMES, { error: '附件所属的记录类型无效' });
const ZId = z.coerce.number().int().positive();

export function attachmentsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(fastifyMultipart, { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1 } });

    app.post(
      '/api/attachments',
      {
        schema: {
          tags,
          summary: `上传附件（multipart 字段 file；图片、PDF、Word、Excel，不超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB）`,
          querystring: z.object({ entity: ZEntity, orgId: ZId }),
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        if (!req.isMultipart()) throw new AppError('BAD_REQUEST', '请以表单方式上传文件（字段名 file）');
        let fileName: string;
        let content: Buffer;
        try {
          const part = await req.file();
          if (part?.fieldname !== 'file') throw new AppError('BAD_REQUEST', '请选择要上传的文件（字段名 file）');
          fileName = part.filename || '附件';
          content = await part.toBuffer();
        } catch (err) {
          if (err instanceof AppError) throw err;
          if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new AppError('PAYLOAD_TOO_LARGE', TOO_LARGE_MESSAGE);
          }
          throw new AppError('BAD_REQUEST', '文件上传不完整，请重新上传');
        }
        const created = await createAttachment(ctx, actor, { ...req.query, fileName, content });
        return reply.status(201).send(created);
      },
    );
    app.get(
      '/api/attachments',
      {
        schema: { tags, summary: '某条记录的附件', querystring: z.object({ entity: ZEntity, entityId: ZId }) },
      },
      async (req) => ({ items: await listAttachments(ctx, requireActor(req), req.query.entity, req.query.entityId) }),
    );
    app.get(
      '/api/attachments/:id',
      { schema: { tags, summary: '下载附件', params: ZIdParams } },
      async (req, reply) => {
        const file = await readAttachment(ctx, requireActor(req), req.params.id);
        // Images and PDF open in the browser; office files download.
        const inline = file.mime.startsWith('image/') || file.mime === 'application/pdf';
        const disposition = contentDisposition(file.fileName);
        return reply
          .header('content-type', file.mime)
          .header('content-disposition', inline ? disposition.replace(/^attachment/, 'inline') : disposition)
          .send(file.content);
      },
    );
    app.delete(
      '/api/attachments/:id',
      { schema: { tags, summary: '删除附件', params: ZIdParams } },
      async (req, reply) => {
        await deleteAttachment(ctx, requireActor(req), req.params.id);
        return reply.status(204).send();
      },
    );
  };
}
