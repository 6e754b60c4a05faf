// Reading a report back (材料核数, issue 7): every quantitative claim of a 工作汇报, normalised — 4.2万个 → 42000 个,
// 41539.41万元 → 415394100 元, 85% → 0.85 %, 两期 → 2 期, 3000余名 → 3000 名 qualified 余 — with what it counts and
// where it is. Dates, ordinals, list numbers, names of mechanisms and site noise are not claims.
import { findNumbers, magnitudeOf, type NumberToken, tidyNumber } from './chinese-numbers.js';
import { normalizeReportText } from './normalize-text.js';
import { findReportZones, zoneMask } from './report-zones.js';

/** How a figure is hedged: 余 (also written 多), 近, 超 (超过, 逾, 突破), 以上, 以下, 约 (左右), 累计; '' when plain. */
export const CLAIM_QUALIFIERS = ['', '余', '近', '超', '以上', '以下', '约', '累计'] as const;
export type ClaimQualifier = (typeof CLAIM_QUALIFIERS)[number];

export interface Claim {
  /** The claim as written: the number, its unit and qualifiers, and the phrase it counts when that is adjacent. */
  quote: string;
  /** Normalised: 万/亿 multiplied out, percentages as fractions. */
  value: number;
  /** Simplified characters; 万元/亿元 → 元; % for percentages. */
  unit: string;
  qualifier: ClaimQualifier;
  /** What is counted, best effort (干部, 选手, 实事); '' when the reader cannot tell. */
  counted: string;
  /** Offsets of `quote` in the input (JS string indices, end exclusive). */
  start: number;
  end: number;
}

/**
 * The counting words (量词) a claim ends with, as written after normalisation → the unit reported. `notBefore`: the
 * characters that, right after the unit, make it part of another word (3场所, 期间, 2023年度) — then it is no unit.
 */
const UNIT_TABLE: ReadonlyArray<{ text: string; unit: string; factor?: number; notBefore?: string }> = [
  { text: '个百分点', unit: '百分点', factor: 0.01 },
  { text: '个工作日', unit: '工作日' },
  { text: '个月', unit: '个月' },
  { text: '人次', unit: '人次' },
  { text: '场次', unit: '场次' },
  { text: '轮次', unit: '轮次' },
  { text: '批次', unit: '批次' },
  { text: '户次', unit: '户次' },
  { text: '课时', unit: '课时' },
  { text: '学时', unit: '学时' },
  { text: '小时', unit: '小时' },
  { text: '分钟', unit: '分钟' },
  { text: '平方米', unit: '平方米' },
  { text: '公里', unit: '公里' },
  { text: '公斤', unit: '公斤' },
  { text: '周岁', unit: '岁' },
  { text: '个', unit: '个', notBefore: '性别' },
  { text: '名', unit: '名', notBefore: '单称义誉' },
  { text: '位', unit: '位', notBefore: '于置次数' },
  { text: '人', unit: '人', notBefore: '民' },
  { text: '场', unit: '场', notBefore: '所景地合面域' },
  { text: '次', unit: '次', notBefore: '日年月序级要' },
  { text: '期', unit: '期', notBefore: '间限刊末中初待望盼货' },
  { text: '轮', unit: '轮', notBefore: '流换' },
  { text: '件', unit: '件' },
  { text: '条', unit: '条', notBefore: '例件款' },
  { text: '项', unit: '项' },
  { text: '元', unit: '元', notBefore: '旦素宵' },
  { text: '户', unit: '户', notBefore: '籍口外型' },
  { text: '家', unit: '家', notBefore: '庭乡属长' },
  { text: '所', unit: '所', notBefore: '有属在谓以得' },
  { text: '支', unit: '支', notBefore: '部持付出撑援书' },
  { text: '篇', unit: '篇', notBefore: '章幅' },
  { text: '批', unit: '批', notBefore: '准示复评' },
  { text: '天', unit: '天', notBefore: '然地下津空' },
  { text: '年', unit: '年', notBefore: '度级代底初末中前后来内轻龄会报鉴终份' },
  { text: '只', unit: '只', notBefore: '有是要能' },
  { text: '种', unit: '种', notBefore: '植子养' },
  { text: '份', unit: '份', notBefore: '额子' },
  { text: '处', unit: '处', notBefore: '理置室长级分' },
  { text: '座', unit: '座', notBefore: '谈' },
  { text: '间', unit: '间' },
  { text: '套', unit: '套' },
  { text: '台', unit: '台', notBefore: '阶账' },
  { text: '辆', unit: '辆' },
  { text: '张', unit: '张' },
  { text: '本', unit: '本', notBefore: '地级村质' },
  { text: '册', unit: '册' },
  { text: '部', unit: '部', notBefore: '门分署长委队室落位' },
  { text: '幅', unit: '幅' },
  { text: '块', unit: '块' },
  { text: '类', unit: '类' },
  { text: '亩', unit: '亩' },
  { text: '吨', unit: '吨' },
  { text: '米', unit: '米' },
  { text: '岁', unit: '岁' },
  { text: '倍', unit: '倍' },
  { text: '周', unit: '周', notBefore: '年岁' },
  { text: '枚', unit: '枚', notBefore: '举' },
  { text: '起', unit: '起', notBefore: '草码步点始来初航飞床' },
  { text: '例', unit: '例', notBefore: '会如外子行' },
  { text: '宗', unit: '宗', notBefore: '旨教族' },
  { text: '栋', unit: '栋', notBefore: '梁' },
  { text: '门', unit: '门', notBefore: '户口诊槛类店面前卫窗' },
  // 三成 = 30%: only after a number up to 十 (see readToken)
  { text: '成', unit: '%', factor: 0.1, notBefore: '立为员果效绩本熟功就长型交品都群' },
].sort((a, b) => b.text.length - a.text.length);

