// Checking a report's claims against the data (材料核数, issue 7 §5): which metric a claim states, by the phrases a
// metric is known by (its label, the registry's phrases, phrases users added), and whether the computed figure bears
// the claim out, by the claim's qualifier. Pure: the server supplies the dictionary and the computed values.
import { normalizeReportText } from './normalize-text.js';
import { type Claim, type ClaimQualifier, LEAD_WORDS } from './read-claims.js';
import { claimNumberStart } from './read-relations.js';

/** match: the data bear the claim out; differs: they do not (the computed value is shown); unchecked: no metric. */
export const CLAIM_VERDICTS = ['match', 'differs', 'unchecked'] as const;
export type ClaimVerdict = (typeof CLAIM_VERDICTS)[number];

/** One phrase of the dictionary: a metric it names and the metric's unit. */
export interface MetricPhraseEntry {
  phrase: string;
  metricKey: string;
  unit: string;
  /** instant: a state on the period's end (党员总数); range: events within the period (发展党员). */
  period: 'instant' | 'range';
  /** Added by users of the org's line: preferred over the registry's phrases of the same length. */
  userAdded: boolean;
}

/**
 * Units that count the same kind of thing: a metric in 名 is stated in 名, 人 or 位; one in 个 in 个, 件, 项 or 条.
 * 人次 and 户 are their own: attendances and households are no count of people.
 */
const UNIT_FAMILIES: ReadonlyArray<readonly string[]> = [
  ['名', '人', '位'],
  ['个', '件', '项', '条', '处', '家', '所', '支'],
  ['次', '场', '场次', '期', '轮', '轮次', '批', '批次'],
];

/** A claim in `claimUnit` can state a metric in `metricUnit`: % only shares, 元 only money, 名/人 only people. */
export function unitsCompatible(claimUnit: string, metricUnit: string): boolean {
  if (claimUnit === metricUnit) return true;
  return UNIT_FAMILIES.some((f) => f.includes(claimUnit) && f.includes(metricUnit));
}

/** Hedges and linking words between a phrase and its number (党员有|7名, 问题约|200个, 党员总数达到|…). */
const TRAILING_LINKS = /(?:约|近|将近|接近|超过|超|逾|不少于|达到|达|为|是|有|共|共计|合计|总计|累计|已|仅|占)+$/u;
/**
 * What may stand before a phrase in its clause and leave it the subject: nothing, a scope (全县, 城关镇, 我村; not
 * 乡镇, 社区, 村: they are kinds, 社区党组织), a
 * time (今年), a filler or a verb of counting (开展|集体学习, 发现|问题). Anything else narrows it (35岁以下|党员,
 * 农村|党员, 充电难等|问题, 中共|党员): no match.
 */
const NEUTRAL_BEFORE =
  /(?:^|[^\p{Script=Han}]|全[县市区镇乡省]|[我本该][县市区镇乡村]|[县市乡]|(?<![社小园])区|(?<!乡)镇|其中|目前|截至|今年|去年|全年|当年|年内|上半年|下半年|(?<!中)共|有|已|了|全部|各类|各级)$/u;
/**
 * Verbs that make new things (新建|党组织, 发展|党员): what they count are events of the period, never the state a
 * total or a stock states (党组织总数, 党员总数).
 */
const MAKING_VERBS = [
  '新建',
  '新增',
  '新发展',
  '发展',
  '建立',
  '建成',
  '成立',
  '组建',
  '设立',
  '打造',
  '创建',
  '培育',
  '培养',
  '吸纳',
  '选派',
  '遴选',
  '招录',
  '回引',
  '引进',
  '推荐',
  '选聘',
  '储备',
];

/** `rest` (the clause before a phrase) leaves the phrase stating a metric of this period kind. */
function isNeutralBefore(rest: string, period: MetricPhraseEntry['period']): boolean {
  if (NEUTRAL_BEFORE.test(rest)) return true;
  // 组织 is a verb only where it is no noun (党组织, 基层组织)
  const verb = LEAD_WORDS.find((w) => rest.endsWith(w) && !(w === '组织' && /[党级层团新]组织$/.test(rest)));
  if (verb === undefined) return false;
  return period === 'range' || !MAKING_VERBS.some((m) => rest.endsWith(m));
}
const CLAUSE_BREAK = /[，。；：！？、,;:!?\n]/;

function clauseBefore(s: string, at: number): string {
  let i = at;
  while (i > 0 && !CLAUSE_BREAK.test(s[i - 1]!)) i--;
  return s.slice(i, at);
}

