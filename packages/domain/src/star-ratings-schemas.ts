// Request schemas of 星级评定 (star_rating) and its scorecard.
import { z } from 'zod';
import { ZPaging, zId, zOptionalText, zText, zVersion } from './schemas.js';
import { SCORECARD_MAX_ITEMS, STARS } from './star-ratings.js';
import { zYear } from './weak-orgs-schemas.js';

const zPoints = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .min(0, `${label}不能为负`)
    .max(1000, `${label}过大`);

export const ZScorecardSave = z.object({
  orgId: zId,
  items: z
    .array(
      z.object({
        key: z
          .string({ error: '请填写项目代码' })
          .trim()
          .regex(/^[a-z][a-z0-9_]{0,31}$/, '项目代码应为小写字母开头的字母、数字或下划线'),
        label: zText('评分项目', 100),
        maxPoints: zPoints('分值').refine((n) => n > 0, '分值应大于0'),
      }),
      { error: '评分项目无效' },
    )
    .min(1, '至少需要一个评分项目')
    .max(SCORECARD_MAX_ITEMS, `评分项目最多${SCORECARD_MAX_ITEMS}项`),
  thresholds: z.tuple(
    [zPoints('二星级分数线'), zPoints('三星级分数线'), zPoints('四星级分数线'), zPoints('五星级分数线')],
    {
      error: '星级分数线应为四个分数',
    },
  ),
  /** Version of the org's own scorecard; omitted when it has none yet. */
  version: zVersion.optional(),
});
export type TScorecardSave = z.infer<typeof ZScorecardSave>;
export const ZScorecardQuery = z.object({ orgId: zId });

const zScores = z.record(z.string().max(32), zPoints('得分'), { error: '评分无效' });
export const ZStarRatingCreate = z.object({
  orgId: zId,
  year: zYear,
  scores: zScores,
  note: zOptionalText('评定意见', 1000),
});
export type TStarRatingCreate = z.infer<typeof ZStarRatingCreate>;
export const ZStarRatingUpdate = z.object({
  scores: zScores,
  note: zOptionalText('评定意见', 1000),
  version: zVersion,
});
export type TStarRatingUpdate = z.infer<typeof ZStarRatingUpdate>;

export const STAR_RATING_SORTS = ['-total', 'total', 'org', '-org'] as const;
export const ZStarRatingListQuery = ZPaging.extend({
  orgId: zId.optional(),
  year: zYear,
  stars: z.coerce
    .number({ error: '星级无效' })
    .refine((n): n is (typeof STARS)[number] => (STARS as readonly number[]).includes(n), '星级无效')
    .optional(),
  q: z.string().trim().max(50, '搜索内容过长').optional(),
  sort: z.enum(STAR_RATING_SORTS, { error: '排序字段无效' }).default('-total'),
});
export type TStarRatingListQuery = z.infer<typeof ZStarRatingListQuery>;
