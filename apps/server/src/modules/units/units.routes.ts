import { ZIdParams, ZUnitCreate, ZUnitListQuery, ZUnitUpdate } from '@grassroots/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/auth.hook.js';
import type { AppContext } from '../../platform/context.js';
import * as service from './units.service.js';

const tags = ['units'];

export function unitsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/units',
      { schema: { tags, summary: '单位台账（可筛选应建未建）', querystring: ZUnitListQuery } },
      async (req) => service.listUnits(ctx, requireActor(req), req.query),
    );
    app.get('/api/units/:id', { schema: { tags, summary: '单位详情', params: ZIdParams } }, async (req) =>
      service.getUnit(ctx, requireActor(req), req.params.id),
    );
    app.post('/api/units', { schema: { tags, summary: '新增单位', body: ZUnitCreate } }, async (req, reply) =>
      reply.status(201).send(await service.createUnit(ctx, requireActor(req), req.body)),
    );
    app.patch(
      '/api/units/:id',
      { schema: { tags, summary: '修改单位', params: ZIdParams, body: ZUnitUpdate } },
      async (req) => service.updateUnit(ctx, requireActor(req), req.params.id, req.body),
    );
  };
}
