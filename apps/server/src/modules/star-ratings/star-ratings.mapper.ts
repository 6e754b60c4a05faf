import { type Scorecard, STAR_LABELS, type Stars, scorecardMaxTotal } from '@grassroots/domain';
import type { StarRatingRow } from './star-ratings.table.js';

export function toStarRatingDto(row: StarRatingRow & { orgName: string }) {
  const scorecard = JSON.parse(row.scorecard) as Scorecard;
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: row.orgName,
    year: row.year,
    scorecard: { ...scorecard, maxTotal: scorecardMaxTotal(scorecard) },
    scores: JSON.parse(row.scores) as Record<string, number>,
    total: Number(row.total),
    stars: row.stars as Stars,
    starsLabel: STAR_LABELS[row.stars as Stars],
    note: row.note,
    ratedByName: row.ratedByName,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type StarRatingDto = ReturnType<typeof toStarRatingDto>;

export function toStarRatingAuditSnapshot(row: StarRatingRow) {
  const { createdAt, updatedAt, provinceId, scorecard, ...rest } = row;
  return { ...rest, scores: JSON.parse(row.scores) as unknown };
}