/** Every unit the reader reports (simplified), for documentation and tests. */
export const CLAIM_UNITS = [...new Set([...UNIT_TABLE.map((u) => u.unit), '%'])] as readonly string[];

/** Qualifiers written right before the number, longest first. 上 only before a bare 百/千/万 (上千人). */
const BEFORE_QUALIFIERS: ReadonlyArray<readonly [string, ClaimQualifier]> = [
  ['不少于', '以上'],
  ['不低于', '以上'],
  ['不超过', '以下'],
  ['不高于', '以下'],
  ['将近', '近'],
  ['接近', '近'],
  ['超过', '超'],
  ['突破', '超'],
  ['大约', '约'],
  ['至少', '以上'],
  ['最少', '以上'],
  ['至多', '以下'],
  ['最多', '以下'],
  ['不足', '以下'],
  ['近', '近'],
  ['超', '超'],
  ['逾', '超'],
  ['约', '约'],
];
/** A character before 近/约/超 that makes it part of a word (最近, 签约, 赶超), not a qualifier. */
const NOT_BEFORE_SINGLE: Readonly<Record<string, string>> = {
  近: '最附亲新临靠贴邻',
  约: '签节制契预邀履特公条简婚合违守相',
  超: '赶高',
};
/** Qualifiers written after the unit. */
const AFTER_QUALIFIERS: ReadonlyArray<readonly [string, ClaimQualifier]> = [
  ['及以上', '以上'],
  ['及以下', '以下'],
  ['以上', '以上'],
  ['以下', '以下'],
  ['以内', '以下'],
  ['左右', '约'],
];
/** A count of years (not a date) is written after one of these (连续3年, 长达十年) or with 以上/余/多. */
const YEAR_COUNT_MARKERS = ['连续', '长达', '历时', '满', '坚持', '扎根', '服务', '任职', '从事', '工作', '达'];

