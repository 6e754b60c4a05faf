import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

// 星级评定 scorecard of an org (the county's): applies to its subtree unless none is set (then the default).
export interface StarRatingScorecardTable {
  id: Generated<number>;
  orgId: number;
  /** JSON array of {key, label, maxPoints}. */
  items: string;
  /** JSON [two, three, four, five] minimum totals. */
  thresholds: string;
  updatedByName: string;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export type StarRatingScorecardRow = Selectable<StarRatingScorecardTable>;

// 星级评定: one org's rating for one year, by the level above, with the scorecard it was made on.
export interface StarRatingTable {
  id: Generated<number>;
  orgId: number;
  orgPath: string;
  provinceId: ColumnType<number, never, never>;
  year: number;
  /** JSON {items, thresholds} as they were when rated. */
  scorecard: string;
  /** JSON {itemKey: points}. */
  scores: string;
  total: number;
  stars: number;
  note: string | null;
  ratedByName: string;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export type StarRatingRow = Selectable<StarRatingTable>;
export type NewStarRatingRow = Insertable<StarRatingTable>;
