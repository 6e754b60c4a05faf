import { describe, expect, it } from 'vitest';
import { ROLES, roleHasPermission } from './access.js';
import {
  fillReportWords,
  formatChange,
  formatReportNumber,
  formatTrend,
  headingLength,
  metricKeysOf,
  paragraphKindOf,
  previousYearPeriod,
  quarterPeriod,
  reportFigurePeriods,
  reportLines,
  reportPeriodLabel,
  tokenizeReportText,
} from './reports.js';
import { reportPeriodErrors } from './reports-schemas.js';

describe('report placeholders', () => {
  it('splits prose into text, placeholders with formats, and compare blocks', () => {
    expect(
      tokenizeReportText('党员{{ members.total | wan }}{{#compare}}，同比{{members.total|trend}}{{/compare}}。'),
    ).toEqual([
      { type: 'text', text: '党员' },
      { type: 'placeholder', raw: '{{ members.total | wan }}', key: 'members.total', formats: ['wan'], error: null },
      { type: 'open', block: 'compare' },
      { type: 'text', text: '，同比' },
      { type: 'placeholder', raw: '{{members.total|trend}}', key: 'members.total', formats: ['trend'], error: null },
      { type: 'close', block: 'compare' },
      { type: 'text', text: '。' },
    ]);
  });

  it('keeps a malformed placeholder with its error', () => {
    const [bad, format, two] = tokenizeReportText('{{党员}}{{members.total|bogus}}{{members.total|change|rate}}');
    expect(bad).toMatchObject({ type: 'placeholder', error: '占位符“{{党员}}”格式有误' });
    expect(format).toMatchObject({ error: '格式“bogus”无效' });
    expect(two).toMatchObject({ error: expect.stringContaining('只能用一种对比格式') });
  });

  it('lists the metric keys a text names, words of scope and period left out', () => {
    expect(
      metricKeysOf('{{org.name}}{{members.total}}{{members.total|wan}}{{period.label}}{{life.meetings.held}}'),
    ).toEqual(['members.total', 'life.meetings.held']);
  });

  it('fills the words of scope and period and leaves metrics', () => {
    const ctx = { orgName: '城关镇党委', from: '2026-07-01', to: '2026-09-30', compare: null, today: '2026-10-08' };
    expect(fillReportWords('{{org.name}}{{period.label}}汇报：{{members.total}}', ctx)).toBe(
      '城关镇党委2026年第三季度汇报：{{members.total}}',
    );
    expect(fillReportWords('{{compare.year}}', ctx)).toBe('{{compare.year}}');
  });
});

describe('report paragraphs', () => {
  it('tells headings of each level, the addressee and body text apart', () => {
    expect(
      [
        '一、工作开展情况',
        '（一）健全机制、夯实责任。构建了',
        '1.理论考试',
        '（1）演讲比赛',
        '县委：',
        '一是组织理论考试',
        '1.2万名党员',
      ].map(paragraphKindOf),
    ).toEqual(['heading1', 'heading2', 'heading3', 'heading4', 'salutation', 'body', 'body']);
  });

  it('takes the heading part of a paragraph to its first 。', () => {
    expect(headingLength('（一）健全机制、夯实责任。构建了架构。')).toBe('（一）健全机制、夯实责任。'.length);
    expect(headingLength('一、工作开展情况')).toBe(8);
  });

  it('drops blank lines and full-width indents', () => {
    expect(reportLines('　　第一段\n\n  第二段  \r\n')).toEqual(['第一段', '第二段']);
  });
});

describe('figures written the Chinese way', () => {
  it('writes exact integers with the unit, 万 only when asked and from 10,000 up, shares with one decimal', () => {
    expect(formatReportNumber(3629, '名')).toBe('3629名');
    expect(formatReportNumber(42000, '个')).toBe('42000个');
    expect(formatReportNumber(42000, '个', { wan: true })).toBe('4.2万个');
    expect(formatReportNumber(9999, '名', { wan: true })).toBe('9999名');
    expect(formatReportNumber(415394100, '元', { wan: true })).toBe('41539.41万元');
    expect(formatReportNumber(1234.5, '元')).toBe('1234.5元');
    expect(formatReportNumber(0.85, '%')).toBe('85.0%');
    expect(formatReportNumber(0.3047, '%')).toBe('30.5%');
    expect(formatReportNumber(1326, '件', { bare: true })).toBe('1326');
  });

  it('writes changes with their direction, a share’s in 个百分点', () => {
    expect(formatChange(12, '名')).toBe('增加12名');
    expect(formatChange(-3, '名')).toBe('减少3名');
    expect(formatChange(0, '名')).toBe('持平');
    expect(formatChange(0.025, '%')).toBe('增加2.5个百分点');
    expect(formatTrend(0.052)).toBe('增长5.2%');
    expect(formatTrend(-0.031)).toBe('下降3.1%');
    expect(formatTrend(0)).toBe('持平');
  });
});

describe('report periods', () => {
  it('names years, quarters, months and other ranges', () => {
    expect(reportPeriodLabel('2026-01-01', '2026-12-31')).toBe('2026年');
    expect(reportPeriodLabel(quarterPeriod(2026, 3).from, quarterPeriod(2026, 3).to)).toBe('2026年第三季度');
    expect(reportPeriodLabel('2026-02-01', '2026-02-28')).toBe('2026年2月');
    expect(reportPeriodLabel('2026-01-01', '2026-11-25')).toBe('2026年1月1日至11月25日');
    expect(reportPeriodLabel('2025-12-01', '2026-02-28')).toBe('2025年12月1日至2026年2月28日');
    expect(previousYearPeriod({ from: '2024-01-01', to: '2024-02-29' })).toEqual({
      from: '2023-01-01',
      to: '2023-02-28',
    });
  });

  it('counts a period not yet ended to today, and cuts the compared period by as many days', () => {
    const q4 = { from: '2026-10-01', to: '2026-12-31' };
    const lastQ4 = { from: '2025-10-01', to: '2025-12-31' };
    expect(reportFigurePeriods(q4, lastQ4, '2027-01-05')).toEqual({ period: q4, compare: lastQ4, asOf: null });
    expect(reportFigurePeriods(q4, lastQ4, '2026-11-25')).toEqual({
      period: { from: '2026-10-01', to: '2026-11-25' },
      compare: { from: '2025-10-01', to: '2025-11-25' },
      asOf: '2026-11-25',
    });
    expect(reportFigurePeriods(q4, null, '2026-09-01')).toEqual({
      period: { from: '2026-10-01', to: '2026-10-01' },
      compare: null,
      asOf: '2026-10-01',
    });
  });

  it('checks a period and its compared period by field', () => {
    expect(reportPeriodErrors({ from: '2026-02-01', to: '2026-01-01' })).toEqual({ to: '截止日期不能早于起始日期' });
    expect(reportPeriodErrors({ from: '2026-01-01', to: '2026-03-31', compareFrom: '2025-01-01' })).toEqual({
      compareTo: '对比期的起止日期须同时填写',
    });
    expect(reportPeriodErrors({ compareFrom: null, compareTo: null })).toEqual({});
  });
});

describe('who writes reports', () => {
  it('system, organisation-department and township admins write reports; the others read them', () => {
    expect(ROLES.filter((r) => roleHasPermission(r, 'reports:write'))).toEqual([
      'system_admin',
      'org_department_admin',
      'township_admin',
    ]);
  });
});
