// 一数一源 over HTTP (issue 7 §1 contract): the catalogue, a metric's {value, unit, label} for an org and period, the
// records behind it (paged, and as .xlsx), a monthly trend, several metrics at once and the per-child comparison.
import {
  ZMetricQuery,
  ZMetricRecordsQuery,
  ZMetricTrendQuery,
  ZMetricValuesQuery,
  zMetricKey,
} from '@grassroots/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth/auth.hook.js';
import type { AppContext } from '../../platform/context.js';
import { sendWorkbook } from '../../platform/excel.js';
import * as service from './metrics.service.js';

const tags = ['metrics'];
const ZKeyParams = z.object({ key: zMetricKey });

export function metricsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/metrics',
      { schema: { tags, summary: '指标目录：每个指标的编码、名称、单位、口径' } },
      async (req) => ({
        items: service.listMetrics(requireActor(req)),
      }),
    );
    app.get(
      '/api/metrics/values',
      { schema: { tags, summary: '多个指标在同一组织、同一期间的值', querystring: ZMetricValuesQuery } },
      async (req) => service.getMetricValues(ctx, requireActor(req), req.query),
    );
    app.get(
      '/api/metrics/children',
      { schema: { tags, summary: '各下级对比：每个下级组织的指标值与合计', querystring: ZMetricValuesQuery } },
      async (req) => service.getChildrenTable(ctx, requireActor(req), req.query),
    );
    app.get(
      '/api/metrics/children/export',
      { schema: { tags, summary: '导出各下级对比（.xlsx）', querystring: ZMetricValuesQuery } },
      async (req, reply) => {
        const exp = await service.prepareChildrenExport(ctx, requireActor(req), req.query);
        return sendWorkbook(reply, exp.fileName, exp.produce, exp.audit);
      },
    );
    app.get(
      '/api/metrics/:key',
      {
        schema: {
          tags,
          summary: '指标值：组织及下级在期间内（或截止日期时）的数值',
          params: ZKeyParams,
          querystring: ZMetricQuery,
        },
      },
      async (req) => service.getMetricValue(ctx, requireActor(req), req.params.key, req.query),
    );
    app.get(
      '/api/metrics/:key/records',
      {
        schema: {
          tags,
          summary: '指标背后的记录（分页）：记录数或合计列之和等于指标值',
          params: ZKeyParams,
          querystring: ZMetricRecordsQuery,
        },
      },
      async (req) => service.listMetricRecords(ctx, requireActor(req), req.params.key, req.query),
    );
    app.get(
      '/api/metrics/:key/records/export',
      { schema: { tags, summary: '导出指标背后的记录（.xlsx）', params: ZKeyParams, querystring: ZMetricQuery } },
      async (req, reply) => {
        const exp = await service.prepareMetricRecordsExport(ctx, requireActor(req), req.params.key, req.query);
        return sendWorkbook(reply, exp.fileName, exp.produce, exp.audit);
      },
    );
    app.get(
      '/api/metrics/:key/trend',
      {
        schema: {
          tags,
          summary: '指标近若干个月的走势（每月一个点）',
          params: ZKeyParams,
          querystring: ZMetricTrendQuery,
        },
      },
      async (req) => service.getMetricTrend(ctx, requireActor(req), req.params.key, req.query),
    );
  };
}