/** Verbs and fillers that open the phrase before a number; what is counted follows the last of them. */
export const LEAD_WORDS: readonly string[] = [
  '召开',
  '开展',
  '组织开展',
  '印发',
  '下发',
  '举办',
  '举行',
  '建立',
  '建成',
  '打造',
  '整顿',
  '评选',
  '表彰',
  '明确',
  '摸底建库',
  '布局建设',
  '参加',
  '参与',
  '解决',
  '解答',
  '引进',
  '签订',
  '推广',
  '优化调整',
  '调整',
  '发现',
  '上报',
  '处置',
  '领办',
  '完成',
  '形成',
  '涉及',
  '收集',
  '审核',
  '拨付',
  '选派',
  '新建',
  '组建',
  '推荐',
  '选聘',
  '回引',
  '储备',
  '细化',
  '创建',
  '争取',
  '提升改造',
  '发放',
  '兑现',
  '任命',
  '补充',
  '培育',
  '实施',
  '帮助',
  '设立',
  '成立',
  '吸纳',
  '慰问',
  '走访',
  '投入',
  '筹集',
  '排查',
  '化解',
  '办结',
  '办理',
  '受理',
  '接待',
  '录用',
  '招聘',
  '覆盖',
  '惠及',
  '带动',
  '帮带',
  '培养',
  '选拔',
  '发展',
  '达到',
  '整改',
  '共计',
  '总计',
  '合计',
  '累计',
  '共有',
  '现有',
  '设有',
  '拥有',
  '下设',
  '下辖',
  '改造',
  '建设',
  '遴选',
  '招录',
  '组织',
];
/** Lead words that are nouns after these characters (党组织, 基层组织): no verb there. */
const LEAD_WORD_NOUN_AFTER: Readonly<Record<string, string>> = { 组织: '党级层团' };
/** Fillers dropped from the start of the phrase before a number (全县|党员, 其中|女党员, 上半年|集中学习). */
const START_FILLERS = [
  '其中',
  '各类',
  '各级',
  '全县',
  '全市',
  '全区',
  '全镇',
  '全乡',
  '全省',
  '全年',
  '上半年',
  '下半年',
  '今年',
  '去年',
  '当年',
  '年内',
  '已',
  '均',
  '共',
  '的',
  '并',
  '了',
  '和',
  '及',
  '与',
  '有',
];
/**
 * Fillers dropped from the end of that phrase (党员有|189名, 办结率达|96%, 青年党员仅|41名). Single characters are
 * never dropped from the start: they begin words there (达标率, 年轻干部, 共青团).
 */
const END_FILLERS = ['的', '了', '等', '为', '达', '均', '共', '并', '已', '仅', '只', '约', '近', '超', '计', '有'];
/** …unless the phrase ends in one of these words (国有, 所有). */
const END_WORDS = ['国有', '所有', '公有', '私有', '拥有', '共有', '现有', '设有'];

/** Words that end the noun phrase after a number (3000余名干部|参加了…). */
const STOP_AFTER = [
  '参加',
  '解决',
  '超过',
  '获得',
  '获评',
  '纳入',
  '到',
  '参与',
  '进行',
  '进入',
  '通过',
  '开展',
  '结对',
  '分别',
  '全部',
  '经过',
  '完成',
  '达到',
  '实行',
  '实现',
  '担任',
  '下沉',
  '合计',
  '累计',
  '得到',
  '受到',
  '有序',
  '正在',
  '全面',
  '落实',
  '统筹',
  '常态化',
  '充分',
  '切实',
  '积极',
  '深入',
  '持续',
  '换届',
  '逐',
  '以',
  '已',
  '在',
  '和',
  '与',
  '及',
  '等',
  '被',
  '为',
  '的',
  '是',
  '将',
  '并',
  '从',
  '向',
  '由',
  '于',
  '中',
  '上',
  '均',
  '共',
  '占',
];
const STOP_AFTER_EXCEPTIONS = [
  '积极分子',
  '到位',
  '在职',
  '在岗',
  '在家',
  '在校',
  '在册',
  '在外',
  '中共',
  '中心',
  '中层',
  '中小',
  '上级',
];

const HAN = /\p{Script=Han}/u;
const isHan = (c: string | undefined) => c !== undefined && HAN.test(c);
/** Ends the phrase before a number. */
const CLAUSE_END = new Set([...'，。；：！？、,;:!?\n']);
/** Ends the clause a 累计 reaches over (累计发现上报政策宣传、防火防汛…等领域问题4.2万个). */
const SENTENCE_PART_END = new Set([...'，。；：！？,;:!?\n']);

interface Reading {
  token: NumberToken;
  value: number;
  unit: string;
  qualifier: ClaimQualifier;
  /** Span of number, qualifiers and unit. */
  start: number;
  end: number;
  /**
   * What the written number was multiplied by (4.2万 → 10000, 85% → 0.01, 3个百分点 → 0.01), which a bare sibling
   * borrows with the unit (10、6、4万元; 85、90%).
   */
  scale: number;
}

