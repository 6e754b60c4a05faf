// 星级评定 (DOMAIN.md §1, §7): a yearly rating of each org by the level above, from a scorecard the county configures
// (items with maximum points) and star thresholds on the total.
//
// Decisions where DOMAIN.md is silent:
// - The default scorecard is the common 五星级党组织 shape: seven items, 100 points in all; 90/80/70/60 points make
//   five/four/three/two stars, anything lower one star.
// - Scores are given to 0.5 point; totals are summed in half points so no float drift moves a boundary.
// - A rating keeps the scorecard it was made with, so a later change of the scorecard never rewrites past years.
import type { FieldErrors } from './errors.js';

export interface ScorecardItem {
  key: string;
  label: string;
  maxPoints: number;
}

/** Minimum totals for 2, 3, 4 and 5 stars, ascending; below the first is one star. */
export type StarThresholds = readonly [number, number, number, number];

export interface Scorecard {
  items: readonly ScorecardItem[];
  thresholds: StarThresholds;
}

export const STARS = [1, 2, 3, 4, 5] as const;
export type Stars = (typeof STARS)[number];
export const STAR_LABELS: Record<Stars, string> = {
  1: '一星级',
  2: '二星级',
  3: '三星级',
  4: '四星级',
  5: '五星级',
};

export const DEFAULT_SCORECARD: Scorecard = {
  items: [
    { key: 'leadership', label: '班子建设坚强有力', maxPoints: 20 },
    { key: 'members', label: '党员队伍先进模范', maxPoints: 15 },
    { key: 'life', label: '组织生活规范严格', maxPoints: 20 },
    { key: 'institutions', label: '制度落实健全规范', maxPoints: 10 },
    { key: 'positions', label: '阵地建设功能完善', maxPoints: 10 },
    { key: 'service', label: '发展服务成效明显', maxPoints: 15 },
    { key: 'satisfaction', label: '群众评价满意认可', maxPoints: 10 },
  ],
  thresholds: [60, 70, 80, 90],
};

export const SCORECARD_MAX_ITEMS = 30;

const halves = (n: number) => Math.round(n * 2);
const isHalfPoint = (n: number) => Number.isFinite(n) && Math.abs(n * 2 - Math.round(n * 2)) < 1e-9;

export function scorecardMaxTotal(card: Pick<Scorecard, 'items'>): number {
  return card.items.reduce((s, i) => s + halves(i.maxPoints), 0) / 2;
}

/** Field errors of a scorecard a county saves (items.N.key, thresholds.N …); empty when valid. */
export function scorecardFieldErrors(card: Scorecard): FieldErrors {
  const fields: FieldErrors = {};
  const keys = new Set<string>();
  card.items.forEach((item, i) => {
    if (keys.has(item.key)) fields[`items.${i}.key`] = '项目代码重复';
    keys.add(item.key);
    if (!isHalfPoint(item.maxPoints)) fields[`items.${i}.maxPoints`] = '分值应以0.5分为单位';
  });
  const max = scorecardMaxTotal(card);
  card.thresholds.forEach((t, i) => {
    if (i > 0 && t <= card.thresholds[i - 1]!) fields[`thresholds.${i}`] = '星级分数线应逐级升高';
    else if (t > max) fields[`thresholds.${i}`] = `星级分数线不能高于满分${max}分`;
  });
  return fields;
}

export function starsFor(total: number, thresholds: StarThresholds): Stars {
  return (1 + thresholds.filter((t) => halves(total) >= halves(t)).length) as Stars;
}

/**
 * The total and stars of item scores on a scorecard; field errors (scores.<key>) for an item not scored, scored
 * outside 0..max or not in half points, or not on the scorecard.
 */
export function scoreRating(
  card: Scorecard,
  scores: Readonly<Record<string, number>>,
): { total: number; stars: Stars; fields: FieldErrors } {
  const fields: FieldErrors = {};
  let total = 0;
  for (const item of card.items) {
    const s = scores[item.key];
    if (s === undefined) fields[`scores.${item.key}`] = `请为“${item.label}”打分`;
    else if (!isHalfPoint(s) || s < 0 || s > item.maxPoints) {
      fields[`scores.${item.key}`] = `“${item.label}”得分应在0至${item.maxPoints}分之间，以0.5分为单位`;
    } else total += halves(s);
  }
  for (const key of Object.keys(scores)) {
    if (!card.items.some((i) => i.key === key)) fields[`scores.${key}`] = '评分标准中没有该项目';
  }
  return { total: total / 2, stars: starsFor(total / 2, card.thresholds), fields };
}
