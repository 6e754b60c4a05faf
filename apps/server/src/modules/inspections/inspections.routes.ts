import {
  ZIdParams,
  ZInspectionFiguresQuery,
  ZInspectionRoundCreate,
  ZInspectionRoundListQuery,
  ZProblemActionBody,
  ZProblemActionParams,
  ZProblemCreate,
  ZProblemExportQuery,
  ZProblemListQuery,
} from '@grassroots/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/auth.hook.js';
import type { AppContext } from '../../platform/context.js';
import { contentDisposition, sendWorkbook } from '../../platform/excel.js';
import * as service from './inspections.service.js';
import { buildRoundNotice, prepareProblemExport } from './inspections-export.service.js';

const tags = ['inspections'];
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function inspectionsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/inspections/rounds',
      { schema: { tags, summary: '督导检查轮次（含明察暗访）', querystring: ZInspectionRoundListQuery } },
      async (req) => service.listRounds(ctx, requireActor(req), req.query),
    );
    app.get(
      '/api/inspections/rounds/:id',
      { schema: { tags, summary: '检查轮次详情', params: ZIdParams } },
      async (req) => service.getRound(ctx, requireActor(req), req.params.id),
    );
    app.get(
      '/api/inspections/rounds/:id/notice.docx',
      { schema: { tags, summary: '本轮检查情况通报（.docx：整改数字、表扬与通报批评的单位）', params: ZIdParams } },
      async (req, reply) => {
        const notice = await buildRoundNotice(ctx, requireActor(req), req.params.id);
        return reply
          .header('content-type', DOCX_MIME)
          .header('content-disposition', contentDisposition(notice.fileName))
          .send(notice.buffer);
      },
    );
    app.post(
      '/api/inspections/rounds',
      { schema: { tags, summary: '新建检查轮次（检查组所在的上级）', body: ZInspectionRoundCreate } },
      async (req, reply) => reply.status(201).send(await service.createRound(ctx, requireActor(req), req.body)),
    );
    app.get(
      '/api/inspections/figures',
      {
        schema: {
          tags,
          summary: '发现问题、整改到位、正在整改、逾期与整改率（按轮次、类别、下级组织）',
          querystring: ZInspectionFiguresQuery,
        },
      },
      async (req) => service.figures(ctx, requireActor(req), req.query),
    );
    app.get(
      '/api/problems',
      { schema: { tags, summary: '督导发现的问题（按整改状态、轮次、逾期筛选）', querystring: ZProblemListQuery } },
      async (req) => service.listProblems(ctx, requireActor(req), req.query),
    );
    app.get(
      '/api/problems/export',
      { schema: { tags, summary: '导出督导问题（.xlsx，同列表筛选）', querystring: ZProblemExportQuery } },
      async (req, reply) => {
        const exp = await prepareProblemExport(ctx, requireActor(req), req.query);
        return sendWorkbook(reply, exp.fileName, exp.produce, exp.audit);
      },
    );
    app.get(
      '/api/problems/:id',
      { schema: { tags, summary: '问题详情（含整改经过与可执行的操作）', params: ZIdParams } },
      async (req) => service.getProblem(ctx, requireActor(req), req.params.id),
    );
    app.post(
      '/api/problems',
      { schema: { tags, summary: '记录检查发现的问题（上级检查组）', body: ZProblemCreate } },
      async (req, reply) => reply.status(201).send(await service.createProblem(ctx, requireActor(req), req.body)),
    );
    app.post(
      '/api/problems/:id/actions/:action',
      {
        schema: {
          tags,
          summary:
            '整改操作：start 开始整改、submit 提交整改材料、accept 验收销号（上级）、return 退回（上级，须说明原因）',
          params: ZProblemActionParams,
          body: ZProblemActionBody,
        },
      },
      async (req) => service.actOnProblem(ctx, requireActor(req), req.params.id, req.params.action, req.body),
    );
  };
}
