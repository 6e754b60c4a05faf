import {
  ZIdParams,
  ZScorecardQuery,
  ZScorecardSave,
  ZStarRatingCreate,
  ZStarRatingListQuery,
  ZStarRatingUpdate,
} from '@grassroots/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/auth.hook.js';
import type { AppContext } from '../../platform/context.js';
import * as service from './star-ratings.service.js';

const tags = ['star-ratings'];

export function starRatingsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/star-ratings/scorecard',
      { schema: { tags, summary: '适用于该组织的星级评定评分标准', querystring: ZScorecardQuery } },
      async (req) => service.getScorecard(ctx, requireActor(req), req.query.orgId),
    );
    app.put(
      '/api/star-ratings/scorecard',
      { schema: { tags, summary: '制定或修改评分标准（县级）', body: ZScorecardSave } },
      async (req) => service.saveScorecard(ctx, requireActor(req), req.body),
    );
    app.get(
      '/api/star-ratings',
      { schema: { tags, summary: '年度星级评定结果及星级分布', querystring: ZStarRatingListQuery } },
      async (req) => service.listStarRatings(ctx, requireActor(req), req.query),
    );
    app.get('/api/star-ratings/:id', { schema: { tags, summary: '星级评定详情', params: ZIdParams } }, async (req) =>
      service.getStarRating(ctx, requireActor(req), req.params.id),
    );
    app.post(
      '/api/star-ratings',
      { schema: { tags, summary: '评定组织星级（上级）', body: ZStarRatingCreate } },
      async (req, reply) => reply.status(201).send(await service.createStarRating(ctx, requireActor(req), req.body)),
    );
    app.patch(
      '/api/star-ratings/:id',
      { schema: { tags, summary: '修改评分（上级）', params: ZIdParams, body: ZStarRatingUpdate } },
      async (req) => service.updateStarRating(ctx, requireActor(req), req.params.id, req.body),
    );
  };
}
