import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatChineseNumber } from './chinese-numbers.js';
import { type ClaimScore, type GoldClaim, parseJsonl, precisionRecall, scoreClaims } from './fixtures/gold.js';
import { toTraditional } from './fixtures/traditional.js';
import { CLAIM_UNITS, type Claim, readClaims } from './read-claims.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const GOLD = parseJsonl<GoldClaim>(fixture('claims-gold.jsonl'));
const SYNTHETIC = parseJsonl<GoldClaim>(fixture('synthetic-claims.jsonl'));
const UNSEEN = parseJsonl<GoldClaim>(fixture('unseen-claims.jsonl'));

interface Tally {
  predicted: number;
  gold: number;
  doubtfulPredicted: number;
  matched: number;
  qualified: number;
}

function scoreDocuments(gold: readonly GoldClaim[], label: string): Tally {
  const total: Tally = { predicted: 0, gold: 0, doubtfulPredicted: 0, matched: 0, qualified: 0 };
  const lines: string[] = [];
  for (const doc of [...new Set(gold.map((g) => g.doc))]) {
    const text = fixture(doc);
    const s: ClaimScore = scoreClaims(
      text,
      readClaims(text),
      gold.filter((g) => g.doc === doc),
    );
    const found = precisionRecall(s, s.matched);
    const right = precisionRecall(s, s.qualified);
    lines.push(
      `  ${doc}: ${s.predicted} read, ${s.gold} gold; value+unit P=${found.precision.toFixed(3)} R=${found.recall.toFixed(3)};` +
        ` value+unit+qualifier P=${right.precision.toFixed(3)} R=${right.recall.toFixed(3)}`,
    );
    for (const m of s.misses) lines.push(`    miss ${m.quote} ${m.value} ${m.unit} ${m.qualifier}`);
    for (const f of s.falsePositives) lines.push(`    false positive ${f.quote} ${f.value} ${f.unit} ${f.qualifier}`);
    for (const w of s.wrongQualifiers)
      lines.push(`    qualifier ${w.predicted.quote}: ${w.predicted.qualifier} ≠ ${w.gold.qualifier}`);
    for (const k of ['predicted', 'gold', 'doubtfulPredicted', 'matched', 'qualified'] as const) total[k] += s[k];
  }
  const found = precisionRecall(total, total.matched);
  const right = precisionRecall(total, total.qualified);
  console.log(
    `claims, ${label}:\n${lines.join('\n')}\n  all: value+unit P=${found.precision.toFixed(3)} R=${found.recall.toFixed(3)};` +
      ` value+unit+qualifier P=${right.precision.toFixed(3)} R=${right.recall.toFixed(3)}`,
  );
  return total;
}

