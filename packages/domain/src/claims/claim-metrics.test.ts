import { describe, expect, it } from 'vitest';
import { claimHolds, type MetricPhraseEntry, metricMatcher, unitsCompatible } from './claim-metrics.js';
import { readClaims } from './read-claims.js';

const entry = (
  metricKey: string,
  unit: string,
  phrases: string[],
  period: MetricPhraseEntry['period'] = 'instant',
  userAdded = false,
): MetricPhraseEntry[] => phrases.map((phrase) => ({ phrase, metricKey, unit, period, userAdded }));

const DICTIONARY: MetricPhraseEntry[] = [
  ...entry('members.total', '名', ['党员总数', '党员', '党员人数', '名党员', '共有党员']),
  ...entry('members.gender.female', '名', ['女党员', '女性党员']),
  ...entry('members.female.share', '%', ['女党员占比', '女党员比例']),
  ...entry('development.probationary.admitted', '名', ['发展党员'], 'range'),
  ...entry('orgs.total', '个', ['党组织', '基层党组织']),
  ...entry('inspections.problems.found', '个', ['发现问题', '问题'], 'range'),
  ...entry('inspections.problems.rectified', '个', ['整改到位', '已整改'], 'range'),
  ...entry('inspections.problems.in_progress', '个', ['正在整改', '正在整改之中'], 'range'),
  ...entry('dues.paid.amount', '元', ['实收党费', '党费'], 'range'),
];

/** The metric of each claim of the text, in text order. */
const mapped = (text: string, dictionary = DICTIONARY) => {
  const metricOf = metricMatcher(text, dictionary);
  return readClaims(text).map((c) => [c.value, metricOf(c)]);
};

describe('metricMatcher', () => {
  it('maps the phrase a figure counts, the most specific phrase winning', () => {
    expect(mapped('全县共有党员7名，其中女党员3名，发现问题2个。')).toEqual([
      [7, 'members.total'],
      [3, 'members.gender.female'],
      [2, 'inspections.problems.found'],
    ]);
    expect(mapped('城关镇党员5名。')).toEqual([[5, 'members.total']]);
    expect(mapped('女党员占比42.9%。')).toEqual([[0.429, 'members.female.share']]);
    expect(mapped('發現問題2個。')).toEqual([[2, 'inspections.problems.found']]);
  });

  it('reads past a verb of counting, and a phrase after the figure', () => {
    const dictionary = [...DICTIONARY, ...entry('life.meetings.held', '次', ['集体学习'], 'range', true)];
    expect(mapped('各级党组织开展集体学习2810场。', dictionary)).toEqual([[2810, 'life.meetings.held']]);
    expect(mapped('全县共有7名党员。')).toEqual([[7, 'members.total']]);
    expect(mapped('35岁以下的1200名党员。')).toEqual([
      [35, null],
      [1200, null],
    ]);
  });

  it('reads what follows a figure and what stands right before it', () => {
    expect(mapped('发现问题421个，整改到位406个，还有15个问题正在整改之中。')).toEqual([
      [421, 'inspections.problems.found'],
      [406, 'inspections.problems.rectified'],
      [15, 'inspections.problems.in_progress'],
    ]);
  });

  it('reads a verb that makes new things as no total', () => {
    expect(mapped('今年发展党员215名，其中女党员80名。')).toEqual([
      [215, 'development.probationary.admitted'],
      [80, 'members.gender.female'],
    ]);
    // the specific reading is narrowed: no fallback to the general one
    expect(mapped('在新就业群体中发展党员2名。')).toEqual([[2, null]]);
    expect(mapped('共新建党组织4个。全县共有党组织58个。')).toEqual([
      [4, null],
      [58, 'orgs.total'],
    ]);
    expect(mapped('其中村党组织14个、社区党组织6个、两新组织党组织38个。')).toEqual([
      [14, null],
      [6, null],
      [38, null],
    ]);
    expect(mapped('村级后备人才1001名，其中中共党员690人。')).toEqual([
      [1001, null],
      [690, null],
    ]);
  });

  it('leaves a narrowed phrase and an incompatible unit unmapped', () => {
    expect(mapped('35岁以下党员2104名。')).toEqual([
      [35, null],
      [2104, null],
    ]);
    expect(mapped('农村党员352名，机关党员63名。')).toEqual([
      [352, null],
      [63, null],
    ]);
    expect(mapped('解决居民充电难等问题85个。')).toEqual([[85, null]]);
    expect(mapped('培训党员1280人次。')).toEqual([[1280, null]]);
    // a count of people is no share, a share no count
    expect(mapped('女党员占42.9%。')).toEqual([[0.429, null]]);
  });

  it('prefers a phrase users added over the registry’s of the same length', () => {
    const dictionary = [...DICTIONARY, ...entry('inspections.problems.rectified', '个', ['发现问题'], 'range', true)];
    expect(mapped('发现问题2个。', dictionary)).toEqual([[2, 'inspections.problems.rectified']]);
  });

  it('knows which units count the same things', () => {
    expect(unitsCompatible('人', '名')).toBe(true);
    expect(unitsCompatible('件', '个')).toBe(true);
    expect(unitsCompatible('人次', '名')).toBe(false);
    expect(unitsCompatible('%', '名')).toBe(false);
    expect(unitsCompatible('元', '个')).toBe(false);
  });
});

describe('claimHolds', () => {
  it.each<[string, number, string, string, number, boolean]>([
    ['equal', 7, '名', '', 7, true],
    ['unequal', 7, '名', '', 6, false],
    ['余: at least', 3000, '名', '余', 3050, true],
    ['余: not below', 3000, '名', '余', 2990, false],
    ['超: at least', 100, '个', '超', 100, true],
    ['以上', 20, '名', '以上', 19, false],
    ['以下', 5, '名', '以下', 4, true],
    ['近: at most and within 10%', 100, '人', '近', 92, true],
    ['近: not above', 100, '人', '近', 101, false],
    ['近: not far below', 100, '人', '近', 85, false],
    ['约: within 5%', 1000, '个', '约', 1049, true],
    ['约: not beyond', 1000, '个', '约', 1060, false],
    ['percent to one decimal', 0.855, '%', '', 0.8549, true],
    ['percent off by a tenth', 0.85, '%', '', 0.8512, false],
    ['money to the fen', 415394100, '元', '', 415394100.004, true],
    ['累计 is equal', 42000, '个', '累计', 42000, true],
  ])('%s', (_, value, unit, qualifier, computed, holds) => {
    expect(claimHolds({ value, unit, qualifier: qualifier as never }, computed)).toBe(holds);
  });
});