function clauseAfter(s: string, from: number): string {
  let j = from;
  while (j < s.length && !CLAUSE_BREAK.test(s[j]!)) j++;
  return s.slice(from, j);
}

/** The parts of a claim's clause a phrase is looked for in. */
interface ClaimContext {
  /** The clause before the number, hedges and linking words trimmed (全县共有党员|7名). */
  before: string;
  counted: string;
  /** The clause after the claim, from its predicate (15个问题|正在整改之中). */
  after: string;
}

function contextOf(s: string, claim: Claim): ClaimContext {
  return {
    before: clauseBefore(s, claimNumberStart(s, claim)).replace(TRAILING_LINKS, ''),
    counted: normalizeReportText(claim.counted),
    after: clauseAfter(s, claim.end).replace(/^(?:的|已|均|都|还|仍|尚)+/u, ''),
  };
}

/** The more specific phrase: the longer; on a tie a user's over the registry's (else the first stays). */
const outranks = (e: MetricPhraseEntry, than: MetricPhraseEntry) =>
  e.phrase.length > than.phrase.length || (e.phrase.length === than.phrase.length && e.userAdded && !than.userAdded);

/**
 * A reader of the metric each claim of `text` states, or null: among the dictionary's phrases of a compatible unit
 * that the claim states, the longest (the most specific: 女党员 over 党员); on a tie a user's phrase, then the
 * dictionary's order. The text and the phrases are normalised once (traditional characters read as simplified).
 */
export function metricMatcher(text: string, entries: readonly MetricPhraseEntry[]): (claim: Claim) => string | null {
  const s = normalizeReportText(text);
  const dictionary = entries
    .map((e) => ({ ...e, phrase: normalizeReportText(e.phrase.trim()) }))
    .filter((e) => e.phrase.length >= 2);
  return (claim) => {
    const c = contextOf(s, claim);
    const compatible = dictionary.filter((e) => unitsCompatible(claim.unit, e.unit));
    const stated: MetricPhraseEntry[] = [];
    // Before the number, the longest phrase ending the clause decides the metric (今年发展党员|215名 is no 党员总数,
    // even where 发展党员 is narrowed: 在新就业群体中发展党员|2名); any of that metric's phrases may leave the clause
    // neutral (督导检查发现问题: 发现|问题). With no phrase there, what the claim counts after the number.
    const suffixes = compatible.filter((e) => c.before.endsWith(e.phrase));
    const decisive = suffixes.reduce<MetricPhraseEntry | null>((a, e) => (!a || outranks(e, a) ? e : a), null);
    for (const e of compatible) {
      const before = decisive
        ? e.metricKey === decisive.metricKey &&
          c.before.endsWith(e.phrase) &&
          isNeutralBefore(c.before.slice(0, c.before.length - e.phrase.length), e.period)
        : e.phrase === c.counted && isNeutralBefore(c.before, e.period);
      // a predicate after the figure (15个问题|正在整改之中)
      if (before || c.after.startsWith(e.phrase)) stated.push(e);
    }
    const best = stated.reduce<MetricPhraseEntry | null>((a, e) => (!a || outranks(e, a) ? e : a), null);
    return best?.metricKey ?? null;
  };
}

/** Within 5% (约); 近 is at most the figure and within 10% of it. */
const ABOUT = 0.05;
const NEAR = 0.1;

/**
 * Whether the computed figure bears the claim out, by the claim's qualifier: 余/超/以上 → at least the figure; 以下
 * → at most; 近 → at most and within 10%; 约 → within 5%; otherwise equal (a percentage to one decimal, money to
 * the fen).
 */
export function claimHolds(claim: Pick<Claim, 'value' | 'unit' | 'qualifier'>, computed: number): boolean {
  const { value } = claim;
  const q: ClaimQualifier = claim.qualifier;
  const eps = 1e-9 * Math.max(1, Math.abs(value));
  switch (q) {
    case '余':
    case '超':
    case '以上':
      return computed >= value - eps;
    case '以下':
      return computed <= value + eps;
    case '近':
      return computed <= value + eps && computed >= value * (1 - NEAR) - eps;
    case '约':
      return Math.abs(computed - value) <= Math.abs(value) * ABOUT + eps;
    default:
      if (claim.unit === '%') return Math.round(computed * 1000) === Math.round(value * 1000);
      if (claim.unit === '元') return Math.abs(computed - value) < 0.005;
      return Math.abs(computed - value) <= eps;
  }
}
