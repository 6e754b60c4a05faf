// 清单管理 over HTTP: task lists (list, detail tree, create, edit, import from Excel, template), key tasks and
// measures, assignments with their actions, and the roll-ups.
import fastifyMultipart from '@fastify/multipart';
import {
  ZAssignmentAction,
  ZAssignmentActionParams,
  ZAssignmentQuery,
  ZIdParams,
  ZMeasureAssign,
  ZMeasureCreate,
  ZMeasureUpdate,
  ZTaskCreate,
  ZTaskListCreate,
  ZTaskListImportQuery,
  ZTaskListQuery,
  ZTaskListUpdate,
  ZTaskStatsQuery,
  ZTaskUpdate,
} from '@grassroots/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/auth.hook.js';
import type { AppContext } from '../../platform/context.js';
import { contentDisposition, sendWorkbook, XLSX_MIME } from '../../platform/excel.js';
import { MAX_UPLOAD_BYTES, receiveXlsxUpload } from '../../platform/uploads.js';
import * as service from './tasks.service.js';
import { prepareAssignmentExport, prepareTaskListExport } from './tasks-export.service.js';
import { startTaskListImport, taskListTemplate } from './tasks-import.service.js';

const tags = ['tasks'];

export function tasksRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });

    app.get(
      '/api/task-lists',
      { schema: { tags, summary: '任务清单（下达的和承担的）', querystring: ZTaskListQuery } },
      async (req) => service.listTaskLists(ctx, requireActor(req), req.query),
    );
    app.get(
      '/api/task-lists/stats',
      { schema: { tags, summary: '清单完成情况统计（按状态、领域、责任单位）', querystring: ZTaskStatsQuery } },
      async (req) => service.taskStats(ctx, requireActor(req), req.query),
    );
    app.get(
      '/api/task-lists/import-template',
      { schema: { tags, summary: '下载任务清单导入模板（.xlsx）' } },
      async (req, reply) =>
        reply
          .header('content-type', XLSX_MIME)
          .header('content-disposition', contentDisposition('任务清单导入模板.xlsx'))
          .send(await taskListTemplate(ctx, requireActor(req))),
    );
    app.post(
      '/api/task-lists/import',
      {
        schema: {
          tags,
          summary: '导入任务清单（multipart 字段 file；返回 202 和任务，进度见 /api/jobs/:id）',
          querystring: ZTaskListImportQuery,
        },
      },
      async (req, reply) =>
        reply
          .status(202)
          .send(await startTaskListImport(ctx, requireActor(req), req.query, () => receiveXlsxUpload(req), req.log)),
    );
    app.get(
      '/api/task-lists/:id/export',
      { schema: { tags, summary: '导出清单（任务→措施→责任单位及进展，.xlsx）', params: ZIdParams } },
      async (req, reply) => {
        const exp = await prepareTaskListExport(ctx, requireActor(req), req.params.id);
        return sendWorkbook(reply, exp.fileName, exp.produce, exp.audit);
      },
    );
    app.get(
      '/api/task-assignments/export',
      {
        schema: {
          tags,
          summary: '导出任务（筛选同列表，.xlsx）',
          querystring: ZAssignmentQuery.omit({ page: true, pageSize: true }),
        },
      },
      async (req, reply) => {
        const exp = await prepareAssignmentExport(ctx, requireActor(req), req.query);
        return sendWorkbook(reply, exp.fileName, exp.produce, exp.audit);
      },
    );
    app.get(
      '/api/task-lists/:id',
      { schema: { tags, summary: '清单详情（任务→措施→责任单位）', params: ZIdParams } },
      async (req) => service.getTaskList(ctx, requireActor(req), req.params.id),
    );
    app.post(
      '/api/task-lists',
      { schema: { tags, summary: '新建任务清单', body: ZTaskListCreate } },
      async (req, reply) => reply.status(201).send(await service.createTaskList(ctx, requireActor(req), req.body)),
    );
    app.patch(
      '/api/task-lists/:id',
      { schema: { tags, summary: '修改任务清单', params: ZIdParams, body: ZTaskListUpdate } },
      async (req) => service.updateTaskList(ctx, requireActor(req), req.params.id, req.body),
    );
    app.post(
      '/api/task-lists/:id/tasks',
      { schema: { tags, summary: '新增重点任务', params: ZIdParams, body: ZTaskCreate } },
      async (req, reply) =>
        reply.status(201).send(await service.addTask(ctx, requireActor(req), req.params.id, req.body)),
    );
    app.patch(
      '/api/tasks/:id',
      { schema: { tags, summary: '修改重点任务', params: ZIdParams, body: ZTaskUpdate } },
      async (req) => service.updateTask(ctx, requireActor(req), req.params.id, req.body),
    );
    app.post(
      '/api/task-lists/:id/measures',
      { schema: { tags, summary: '新增推进措施并下达到责任单位', params: ZIdParams, body: ZMeasureCreate } },
      async (req, reply) =>
        reply.status(201).send(await service.addMeasure(ctx, requireActor(req), req.params.id, req.body)),
    );
    app.patch(
      '/api/task-measures/:id',
      { schema: { tags, summary: '修改推进措施', params: ZIdParams, body: ZMeasureUpdate } },
      async (req) => service.updateMeasure(ctx, requireActor(req), req.params.id, req.body),
    );
    app.post(
      '/api/task-measures/:id/assignments',
      { schema: { tags, summary: '将措施下达到更多责任单位', params: ZIdParams, body: ZMeasureAssign } },
      async (req) => service.assignMeasure(ctx, requireActor(req), req.params.id, req.body.orgIds),
    );
    app.get(
      '/api/task-assignments',
      { schema: { tags, summary: '责任单位的任务（按时限排序）', querystring: ZAssignmentQuery } },
      async (req) => service.listAssignments(ctx, requireActor(req), req.query),
    );
    app.get(
      '/api/task-assignments/:id',
      { schema: { tags, summary: '任务详情与进展记录', params: ZIdParams } },
      async (req) => service.getAssignment(ctx, requireActor(req), req.params.id),
    );
    app.post(
      '/api/task-assignments/:id/actions/:action',
      {
        schema: {
          tags,
          summary: '报告进展（report）、验收（accept）、退回（return）',
          params: ZAssignmentActionParams,
          body: ZAssignmentAction,
        },
      },
      async (req) => service.actOnAssignment(ctx, requireActor(req), req.params.id, req.params.action, req.body),
    );
  };
}
