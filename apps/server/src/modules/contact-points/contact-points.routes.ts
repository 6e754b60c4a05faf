// 党建联系点 over HTTP: links (list, detail, create, edit), visits with their problems, and the year's figures.
import {
  ZContactFiguresQuery,
  ZContactLinkCreate,
  ZContactLinkQuery,
  ZContactLinkUpdate,
  ZContactVisitCreate,
  ZContactVisitQuery,
  ZContactVisitUpdate,
  ZIdParams,
} from '@grassroots/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/auth.hook.js';
import type { AppContext } from '../../platform/context.js';
import { sendWorkbook } from '../../platform/excel.js';
import * as service from './contact-points.service.js';
import { prepareVisitExport } from './contact-points-export.service.js';

const tags = ['contact-points'];

export function contactPointsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/contact-links',
      { schema: { tags, summary: '党建联系点（领导联系的党组织及联系期）', querystring: ZContactLinkQuery } },
      async (req) => service.listLinks(ctx, requireActor(req), req.query),
    );
    app.get('/api/contact-links/:id', { schema: { tags, summary: '联系点详情', params: ZIdParams } }, async (req) =>
      service.getLink(ctx, requireActor(req), req.params.id),
    );
    app.post(
      '/api/contact-links',
      { schema: { tags, summary: '建立联系点', body: ZContactLinkCreate } },
      async (req, reply) => reply.status(201).send(await service.createLink(ctx, requireActor(req), req.body)),
    );
    app.patch(
      '/api/contact-links/:id',
      { schema: { tags, summary: '修改联系点（联系期须包含已有走访）', params: ZIdParams, body: ZContactLinkUpdate } },
      async (req) => service.updateLink(ctx, requireActor(req), req.params.id, req.body),
    );
    app.get(
      '/api/contact-visits',
      { schema: { tags, summary: '走访记录（含提出和解决的问题）', querystring: ZContactVisitQuery } },
      async (req) => service.listVisits(ctx, requireActor(req), req.query),
    );
    app.get(
      '/api/contact-visits/export',
      {
        schema: {
          tags,
          summary: '导出走访记录（筛选同列表，.xlsx）',
          querystring: ZContactVisitQuery.omit({ page: true, pageSize: true }),
        },
      },
      async (req, reply) => {
        const exp = await prepareVisitExport(ctx, requireActor(req), req.query);
        return sendWorkbook(reply, exp.fileName, exp.produce, exp.audit);
      },
    );
    app.get('/api/contact-visits/:id', { schema: { tags, summary: '走访记录详情', params: ZIdParams } }, async (req) =>
      service.getVisit(ctx, requireActor(req), req.params.id),
    );
    app.post(
      '/api/contact-visits',
      { schema: { tags, summary: '登记走访（须在联系期内）', body: ZContactVisitCreate } },
      async (req, reply) => reply.status(201).send(await service.createVisit(ctx, requireActor(req), req.body)),
    );
    app.patch(
      '/api/contact-visits/:id',
      { schema: { tags, summary: '修改走访记录（problems 整体替换）', params: ZIdParams, body: ZContactVisitUpdate } },
      async (req) => service.updateVisit(ctx, requireActor(req), req.params.id, req.body),
    );
    app.get(
      '/api/contact-points/figures',
      {
        schema: { tags, summary: '联系点年度数据（走访、问题、解决率、覆盖组织）', querystring: ZContactFiguresQuery },
      },
      async (req) => service.contactFigures(ctx, requireActor(req), req.query),
    );
  };
}
