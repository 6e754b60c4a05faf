import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCORECARD,
  type Scorecard,
  scorecardFieldErrors,
  scorecardMaxTotal,
  scoreRating,
  starsFor,
} from './star-ratings.js';

const full = Object.fromEntries(DEFAULT_SCORECARD.items.map((i) => [i.key, i.maxPoints]));

describe('星级评定 scorecard', () => {
  it('has a default of 100 points with 60/70/80/90 for two to five stars', () => {
    expect(scorecardMaxTotal(DEFAULT_SCORECARD)).toBe(100);
    expect(scorecardFieldErrors(DEFAULT_SCORECARD)).toEqual({});
    expect(scoreRating(DEFAULT_SCORECARD, full)).toEqual({ total: 100, stars: 5, fields: {} });
  });

  it('gives stars at each threshold, and one star less half a point below it', () => {
    const t = DEFAULT_SCORECARD.thresholds;
    expect([89.5, 90, 79.5, 80, 69.5, 70, 59.5, 60, 0].map((n) => starsFor(n, t))).toEqual([4, 5, 3, 4, 2, 3, 1, 2, 1]);
    expect(starsFor(85, [10, 20, 30, 85])).toBe(5);
  });

  it('sums half points exactly (no float drift across a boundary)', () => {
    const card: Scorecard = {
      items: Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, label: `项${i}`, maxPoints: 10 })),
      thresholds: [60, 70, 80, 89],
    };
    const scores = Object.fromEntries(card.items.map((i) => [i.key, 8.9 + 0.1])); // 9 each, computed in floats
    expect(scoreRating(card, scores)).toMatchObject({ total: 90, stars: 5 });
    const halves = Object.fromEntries(card.items.map((i, n) => [i.key, n < 2 ? 8.5 : 9]));
    expect(scoreRating(card, halves)).toMatchObject({ total: 89, stars: 5, fields: {} });
  });

  it('names items not scored, over their maximum, negative, not in half points, or not on the card', () => {
    const { leadership: _omit, ...rest } = full;
    const r = scoreRating(DEFAULT_SCORECARD, { ...rest, members: 15.5, life: -1, service: 7.3, bonus: 3 });
    expect(r.fields).toEqual({
      'scores.leadership': '请为“班子建设坚强有力”打分',
      'scores.members': '“党员队伍先进模范”得分应在0至15分之间，以0.5分为单位',
      'scores.life': '“组织生活规范严格”得分应在0至20分之间，以0.5分为单位',
      'scores.service': '“发展服务成效明显”得分应在0至15分之间，以0.5分为单位',
      'scores.bonus': '评分标准中没有该项目',
    });
    expect(scoreRating(DEFAULT_SCORECARD, { ...full, members: 15 }).fields).toEqual({});
  });

  it('refuses a scorecard whose thresholds do not rise or exceed the full marks, or whose keys repeat', () => {
    const card: Scorecard = {
      items: [
        { key: 'a', label: '甲', maxPoints: 40 },
        { key: 'a', label: '乙', maxPoints: 40.3 },
      ],
      thresholds: [50, 50, 80, 81],
    };
    expect(scorecardFieldErrors(card)).toEqual({
      'items.1.key': '项目代码重复',
      'items.1.maxPoints': '分值应以0.5分为单位',
      'thresholds.1': '星级分数线应逐级升高',
      'thresholds.3': '星级分数线不能高于满分80.5分',
    });
    expect(
      scorecardFieldErrors({
        ...card,
        items: [card.items[0]!, { key: 'b', label: '乙', maxPoints: 41 }],
        thresholds: [50, 60, 80, 81],
      }),
    ).toEqual({});
  });
});
