// 书记项目 and 实事 over HTTP: lists, detail, create, edit, project actions (start / accept / rate), figures.
import {
  ZIdParams,
  ZMatterCreate,
  ZMatterQuery,
  ZMatterUpdate,
  ZProjectAction,
  ZProjectActionParams,
  ZProjectCreate,
  ZProjectFiguresQuery,
  ZProjectQuery,
  ZProjectUpdate,
} from '@grassroots/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/auth.hook.js';
import type { AppContext } from '../../platform/context.js';
import { sendWorkbook } from '../../platform/excel.js';
import * as service from './projects.service.js';
import { prepareMatterExport, prepareProjectExport } from './projects-export.service.js';

const tags = ['projects'];

export function projectsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/projects/figures',
      { schema: { tags, summary: '书记项目和实事的数字（件数、完成率、满意率）', querystring: ZProjectFiguresQuery } },
      async (req) => service.projectFigures(ctx, requireActor(req), req.query),
    );
    app.get(
      '/api/secretary-projects',
      { schema: { tags, summary: '书记项目', querystring: ZProjectQuery } },
      async (req) => service.listProjects(ctx, requireActor(req), req.query),
    );
    app.get(
      '/api/secretary-projects/export',
      {
        schema: {
          tags,
          summary: '导出书记项目（筛选同列表，.xlsx）',
          querystring: ZProjectQuery.omit({ page: true, pageSize: true }),
        },
      },
      async (req, reply) => {
        const exp = await prepareProjectExport(ctx, requireActor(req), req.query);
        return sendWorkbook(reply, exp.fileName, exp.produce, exp.audit);
      },
    );
    app.get(
      '/api/secretary-projects/:id',
      { schema: { tags, summary: '书记项目详情', params: ZIdParams } },
      async (req) => service.getProject(ctx, requireActor(req), req.params.id),
    );
    app.post(
      '/api/secretary-projects',
      { schema: { tags, summary: '书记项目立项', body: ZProjectCreate } },
      async (req, reply) => reply.status(201).send(await service.createProject(ctx, requireActor(req), req.body)),
    );
    app.patch(
      '/api/secretary-projects/:id',
      { schema: { tags, summary: '修改书记项目', params: ZIdParams, body: ZProjectUpdate } },
      async (req) => service.updateProject(ctx, requireActor(req), req.params.id, req.body),
    );
    app.post(
      '/api/secretary-projects/:id/actions/:action',
      {
        schema: {
          tags,
          summary: '开始推进（start）、验收（accept，须填成效）、评比（rate，须选等次）',
          params: ZProjectActionParams,
          body: ZProjectAction,
        },
      },
      async (req) => service.actOnProject(ctx, requireActor(req), req.params.id, req.params.action, req.body),
    );
    app.get(
      '/api/practical-matters',
      { schema: { tags, summary: '实事 / 急难愁盼问题', querystring: ZMatterQuery } },
      async (req) => service.listMatters(ctx, requireActor(req), req.query),
    );
    app.get(
      '/api/practical-matters/export',
      {
        schema: {
          tags,
          summary: '导出实事（筛选同列表，.xlsx）',
          querystring: ZMatterQuery.omit({ page: true, pageSize: true }),
        },
      },
      async (req, reply) => {
        const exp = await prepareMatterExport(ctx, requireActor(req), req.query);
        return sendWorkbook(reply, exp.fileName, exp.produce, exp.audit);
      },
    );
    app.get('/api/practical-matters/:id', { schema: { tags, summary: '实事详情', params: ZIdParams } }, async (req) =>
      service.getMatter(ctx, requireActor(req), req.params.id),
    );
    app.post(
      '/api/practical-matters',
      { schema: { tags, summary: '登记实事 / 急难愁盼问题', body: ZMatterCreate } },
      async (req, reply) => reply.status(201).send(await service.createMatter(ctx, requireActor(req), req.body)),
    );
    app.patch(
      '/api/practical-matters/:id',
      { schema: { tags, summary: '修改实事（办理进展、结果、满意度）', params: ZIdParams, body: ZMatterUpdate } },
      async (req) => service.updateMatter(ctx, requireActor(req), req.params.id, req.body),
    );
  };
}