function beforeQualifier(s: string, at: number, bare: boolean): { qualifier: ClaimQualifier; start: number } | null {
  for (const [text, qualifier] of BEFORE_QUALIFIERS) {
    const from = at - text.length;
    if (from < 0 || s.slice(from, at) !== text) continue;
    const excluded = NOT_BEFORE_SINGLE[text];
    const previous = s[from - 1];
    if (excluded && previous !== undefined && excluded.includes(previous)) continue;
    return { qualifier, start: from };
  }
  if (bare && s[at - 1] === '上') return { qualifier: '约', start: at - 1 };
  // a hedge before a linking verb: 约占45.5%, 约为1.2亿元, 将近有200人
  if (at > 0 && '占为有达计'.includes(s[at - 1]!)) {
    const hedged = beforeQualifier(s, at - 1, false);
    if (hedged?.qualifier === '约' || hedged?.qualifier === '近') return hedged;
  }
  // a bound may stand before the verb: 至少开展1次, 每人至少包抓一个
  const window = s.slice(Math.max(0, at - 7), at);
  for (const [text, qualifier] of BEFORE_QUALIFIERS) {
    if (text.length < 2) continue;
    const k = window.lastIndexOf(text);
    const between = k >= 0 ? window.slice(k + text.length) : '';
    if (k >= 0 && between.length <= 3 && /^\p{Script=Han}+$/u.test(between) && !/[0-9]/.test(between)) {
      if (qualifier === '以上' || qualifier === '以下') return { qualifier, start: at - window.length + k };
    }
  }
  return null;
}

function unitAt(s: string, at: number) {
  for (const u of UNIT_TABLE) {
    if (!s.startsWith(u.text, at)) continue;
    const next = s[at + u.text.length] ?? '';
    if (u.notBefore && next !== '' && u.notBefore.includes(next)) continue;
    return u;
  }
  return null;
}

/** Is the token a list number, an ordinal, part of a date or of a word, rather than a count? */
function isNotACount(s: string, t: NumberToken): boolean {
  const prev = s[t.start - 1] ?? '';
  const prev2 = s.slice(Math.max(0, t.start - 2), t.start);
  const next = s[t.end] ?? '';
  if (t.kind === 'sequence' || t.kind === 'invalid') return true;
  if (prev === '第') return true;
  if (/[A-Za-z]/.test(prev) || /[A-Za-z]/.test(next)) return true;
  if (prev === '+' || next === '+' || (prev === '-' && /\d/.test(s[t.start - 2] ?? ''))) return true;
  if (next === '-' && /\d/.test(s[t.end + 1] ?? '')) return true;
  if (/[:：/]/.test(prev) && /\d/.test(s[t.start - 2] ?? '')) return true;
  if (/[:：/]/.test(next) && /\d/.test(s[t.end + 1] ?? '')) return true;
  // list numbering: "（一）", "(1)", "1、" or "一、" at the head of a line
  if (/[（(]/.test(prev) && /[）)]/.test(next)) return true;
  const lineHead = t.start === 0 || /\n\s*$/.test(s.slice(Math.max(0, t.start - 4), t.start));
  if (lineHead && /[、.．)）]/.test(next) && !/\d/.test(s[t.end + 1] ?? '')) return true;
  if (t.kind === 'chinese') {
    if (t.text === '一' || t.text === '壹') return true; // the indefinite article: 一个重要抓手, 一批, 一名党员
    if (/[周初几数若统唯之同划逐专单均]/.test(prev) || prev2 === '星期' || prev2 === '礼拜') return true;
    if (next === '几' || next === '是') return true;
  }
  if (/[几数]/.test(prev) || prev2 === '若干') return true;
  return false;
}

