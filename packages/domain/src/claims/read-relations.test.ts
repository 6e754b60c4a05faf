import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type GoldRelation, parseJsonl, type RelationScore, scoreRelations } from './fixtures/gold.js';
import { toTraditional } from './fixtures/traditional.js';
import { readClaims } from './read-claims.js';
import { type Relation, readRelations } from './read-relations.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const GOLD = parseJsonl<GoldRelation>(fixture('relations-gold.jsonl'));
const SYNTHETIC = parseJsonl<GoldRelation>(fixture('synthetic-relations.jsonl'));
const UNSEEN = parseJsonl<GoldRelation>(fixture('unseen-relations.jsonl'));

function scoreDocuments(gold: readonly GoldRelation[], label: string) {
  let predicted = 0;
  let correct = 0;
  let found = 0;
  let total = 0;
  const lines: string[] = [];
  for (const doc of [...new Set(gold.map((g) => g.doc))]) {
    const text = fixture(doc);
    const s: RelationScore = scoreRelations(
      text,
      readRelations(text, readClaims(text)),
      gold.filter((g) => g.doc === doc),
    );
    const p = s.predicted === 0 ? 1 : s.correct / s.predicted;
    const r = s.gold === 0 ? 1 : s.found / s.gold;
    lines.push(
      `  ${doc}: ${s.predicted} read, ${s.gold} gold; P=${p.toFixed(3)} (${s.correct}/${s.predicted}) R=${r.toFixed(3)} (${s.found}/${s.gold})`,
    );
    for (const f of s.falsePositives) lines.push(`    not in gold: ${f.formula} [${f.holds}] ${f.quote}`);
    for (const m of s.misses) lines.push(`    miss: ${m.relation}`);
    predicted += s.predicted;
    correct += s.correct;
    found += s.found;
    total += s.gold;
  }
  const precision = predicted === 0 ? 1 : correct / predicted;
  const recall = total === 0 ? 1 : found / total;
  console.log(
    `relations, ${label}:\n${lines.join('\n')}\n  all: P=${precision.toFixed(3)} (${correct}/${predicted}) R=${recall.toFixed(3)} (${found}/${total})`,
  );
  return { precision, recall };
}

describe('readRelations against relations-gold.jsonl', () => {
  it('finds the checkable relations and whether they hold (precision and recall printed)', () => {
    const { precision, recall } = scoreDocuments(GOLD, 'example reports (relations-gold.jsonl)');
    // the gold also lists relations no reader of the text alone can check (a village count that must match across
    // sections, 56 teams × 3, the five sections of the title): recall is bounded by them
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.7);
  });

  it('finds the relations of the synthetic reports, including those that fail (precision and recall printed)', () => {
    const { precision, recall } = scoreDocuments(SYNTHETIC, 'synthetic reports');
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });
});

describe('readRelations on reports labelled after the reader was written (unseen-relations.jsonl)', () => {
  it('finds their relations (precision and recall printed)', () => {
    // the gold keeps one relation across sections (60岁以上党员189名 of the 415 members two sections up): a miss
    const { precision, recall } = scoreDocuments(UNSEEN, 'unseen reports');
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.8);
  });
});

const read = (text: string) => readRelations(text).map((r) => [r.kind, r.formula, r.holds] as const);

