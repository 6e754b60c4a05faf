// 工作汇报 over HTTP: templates (built-in and saved), drafts, the preview and the suggested 存在的问题, and the export
// to .docx / .md as a job (202 with the job; GET /api/jobs/:id for progress; the file once it succeeded).
import { createReadStream } from 'node:fs';
import {
  ZIdParams,
  ZReportDraftCreate,
  ZReportDraftListQuery,
  ZReportDraftUpdate,
  ZReportExport,
  ZReportPreview,
  ZReportSuggestionsQuery,
  ZReportTemplateCreate,
  ZReportTemplateListQuery,
  ZReportTemplateUpdate,
  ZVersionQuery,
} from '@grassroots/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/auth.hook.js';
import type { AppContext } from '../../platform/context.js';
import { contentDisposition } from '../../platform/excel.js';
import * as service from './reports.service.js';

const tags = ['reports'];

export function reportsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/report-templates/builtin',
      { schema: { tags, summary: '内置汇报模板（县委组织部年度总结、乡镇党委季度汇报）' } },
      async (req) => service.listBuiltinTemplates(requireActor(req)),
    );
    app.get(
      '/api/report-templates',
      { schema: { tags, summary: '保存的汇报模板（本级、下级及上级组织的）', querystring: ZReportTemplateListQuery } },
      async (req) => service.listTemplates(ctx, requireActor(req), req.query),
    );
    app.get(
      '/api/report-templates/:id',
      { schema: { tags, summary: '汇报模板详情', params: ZIdParams } },
      async (req) => service.getTemplate(ctx, requireActor(req), req.params.id),
    );
    app.post(
      '/api/report-templates',
      { schema: { tags, summary: '保存汇报模板（可复制内置模板后修改）', body: ZReportTemplateCreate } },
      async (req, reply) => reply.status(201).send(await service.createTemplate(ctx, requireActor(req), req.body)),
    );
    app.patch(
      '/api/report-templates/:id',
      { schema: { tags, summary: '修改汇报模板', params: ZIdParams, body: ZReportTemplateUpdate } },
      async (req) => service.updateTemplate(ctx, requireActor(req), req.params.id, req.body),
    );
    app.delete(
      '/api/report-templates/:id',
      { schema: { tags, summary: '删除汇报模板', params: ZIdParams, querystring: ZVersionQuery } },
      async (req, reply) => {
        await service.deleteTemplate(ctx, requireActor(req), req.params.id, req.query.version);
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/report-drafts',
      { schema: { tags, summary: '汇报稿（所选组织及下级）', querystring: ZReportDraftListQuery } },
      async (req) => service.listDrafts(ctx, requireActor(req), req.query),
    );
    app.post(
      '/api/report-drafts/preview',
      {
        schema: {
          tags,
          summary: '预览：按组织和期间填写正文中的数字（不保存）；每个数字带指标、组织和期间',
          body: ZReportPreview,
        },
      },
      async (req) => service.previewReport(ctx, requireActor(req), req.body),
    );
    app.get(
      '/api/report-drafts/suggestions',
      {
        schema: {
          tags,
          summary: '“存在的问题”建议：按数据判断的问题（组织生活、整改逾期、党费、流动党员等）',
          querystring: ZReportSuggestionsQuery,
        },
      },
      async (req) => service.suggestions(ctx, requireActor(req), req.query),
    );
    app.get(
      '/api/report-drafts/:id',
      { schema: { tags, summary: '汇报稿详情（正文保留占位符）', params: ZIdParams } },
      async (req) => service.getDraft(ctx, requireActor(req), req.params.id),
    );
    app.get(
      '/api/report-drafts/:id/render',
      { schema: { tags, summary: '汇报稿按其组织和期间填写数字后的内容', params: ZIdParams } },
      async (req) => service.renderDraft(ctx, requireActor(req), req.params.id),
    );
    app.post(
      '/api/report-drafts',
      { schema: { tags, summary: '新建汇报稿（选择模板、组织、期间、对比期）', body: ZReportDraftCreate } },
      async (req, reply) => reply.status(201).send(await service.createDraft(ctx, requireActor(req), req.body)),
    );
    app.patch(
      '/api/report-drafts/:id',
      { schema: { tags, summary: '保存汇报稿（标题、正文、期间）', params: ZIdParams, body: ZReportDraftUpdate } },
      async (req) => service.updateDraft(ctx, requireActor(req), req.params.id, req.body),
    );
    app.delete(
      '/api/report-drafts/:id',
      { schema: { tags, summary: '删除汇报稿', params: ZIdParams, querystring: ZVersionQuery } },
      async (req, reply) => {
        await service.deleteDraft(ctx, requireActor(req), req.params.id, req.query.version);
        return reply.status(204).send();
      },
    );
    app.post(
      '/api/report-drafts/:id/exports',
      {
        schema: {
          tags,
          summary: '导出汇报稿（.docx 公文格式或 .md），作为任务运行；进度见 /api/jobs/:id',
          params: ZIdParams,
          body: ZReportExport,
        },
      },
      async (req, reply) =>
        reply
          .status(202)
          .send(
            await service.startReportExport(
              ctx,
              requireActor(req),
              { draftId: req.params.id, format: req.body.format },
              req.log,
            ),
          ),
    );
    app.post(
      '/api/report-exports/:id/rerun',
      { schema: { tags, summary: '重新运行失败的导出任务（如服务重启中断的）', params: ZIdParams } },
      async (req, reply) =>
        reply.status(202).send(await service.rerunReportExport(ctx, requireActor(req), req.params.id, req.log)),
    );
    app.get(
      '/api/report-exports/:id/file',
      { schema: { tags, summary: '下载导出完成的文件（仅发起人）', params: ZIdParams } },
      async (req, reply) => {
        const file = await service.exportFile(ctx, requireActor(req), req.params.id);
        return reply
          .header('content-type', file.mime)
          .header('content-disposition', contentDisposition(file.fileName))
          .send(createReadStream(file.path));
      },
    );
  };
}