/** The number, its qualifiers and unit, or null when the token is no count. */
function readToken(s: string, t: NumberToken, mask: Uint8Array): Reading | null {
  if (mask[t.start] !== 0 || isNotACount(s, t)) return null;
  let j = t.end;
  let value = t.value;
  let approx = false;
  let unit: string | null = null;
  let scale = t.magnitude;
  if (t.kind === 'percent') {
    unit = '%';
    scale = /分之/.test(t.text) ? Number.NaN : t.text.endsWith('‰') || t.text.startsWith('千分之') ? 0.001 : 0.01;
  } else {
    if ((s[j] === '余' || s[j] === '多') && s[j + 1] !== undefined) {
      approx = true;
      j++;
    }
    const mag = approx ? /^[百千万亿]+/.exec(s.slice(j, j + 3))?.[0] : undefined;
    if (mag) {
      scale *= magnitudeOf(mag)!;
      value = tidyNumber(value * magnitudeOf(mag)!);
      j += mag.length;
    }
    const u = unitAt(s, j);
    const tenths = u?.text === '成' && (t.value > 10 || t.kind === 'mixed' || approx);
    if (u && mask[j] === 0 && !tenths) {
      unit = u.unit;
      if (u.factor) {
        value = tidyNumber(value * u.factor);
        scale *= u.factor;
      }
      j += u.text.length;
    } else if (approx) {
      return null; // 3000余 with nothing counted
    }
  }
  if (unit === null) return null;
  let qualifier: ClaimQualifier = approx ? '余' : '';
  let start = t.start;
  const before = beforeQualifier(s, t.start, t.bare);
  if (before && qualifier === '') {
    qualifier = before.qualifier;
    start = before.start;
  } else if (before) start = before.start;
  let end = j;
  for (const [text, q] of AFTER_QUALIFIERS) {
    if (s.startsWith(text, j)) {
      if (qualifier === '') qualifier = q;
      end = j + text.length;
      break;
    }
  }
  if (t.bare && qualifier === '') return null; // 百万元村, 千家万户: a bare 百/千/万 is a count only when hedged
  if (unit === '年') {
    const lead = s.slice(Math.max(0, start - 3), start);
    const isCount =
      t.value < 200 &&
      t.kind !== 'mixed' &&
      (YEAR_COUNT_MARKERS.some((m) => lead.endsWith(m)) || qualifier === '以上' || qualifier === '余');
    if (!isCount) return null;
  }
  if (qualifier === '' && clauseBefore(s, start).includes('累计')) qualifier = '累计';
  return { token: t, value, unit, qualifier, start, end, scale };
}

function clauseBefore(s: string, at: number): string {
  let i = at;
  while (i > 0 && !SENTENCE_PART_END.has(s[i - 1]!)) i--;
  return s.slice(i, at);
}

