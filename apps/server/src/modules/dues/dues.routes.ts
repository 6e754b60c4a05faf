import { DUES_CATEGORIES, duesRate } from '@grassroots/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth/auth.hook.js';

// 党费 (2008 rules): the monthly amount for a category and base. Pure rule, no records: any logged-in user.
const ZDuesRateQuery = z.object({
  category: z.enum(DUES_CATEGORIES, {
    error: '党员类别应为 employed、retired、farmer、student、unemployed 或 hardship',
  }),
  base: z.coerce
    .number({ error: '计算基数应为数字（元）' })
    .min(0, '计算基数不能为负')
    .max(100_000_000, '计算基数过大')
    .optional(),
});

export function duesRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/dues/rate',
      { schema: { tags: ['dues'], summary: '按2008年党费规定计算月交纳额', querystring: ZDuesRateQuery } },
      async (req) => {
        requireActor(req);
        return duesRate(req.query.category, req.query.base ?? null);
      },
    );
  };
}
