import {
  ZIdParams,
  ZMedalCreate,
  ZMedalListQuery,
  ZMobileContactCreate,
  ZMobileCreate,
  ZMobileListQuery,
  ZMobileReturn,
  ZMobileUpdate,
  ZPaging,
} from '@grassroots/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/auth.hook.js';
import type { AppContext } from '../../platform/context.js';
import * as medals from './medals.service.js';
import * as service from './mobile.service.js';

const tags = ['mobile'];

export function mobileRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/mobile-members',
      { schema: { tags, summary: '流动党员列表（可筛选失联、3个月未联系、已返回）', querystring: ZMobileListQuery } },
      async (req) => service.listMobileMembers(ctx, requireActor(req), req.query),
    );
    app.get(
      '/api/mobile-members/:id',
      { schema: { tags, summary: '流动党员记录详情', params: ZIdParams } },
      async (req) => service.getMobileMember(ctx, requireActor(req), req.params.id),
    );
    app.post(
      '/api/mobile-members',
      { schema: { tags, summary: '登记流动党员', body: ZMobileCreate } },
      async (req, reply) => reply.status(201).send(await service.createMobileMember(ctx, requireActor(req), req.body)),
    );
    app.patch(
      '/api/mobile-members/:id',
      { schema: { tags, summary: '修改流动党员记录（含失联标记）', params: ZIdParams, body: ZMobileUpdate } },
      async (req) => service.updateMobileMember(ctx, requireActor(req), req.params.id, req.body),
    );
    app.get(
      '/api/mobile-members/:id/contacts',
      { schema: { tags, summary: '流动党员联系记录', params: ZIdParams, querystring: ZPaging } },
      async (req) => service.listContacts(ctx, requireActor(req), req.params.id, req.query.page, req.query.pageSize),
    );
    app.post(
      '/api/mobile-members/:id/contacts',
      { schema: { tags, summary: '登记一次联系', params: ZIdParams, body: ZMobileContactCreate } },
      async (req, reply) =>
        reply.status(201).send(await service.logContact(ctx, requireActor(req), req.params.id, req.body)),
    );
    app.post(
      '/api/mobile-members/:id/return',
      { schema: { tags, summary: '流动党员返回', params: ZIdParams, body: ZMobileReturn } },
      async (req) => service.markReturned(ctx, requireActor(req), req.params.id, req.body),
    );
    app.get(
      '/api/medals',
      { schema: { tags, summary: '"光荣在党50年"纪念章颁发记录', querystring: ZMedalListQuery } },
      async (req) => medals.listMedals(ctx, requireActor(req), req.query),
    );
    app.post(
      '/api/medals',
      { schema: { tags, summary: '登记颁发"光荣在党50年"纪念章', body: ZMedalCreate } },
      async (req, reply) => reply.status(201).send(await medals.awardMedal(ctx, requireActor(req), req.body)),
    );
  };
}