const QUOTE_MARKS = '“”「」『』‘’';
const stripQuotes = (x: string) => x.replace(/[“”「」『』‘’"《》]/g, '');

function stripLead(phrase: string): string {
  let p = phrase;
  for (let changed = true; changed && p !== ''; ) {
    changed = false;
    for (const w of START_FILLERS) {
      if (p.startsWith(w) && p.length > w.length) {
        p = p.slice(w.length);
        changed = true;
      }
    }
    for (const w of END_FILLERS) {
      if (p.endsWith(w) && p.length > w.length && !END_WORDS.some((e) => p.endsWith(e))) {
        p = p.slice(0, -w.length);
        changed = true;
      }
    }
  }
  // a phrase that is nothing but a filler counts nothing (其中|35岁以下)
  return START_FILLERS.includes(p) || END_FILLERS.includes(p) ? '' : p;
}

/** The noun phrase right after a unit (8个|行动子方案), up to a verb, a particle or punctuation. */
function phraseAfter(s: string, at: number, mask: Uint8Array): { text: string; end: number } {
  const from = s[at] === '的' ? at + 1 : at;
  let i = from;
  while (i < s.length && i - from < 12) {
    const c = s[i]!;
    // a quoted noun is the phrase itself (六个“季度擂台赛”); a quotation after a noun starts the next phrase
    if (QUOTE_MARKS.includes(c)) {
      if (i > from && !QUOTE_MARKS.includes(s[from]!)) break;
      if (i > from && '”」』’'.includes(c)) {
        i++;
        break;
      }
      i++;
      continue;
    }
    if (!isHan(c) || mask[i] === 1) break;
    const exception = STOP_AFTER_EXCEPTIONS.some((w) => s.startsWith(w, i));
    if (!exception && STOP_AFTER.some((w) => s.startsWith(w, i))) break;
    i++;
  }
  let end = i;
  // an opening quotation mark at the end belongs to the next phrase
  if (end > from && '“「‘'.includes(s[end - 1]!)) end--;
  const text = stripQuotes(s.slice(from, end));
  return { text, end: text === '' ? at : end };
}

/** The noun phrase before a number (开展集体学习|2810场 → 集体学习), from the clause start or the previous claim. */
function phraseBefore(s: string, at: number, floor: number, mask: Uint8Array): { text: string; start: number } {
  let i = at;
  while (i > floor && !CLAUSE_END.has(s[i - 1]!) && mask[i - 1] !== 1 && !/[0-9%]/.test(s[i - 1]!)) i--;
  // what is left of a date the run starts after (2023年|村集体经济收入, 6月|底前)
  if (i < at && /[0-9]/.test(s[i - 1] ?? '') && '年月日号'.includes(s[i]!)) i++;
  const run = s.slice(i, at);
  let best = -1;
  let bestLength = 0;
  for (const w of LEAD_WORDS) {
    let k = run.lastIndexOf(w);
    while (k > 0 && LEAD_WORD_NOUN_AFTER[w]?.includes(run[k - 1]!)) k = run.lastIndexOf(w, k - 1);
    if (k >= 0 && (k > best || (k === best && w.length > bestLength))) {
      best = k;
      bestLength = w.length;
    }
  }
  let text = run;
  let start = i;
  if (best >= 0) {
    const after = stripLead(run.slice(best + bestLength));
    if (after.length >= 2) {
      text = after;
      start = i + best + bestLength;
    } else if (after !== '') {
      // one character is no phrase: it ends the lead word's noun (办结|率 → 办结率, 培训|班 → 培训班)
      text = run.slice(best);
      start = i + best;
    } else text = run.slice(0, best);
  }
  const stripped = stripLead(stripQuotes(text));
  const clipped = stripped.length > 16 ? stripped.slice(-16) : stripped;
  return { text: clipped, start: clipped === '' ? at : Math.max(start, at - 20) };
}

/**
 * Every quantitative claim of a report, in text order. Traditional characters read as simplified; offsets point
 * into the text as given.
 */
export function readClaims(text: string): Claim[] {
  const s = normalizeReportText(text);
  const mask = zoneMask(s.length, findReportZones(s));
  const tokens = findNumbers(s);
  const readings: Array<Reading | null> = tokens.map((t) => readToken(s, t, mask));
  // a bare number before a sibling with a unit borrows it: 男性641、女性360人; 10、6、4万元
  for (let k = tokens.length - 2; k >= 0; k--) {
    const t = tokens[k]!;
    const lender = readings[k + 1];
    if (
      readings[k] ||
      !lender ||
      Number.isNaN(lender.scale) ||
      lender.qualifier === '以上' ||
      lender.qualifier === '以下'
    )
      continue;
    if (mask[t.start] !== 0 || isNotACount(s, t) || t.bare) continue;
    if (t.kind !== 'arabic' && t.kind !== 'chinese' && t.kind !== 'mixed') continue;
    const prev = s[t.start - 1] ?? '';
    if (!isHan(prev) && prev !== '、') continue;
    const gap = s.slice(t.end, lender.start);
    if (!/^[、和及与]\p{Script=Han}{0,6}$/u.test(gap)) continue;
    // a Chinese numeral carries its own 万 (十、二十万元 is not read as 100000)
    const scale = t.kind === 'arabic' || lender.scale < 1 ? lender.scale : 1;
    const value = tidyNumber(t.value * scale);
    readings[k] = { token: t, value, unit: lender.unit, qualifier: '', start: t.start, end: t.end, scale };
  }
  const claims: Claim[] = [];
  let previousEnd = 0;
  for (const r of readings) {
    if (!r) continue;
    const after = phraseAfter(s, r.end, mask);
    let counted = after.text;
    let start = r.start;
    let end = r.end;
    if (counted !== '' && (r.unit !== '%' || s[r.end] === '的')) end = after.end;
    else {
      const before = phraseBefore(s, r.start, previousEnd, mask);
      counted = before.text;
      if (counted !== '') start = Math.min(start, before.start);
    }
    claims.push({
      quote: text.slice(start, end),
      value: r.value,
      unit: r.unit,
      qualifier: r.qualifier,
      counted,
      start,
      end,
    });
    previousEnd = r.end;
  }
  return claims;
}
