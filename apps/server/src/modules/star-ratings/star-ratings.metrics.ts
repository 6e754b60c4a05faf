// 整顿评定 metrics of 星级评定: the orgs rated for the period's years by the level above, and the five-star ones.
import { STAR_LABELS } from '@grassroots/domain';
import { defineRecordMetric, defineShareMetric, type MetricDefinition, yearInPeriod } from '../../platform/metrics.js';
import { whereInScope } from '../../platform/scope.js';

function ratingMetric(
  meta: { key: string; label: string; description: string; phrases: string[] },
  stars: number | null,
) {
  return defineRecordMetric({
    ...meta,
    unit: '个',
    group: '整顿评定',
    module: 'star-ratings',
    period: 'range',
    permission: 'ratings:read',
    query: (db, q) =>
      db
        .selectFrom('starRatings as r')
        .innerJoin('orgs as o', 'o.id', 'r.orgId')
        .select(['r.id', 'o.name as orgName', 'r.orgPath', 'r.year', 'r.total', 'r.stars', 'r.ratedByName'])
        .where(whereInScope(q.scope, 'r.orgPath'))
        .where(yearInPeriod('r.year', q))
        .$if(stars !== null, (qb) => qb.where('r.stars', '=', stars!)),
    columns: [
      { key: 'orgName', label: '党组织' },
      { key: 'year', label: '评定年度' },
      { key: 'total', label: '总分' },
      { key: 'stars', label: '星级', labels: STAR_LABELS },
      { key: 'ratedByName', label: '评定人' },
    ],
    orderBy: 'year, org_path, id',
  });
}

const rated = ratingMetric(
  {
    key: 'ratings.rated',
    label: '参加星级评定党组织',
    description: '评定年度在期间所跨年份内、所选范围内经上级评定星级的党组织个数（同一组织不同年度分别计）',
    phrases: ['星级评定', '参加评星定级'],
  },
  null,
);

const fiveStar = ratingMetric(
  {
    key: 'ratings.five_star',
    label: '五星级党组织',
    description: '评定年度在期间所跨年份内、所选范围内被评为五星级的党组织个数',
    phrases: ['五星级党组织', '五星级', '五星'],
  },
  5,
);

export const STAR_RATING_METRICS: readonly MetricDefinition[] = [
  rated,
  fiveStar,
  defineShareMetric({
    key: 'ratings.five_star.share',
    label: '五星级党组织占比',
    description: '五星级党组织个数 ÷ 同期参加星级评定的党组织个数',
    numerator: fiveStar,
    denominator: rated,
    phrases: ['五星级党组织占比', '五星级比例'],
  }),
];