describe('readClaims against the gold labels of the two example reports', () => {
  it('finds the claims with their values, units and qualifiers (precision and recall printed)', () => {
    const t = scoreDocuments(GOLD, 'example reports (claims-gold.jsonl)');
    const { precision, recall } = precisionRecall(t, t.qualified);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it('finds every gold quote in its document (the fixtures are intact)', () => {
    for (const g of GOLD) expect(fixture(g.doc)).toContain(g.quote);
  });

  it('gives quotes that are the text at their offsets, in text order', () => {
    for (const doc of new Set(GOLD.map((g) => g.doc))) {
      const text = fixture(doc);
      const claims = readClaims(text);
      for (const c of claims) expect(text.slice(c.start, c.end)).toBe(c.quote);
      const starts = claims.map((c) => c.start);
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
    }
  });
});

describe('readClaims on reports it was not written against (synthetic-claims.jsonl)', () => {
  it('reads other wording, traditional characters and noise as well (precision and recall printed)', () => {
    const t = scoreDocuments(SYNTHETIC, 'synthetic reports');
    const { precision, recall } = precisionRecall(t, t.qualified);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it('reads a traditional-character report as its simplified twin, offsets pointing into the traditional text', () => {
    const simplified = fixture('syn-02-county.txt');
    const traditional = fixture('syn-02-county.zh-Hant.txt');
    expect(traditional).not.toBe(simplified);
    const a = readClaims(simplified);
    const b = readClaims(traditional);
    const shape = (c: Claim) => ({ value: c.value, unit: c.unit, qualifier: c.qualifier, start: c.start, end: c.end });
    expect(b.map(shape)).toEqual(a.map(shape));
    for (const c of b) expect(traditional.slice(c.start, c.end)).toBe(c.quote);
    expect(b.find((c) => c.value === 13000)?.quote).toContain('萬餘場');
  });
});

describe('readClaims on reports labelled after the reader was written (unseen-claims.jsonl)', () => {
  it('reads a news page, a traditional-character report and a township page with site chrome (precision and recall printed)', () => {
    const t = scoreDocuments(UNSEEN, 'unseen reports');
    const { precision, recall } = precisionRecall(t, t.qualified);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it('reads no figure in the chrome of a scraped page (来源, 浏览次数, 责任编辑, ICP备, 附件 lists)', () => {
    const chrome = [
      '首页 > 新闻中心 > 基层动态',
      '发布时间：2024-03-12 09:30  来源：XX县融媒体中心  浏览次数：1286',
      '责任编辑：李明   审核：王强',
      '· XX县召开2024年基层党建工作会议（2024-02-20）',
      '下一篇：XX县第十五次党代会胜利闭幕',
      '附件：1.党员花名册 2.学习台账',
      '主办单位：XX乡人民政府  ICP备12345678号  技术支持：XX网络',
    ].join('\n');
    expect(readClaims(chrome)).toEqual([]);
  });
});

describe('readClaims on the example reports converted to traditional characters', () => {
  // what is counted comes out simplified too: it is what a metric's phrases are matched against
  const shape = (c: Claim) => ({
    value: c.value,
    unit: c.unit,
    qualifier: c.qualifier,
    counted: c.counted,
    start: c.start,
    end: c.end,
  });
  it.each(['000_3b12190f4f40437a.txt', '002_76dcab7e818b9862.txt'])('%s reads as its simplified original', (doc) => {
    const simplified = fixture(doc);
    const traditional = toTraditional(simplified);
    expect(traditional.length).toBe(simplified.length);
    const changed = [...simplified].filter((c, i) => c !== traditional[i]).length;
    expect(changed).toBeGreaterThan(simplified.length / 10);
    const read = readClaims(traditional);
    expect(read.map(shape)).toEqual(readClaims(simplified).map(shape));
    for (const c of read) {
      expect(traditional.slice(c.start, c.end)).toBe(c.quote);
      expect(CLAIM_UNITS).toContain(c.unit);
    }
    expect(read.some((c) => /[個萬億]/.test(c.quote))).toBe(true);
  });
});

const one = (text: string) => {
  const claims = readClaims(text);
  expect(claims).toHaveLength(1);
  return claims[0]!;
};

describe('readClaims, one claim at a time', () => {
  it.each<[string, number, string, string]>([
    ['累计发现上报各领域问题4.2万个。', 42000, '个', '累计'],
    ['涉及资产资金总额41539.41万元。', 415394100, '元', ''],
    ['3000余名干部参加了考试。', 3000, '名', '余'],
    ['每天更新材料1000多篇。', 1000, '篇', '余'],
    ['印发通报两期。', 2, '期', ''],
    ['走访慰问老党员近百人。', 100, '人', '近'],
    ['开展活动超过3000人次。', 3000, '人次', '超'],
    ['服务群众逾万人。', 10000, '人', '超'],
    ['投入资金约1.2亿元。', 120000000, '元', '约'],
    ['培训8小时左右。', 8, '小时', '约'],
    ['培强50万元以上的村。', 500000, '元', '以上'],
    ['大专及以下学历党员200名。', 200, '名', ''],
    ['完成率达到85％。', 0.85, '%', ''],
    ['覆盖率达百分之九十二。', 0.92, '%', ''],
    ['较上年提高3个百分点。', 0.03, '百分点', ''],
    ['约三成党员在外务工。', 0.3, '%', '约'],
    ['建成一百零五个服务站。', 105, '个', ''],
    ['发展党员二十三名。', 23, '名', ''],
    ['开展宣讲十余场。', 10, '场', '余'],
    ['惠及群众两千余户。', 2000, '户', '余'],
    ['组建志愿服务队6支。', 6, '支', ''],
    ['每名党员每年学习不少于32学时。', 32, '学时', '以上'],
    ['连续5年获评先进。', 5, '年', ''],
    ['新建活动场所１２处。', 12, '处', ''],
    ['培训党员1,280人次。', 1280, '人次', ''],
    ['开展「三会一课」1.3萬餘場。', 13000, '场', '余'],
    ['辦理實事40項。', 40, '项', ''],
  ])('%s → %d %s %s', (text, value, unit, qualifier) => {
    const c = one(text);
    expect(c.value).toBeCloseTo(value, 9);
    expect(c.unit).toBe(unit);
    expect(c.qualifier).toBe(qualifier);
    expect(text.slice(c.start, c.end)).toBe(c.quote);
  });

  it('says what is counted', () => {
    expect(one('3000余名干部参加了“理论考试”。').counted).toBe('干部');
    expect(one('全县各级党组织的1200余名选手，经过选拔').counted).toBe('选手');
    expect(readClaims('村级党组织领办1560件实事已完成85%、1326件。').map((c) => c.counted)[0]).toBe('实事');
    expect(one('开展集体学习2810场。').counted).toBe('集体学习');
  });

  it('borrows the unit of a sibling: 男性641、女性360人; 10、6、4万元', () => {
    expect(readClaims('其中男性641、女性360人。').map((c) => [c.value, c.unit])).toEqual([
      [641, '人'],
      [360, '人'],
    ]);
    expect(readClaims('党支部分别为10、6、4万元。').map((c) => c.value)).toEqual([100000, 60000, 40000]);
    expect(readClaims('参学率分别为85、90%。').map((c) => [c.value, c.unit])).toEqual([
      [0.85, '%'],
      [0.9, '%'],
    ]);
    expect(readClaims('分别提高3、5个百分点。').map((c) => c.value)).toEqual([0.03, 0.05]);
    // a list number is no sibling
    expect(readClaims('\n1、召开会议3次。').map((c) => c.value)).toEqual([3]);
  });

  it.each([
    ['dates', '2023年以来，10月底前完成，3月15日召开，2024年6月30日统计，2023年度，3月份以来，今年以来。'],
    ['ordinals', '第一议题，第3轮巡察，第二批主题教育，排名全县第一，第一书记，党的二十届三中全会。'],
    [
      'list numbering',
      '一、基本情况\n（一）健全机制。一是组织考试；二是开展比赛。\n1. 网格治理\n(2) 为民服务\n3、经费保障',
    ],
    ['names of mechanisms', '构建“1+3+8”工作架构，推行“五步工作法”，深化“三联三促”，落实“1249”机制，开展五比五赛。'],
    ['slogans', '增强四个意识，做到两个维护，解决“两张皮”问题，实行“一肩挑”，落实八项规定。'],
    ['the indefinite 一', '作为一个重要抓手，培育一批经济强村，作为一名党员。'],
    ['bare 百/千/万', '百万元村达到X个，千方百计，千家万户。'],
    ['phone and document numbers', '联系电话：0914-2381234，13800138000；《通知》（城委发〔2024〕7号）。'],
    ['ratios and formulas', '按照1:2的比例，1：1配备，“3年达标+3年先进”。'],
    ['masked figures', '党建经费1X万元，X余次，X人X万元。'],
    ['a count of years with no count marker', '以五年有规划、三年有计划的系统观念部署推动。'],
  ])('reads no claim in %s', (_, text) => {
    expect(readClaims(text)).toEqual([]);
  });

  it('skips scraped-site noise', () => {
    const noisy = [
      '##paidbegin##三、下一步工作计划[最*#@新热^点素材尽在【公众&号：哒哒君】]',
      '【哒哒素材库】——每天更新材料1000多篇内部高质量素材，会员群+网盘群同步每日更新，有意加入请联系客服',
      '欢迎加入“素材库svip会员”，9000万字材料，添加客服：cwk，公众号：哒哒君',
      '##paidend##',
    ].join('\n');
    expect(readClaims(noisy)).toEqual([]);
  });

  it('names a mechanism wherever the report repeats it unquoted', () => {
    const text = '抓住“一条主线、一个中心、三个提升”。\n三个提升，即提升水平、提升效能、提升质效。';
    expect(readClaims(text)).toEqual([]);
  });
});

describe('readClaims on generated sentences', () => {
  const nouns = ['党员', '党组织', '志愿服务队', '活动', '实事', '资金'];
  const units = ['个', '名', '人', '人次', '场', '次', '期', '件', '项', '户', '家', '篇'];
  const written = fc.oneof(
    fc.integer({ min: 2, max: 99_999 }).map((n) => [String(n), n] as const),
    fc.integer({ min: 1_000, max: 9_999_999 }).map((n) => [n.toLocaleString('en-US'), n] as const),
    fc.integer({ min: 2, max: 9_999 }).map((n) => [formatChineseNumber(n), n] as const),
    fc.integer({ min: 11, max: 9_999 }).map((n) => [`${n / 10}万`, n * 1000] as const),
  );

  it('reads back every figure written, with its unit and place', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...nouns), written, fc.constantFrom(...units)), {
          minLength: 1,
          maxLength: 5,
        }),
        (parts) => {
          const text = `${parts.map(([noun, [w], unit]) => `开展${noun}${w}${unit}`).join('，')}。`;
          const claims = readClaims(text);
          expect(claims.map((c) => [c.value, c.unit])).toEqual(parts.map(([, [, v], unit]) => [v, unit]));
          for (const c of claims) expect(text.slice(c.start, c.end)).toBe(c.quote);
        },
      ),
    );
  });
});