describe('readRelations, one relation at a time', () => {
  it('checks a share against its count within the precision of the percentage', () => {
    expect(read('村级党组织领办1560件实事已完成85%、1326件。')).toEqual([
      ['share', '1326 / 1560 = 0.85 (0.8500)', true],
    ]);
    // 1498 / 1526 = 0.98165: 98.2% holds to one decimal, 98.0% does not
    expect(read('收集诉求1,526件，办结1,498件，办结率98.2%。')[0]?.[2]).toBe(true);
    expect(read('收集诉求1,526件，办结1,498件，办结率98.0%。')[0]?.[2]).toBe(false);
    // a rate of change is no share
    expect(read('收入2360万元，同比增长6.5%。')).toEqual([]);
    // counts listed side by side are no part and whole
    expect(read('10个村党支部和2个机关支部全部完成规范化建设，达标率100%。')).toEqual([]);
    // a sentence opening with 其中 breaks down the one before
    expect(read('全县有行政村152个。其中，收入50万元以上的村有97个，占比63.8%。')).toEqual([
      ['share', '97 / 152 = 0.638 (0.63816)', true],
    ]);
  });

  it('checks a total against the parts that make it up', () => {
    expect(read('发现问题421个，整改到位406个，还有15个问题正在整改。')).toEqual([['sum', '421 = 406 + 15', true]]);
    expect(read('梳理实事860件，已办结731件，其余139件正在推进。')).toContainEqual([
      'sum',
      '860 = 731 + 139 (870)',
      false,
    ]);
    expect(read('储备后备人才1001名，其中男性641、女性360人，中共党员690人。')).toEqual([
      ['breakdown', '1001 = 641 + 360', true],
      ['subset', '690 <= 1001', true],
    ]);
    expect(read('选派干部486名，其中第一书记162名、工作队员314名。')).toEqual([
      ['breakdown', '486 = 162 + 314 (476)', false],
    ]);
  });

  it('checks an average against its total and count within the precision written', () => {
    expect(read('全县152个行政村集体经济收入达到1.86亿元，村均122.4万元。')).toEqual([
      ['average', '186000000 / 152 = 1224000 (1223684.21)', true],
    ]);
    expect(read('全县152个行政村集体经济收入达到1.86亿元，村均132.4万元。')[0]?.[2]).toBe(false);
    expect(read('培训党员40名，累计培训660学时，人均16.5学时。')).toEqual([
      ['average', '660 / 40 = 16.5 (16.5)', true],
    ]);
  });

  it('checks a later step of a process against the one before', () => {
    expect(read('收集合同15074份，县级联合审核12056份，发现问题合同3099份，已完成整改66份。')).toEqual([
      ['funnel', '12056 <= 15074', true],
      ['funnel', '66 <= 3099', true],
    ]);
    expect(read('开展集体学习2810场，研讨交流563场，开展主题党日活动4030场。')).toEqual([]);
  });

  it('checks pairings, enumerations and amounts set against a list', () => {
    expect(read('由30个强村“一对一”帮带28个滞后村。')).toEqual([['pairing', '30 = 28', false]]);
    expect(read('做到“五清”，即：运营清、队伍清、党员清、组织清。')).toEqual([
      ['enumeration', '5 = |{运营清, 队伍清, 党员清, 组织清}| (4)', false],
    ]);
    expect(read('按照党委、党总支、党支部10万元、6万元、4万元的标准。')).toEqual([
      ['respectively', '|{党委, 党总支, 党支部}| = |{100000, 60000, 40000}| = 3', true],
    ]);
  });

  it.each(['000_3b12190f4f40437a.txt', '002_76dcab7e818b9862.txt'])(
    'reads %s converted to traditional characters as its simplified original',
    (doc) => {
      const shape = (r: Relation) => [r.kind, r.formula, r.holds, r.start, r.end];
      const simplified = readRelations(fixture(doc));
      expect(simplified.length).toBeGreaterThan(0);
      expect(readRelations(toTraditional(fixture(doc))).map(shape)).toEqual(simplified.map(shape));
    },
  );

  it('reads a traditional-character report as its simplified twin', () => {
    const shape = (r: Relation) => [r.kind, r.formula, r.holds, r.start, r.end];
    const simplified = readRelations(fixture('syn-02-county.txt'));
    expect(simplified.length).toBeGreaterThan(0);
    expect(readRelations(fixture('syn-02-county.zh-Hant.txt')).map(shape)).toEqual(simplified.map(shape));
  });
});
