// Relations inside a report that a reader can check from the report alone: a share and its count (1560件实事已完成85%、
// 1326件), a total and its parts (421个，整改到位406个，还有15个正在整改; 1001名，其中男性641、女性360人), a step of
// a process that cannot exceed the one before (审核12056份 … 已完成整改66份), pairings (“一对一”), enumerations
// (“五清”，即：…), amounts set against a list (党委、党总支、党支部10万元、6万元、4万元) and figures stated twice.
import { findNumbers, type NumberToken } from './chinese-numbers.js';
import { normalizeReportText } from './normalize-text.js';
import { type Claim, readClaims } from './read-claims.js';
import { findQuotations } from './report-zones.js';

export const RELATION_KINDS = [
  'share',
  'average',
  'sum',
  'breakdown',
  'subset',
  'funnel',
  'pairing',
  'enumeration',
  'respectively',
  'repeat',
] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

export interface Relation {
  /** The passage the relation is read from. */
  quote: string;
  /** The check, in numbers: "1326 / 1560 = 0.85", "421 = 406 + 15", "66 <= 3099"; notes in parentheses. */
  formula: string;
  holds: boolean;
  kind: RelationKind;
  /** Offsets of `quote` in the input (end exclusive). */
  start: number;
  end: number;
}

/** Markers of a part that is the rest (还有15个问题正在整改). */
const REMAINDER = /还有|尚有|仍有|其余|剩余|另有|余下/;
/** Markers of a later step of a process, a subset of the step before (审核, 已完成整改, 自行处置). */
const FUNNEL = /完成|办结|处置|化解|整改|审核|核查|通过|验收|合格|达标|解决|录用|转化|兑现/;
/** A percentage after these is a rate of change, not a share. */
const CHANGE = /增长|下降|提高|降低|增加|减少|同比|环比|提升|增幅|降幅/;
/** A clause with these leaves the breakdown after 其中 (换届以来有46名…). */
const SCOPE_END = /以来|期间|同时|此外|另外|下一步|今年|去年/;

const SENTENCE_END = new Set([...'。！？!?\n']);
const PART_END = new Set([...'，。；：！？,;:!?\n']);

const family = (unit: string) => (unit === '人' || unit === '名' || unit === '位' ? '人' : unit);
const sameFamily = (a: Claim, b: Claim) => family(a.unit) === family(b.unit);
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
const isThreshold = (c: Claim) => c.qualifier === '以上' || c.qualifier === '以下';
const sumOf = (xs: readonly Claim[]) => xs.reduce((t, c) => t + c.value, 0);
/** Numbers in formulas as plain as possible: 415394100, 0.85. */
const fmt = (x: number) => String(Number(x.toPrecision(12)));

interface Sentence {
  start: number;
  end: number;
  claims: Claim[];
}

function sentencesOf(s: string, claims: readonly Claim[]): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  for (let i = 0; i <= s.length; i++) {
    if (i === s.length || SENTENCE_END.has(s[i]!)) {
      const previous = out[out.length - 1];
      // a sentence opening with 其中 breaks down the one before (…152个行政村…。其中，…的村有97个，占比63.8%)
      if (previous && s[start - 1] === '。' && /^\s*其中/.test(s.slice(start, i))) previous.end = i;
      else if (i > start) out.push({ start, end: i, claims: [] });
      start = i + 1;
    }
  }
  for (const c of claims) {
    const at = claimNumberStart(s, c);
    out.find((x) => x.start <= at && at < x.end)?.claims.push(c);
  }
  return out;
}

const SCALES = [1, 1e4, 1e8, 1e3, 100, 1e7, 1e12, 0.01, 0.1, 0.001];

/**
 * The number a claim was read from, with its offset in the text: the token in the quote whose value, times 万/亿/%
 * as written, is the claim's (the quote may hold the phrase it counts, even a numeral: “三进”活动通知八期).
 */
function numberOf(s: string, c: Claim): NumberToken | undefined {
  const tokens = findNumbers(s.slice(c.start, c.end)).filter((t) => t.kind !== 'sequence' && t.kind !== 'invalid');
  const t =
    tokens.find((x) => SCALES.some((k) => close(x.value * k, c.value))) ??
    tokens.find((x) => /[0-9]/.test(x.text)) ??
    tokens[0];
  return t && { ...t, start: t.start + c.start, end: t.end + c.start };
}

/**
 * Where the claim's number is in the normalised text (its quote may begin with the phrase it counts, even one with a
 * numeral: 培训村“两委”干部2300余人次).
 */
export function claimNumberStart(s: string, c: Claim): number {
  return numberOf(s, c)?.start ?? c.start;
}

/** The text from the end of `a` (or the sentence start) to the number of `b`. */
function leadIn(s: string, b: Claim, from: number): string {
  return s.slice(Math.min(from, claimNumberStart(s, b)), claimNumberStart(s, b));
}

function relation(
  text: string,
  kind: RelationKind,
  start: number,
  end: number,
  formula: string,
  holds: boolean,
): Relation {
  return { quote: text.slice(start, end), formula, holds, kind, start, end };
}

function shares(text: string, s: string, sentence: Sentence, used: Set<Claim>): Relation[] {
  const out: Relation[] = [];
  const cs = sentence.claims;
  cs.forEach((p, i) => {
    if (p.unit !== '%') return;
    const clauseStart = Math.max(sentence.start, lastIndexOfAny(s, PART_END, claimNumberStart(s, p)) + 1);
    if (CHANGE.test(s.slice(clauseStart, claimNumberStart(s, p)))) return;
    const next = cs[i + 1];
    let part: Claim | undefined;
    let whole: Claim | undefined;
    // the count right after the share (已完成85%、1326件) or right before it (已办结731件，办结率为85%)
    const adjacent = next && next.unit !== '%' && /^[、，,（(]?$/.test(s.slice(p.end, claimNumberStart(s, next)));
    part = adjacent ? next : cs[i - 1]?.unit !== '%' ? cs[i - 1] : undefined;
    if (part) {
      const counted = part;
      const candidates = cs.slice(0, adjacent ? i : i - 1).filter((c) => c.unit !== '%' && sameFamily(c, counted));
      // the whole is the total a breakdown starts from (12,356名，其中…), else the nearest count before
      whole =
        candidates.find((c) => /^[，,]?其中/.test(s.slice(c.end, c.end + 3))) ?? candidates[candidates.length - 1];
    }
    if (!part || !whole || whole.value === 0) return;
    // counts listed side by side are siblings, not a part of a whole (10个村党支部和2个机关支部…达标率100%)
    if (/^[、和及与]/.test(s.slice(whole.end, claimNumberStart(s, part)))) return;
    const ratio = part.value / whole.value;
    // within the precision the share is written with: 85% ± 0.5%, 98.2% ± 0.05%, 七成 ± 5%
    const written = numberOf(s, p);
    const decimals = written?.decimals ?? 0;
    const tolerance = (written?.kind === 'percent' ? 0.5 * 10 ** -(decimals + 2) : 0.05) + 1e-9;
    const holds = Math.abs(ratio - p.value) <= tolerance;
    const start = Math.min(whole.start, part.start, p.start);
    const end = Math.max(whole.end, part.end, p.end);
    out.push(
      relation(
        text,
        'share',
        start,
        end,
        `${fmt(part.value)} / ${fmt(whole.value)} = ${fmt(p.value)} (${ratio.toFixed(decimals + 4)})`,
        holds,
      ),
    );
    used.add(part).add(whole).add(p);
  });
  return out;
}

/** 村均, 人均, 户均, 平均每村 right before a figure: a total over a count of those items. */
const AVERAGE_LEAD = /(?:(\p{Script=Han})均|平均每(\p{Script=Han}))(?:为|达|达到)?$/u;

function averages(text: string, s: string, sentence: Sentence, used: Set<Claim>): Relation[] {
  const out: Relation[] = [];
  const cs = sentence.claims;
  cs.forEach((p, i) => {
    if (p.unit === '%' || isThreshold(p)) return;
    const at = claimNumberStart(s, p);
    const m = AVERAGE_LEAD.exec(s.slice(Math.max(sentence.start, at - 6), at));
    const item = m?.[1] ?? m?.[2];
    if (!item) return;
    const before = cs.slice(0, i).filter((c) => c.unit !== '%' && !isThreshold(c));
    const total = before.findLast((c) => c.unit === p.unit);
    // the count of the items: 152个行政村(…) for 村均; any count of people for 人均
    const count = before.findLast((c) =>
      item === '人' ? family(c.unit) === '人' : c.counted.includes(item) && c.unit !== p.unit,
    );
    if (!total || !count || count.value === 0) return;
    const ratio = total.value / count.value;
    // within the precision the average is written with: 122.4万 ± 0.05万
    const written = numberOf(s, p);
    const tolerance = 0.5 * 10 ** -(written?.decimals ?? 0) * (written?.magnitude ?? 1) + 1e-9;
    const holds = Math.abs(ratio - p.value) <= tolerance;
    out.push(
      relation(
        text,
        'average',
        Math.min(total.start, count.start),
        p.end,
        `${fmt(total.value)} / ${fmt(count.value)} = ${fmt(p.value)} (${fmt(Math.round(ratio * 100) / 100)})`,
        holds,
      ),
    );
    used.add(p);
  });
  return out;
}

function lastIndexOfAny(s: string, chars: ReadonlySet<string>, before: number): number {
  for (let i = before - 1; i >= 0; i--) if (chars.has(s[i]!)) return i;
  return -1;
}

function remainders(text: string, s: string, sentence: Sentence, used: Set<Claim>): Relation[] {
  const out: Relation[] = [];
  const all = sentence.claims;
  const cs = all.filter((c) => c.unit !== '%');
  for (let r = 2; r < cs.length; r++) {
    const rest = cs[r]!;
    const part = cs[r - 1]!;
    const total = cs[r - 2]!;
    const previous = all[all.indexOf(rest) - 1]!;
    if (!REMAINDER.test(leadIn(s, rest, previous.end))) continue;
    if (!sameFamily(rest, part) || !sameFamily(part, total) || used.has(rest)) continue;
    const holds = close(total.value, part.value + rest.value);
    out.push(
      relation(
        text,
        'sum',
        total.start,
        rest.end,
        `${fmt(total.value)} = ${fmt(part.value)} + ${fmt(rest.value)}${holds ? '' : ` (${fmt(part.value + rest.value)})`}`,
        holds,
      ),
    );
    used.add(total).add(part).add(rest);
  }
  return out;
}

function breakdowns(text: string, s: string, sentence: Sentence, used: Set<Claim>): Relation[] {
  const out: Relation[] = [];
  const body = s.slice(sentence.start, sentence.end);
  for (let k = body.indexOf('其中'); k >= 0; k = body.indexOf('其中', k + 2)) {
    const at = sentence.start + k;
    const cs = sentence.claims;
    const before = cs.filter((c) => c.end <= at + 2 && claimNumberStart(s, c) < at);
    const said = before[before.length - 1];
    if (!said || at - said.end > 3) continue;
    // 其中 breaks down the count of its own kind said before it (14个村…均超过10万元，其中3个村 → of the 14)
    const first = cs.find((c) => claimNumberStart(s, c) > at && c.unit !== '%' && !isThreshold(c));
    const total =
      first && [...before].reverse().find((c) => sameFamily(c, first) && !s.slice(c.end, at).includes('；'));
    if (!total || total.unit === '%') continue;
    const parts: Claim[] = [];
    for (const c of cs) {
      if (claimNumberStart(s, c) <= at || c.unit === '%') continue;
      const clauseStart = lastIndexOfAny(s, PART_END, claimNumberStart(s, c)) + 1;
      if (SCOPE_END.test(s.slice(Math.max(clauseStart, at), claimNumberStart(s, c)))) break;
      if (sameFamily(c, total) && !isThreshold(c)) parts.push(c);
    }
    // a breakdown whose first part was checked against the total through its share (其中35岁以下27名，占比87.1%)
    // was that share
    if (parts.length === 0 || (used.has(parts[0]!) && used.has(total))) continue;
    const last = parts[parts.length - 1]!;
    const all = sumOf(parts);
    if (parts.length >= 2 && close(all, total.value)) {
      out.push(
        relation(
          text,
          'breakdown',
          total.start,
          last.end,
          `${fmt(total.value)} = ${parts.map((p) => fmt(p.value)).join(' + ')}`,
          true,
        ),
      );
    } else {
      // the parts listed with 、 right after 其中 split the total (男性641、女性360人); the others are subsets
      let n = 1;
      while (n < parts.length && /^[、和及与]\p{Script=Han}{0,8}$/u.test(leadIn(s, parts[n]!, parts[n - 1]!.end))) n++;
      const group = n >= 2 ? parts.slice(0, n) : [];
      const others = parts.slice(group.length);
      if (group.length >= 2) {
        const g = sumOf(group);
        out.push(
          relation(
            text,
            'breakdown',
            total.start,
            group[group.length - 1]!.end,
            `${fmt(total.value)} = ${group.map((p) => fmt(p.value)).join(' + ')}${close(g, total.value) ? '' : ` (${fmt(g)})`}`,
            close(g, total.value),
          ),
        );
      }
      if (others.length > 0) {
        out.push(
          relation(
            text,
            'subset',
            total.start,
            last.end,
            others.map((p) => `${fmt(p.value)} <= ${fmt(total.value)}`).join(' and '),
            others.every((p) => p.value <= total.value + 1e-9),
          ),
        );
      }
    }
    used.add(total);
    for (const p of parts) used.add(p);
  }
  return out;
}

function funnels(text: string, s: string, sentence: Sentence, used: Set<Claim>): Relation[] {
  const out: Relation[] = [];
  const byFamily = new Map<string, Claim[]>();
  for (const c of sentence.claims) {
    if (c.unit === '%') continue;
    const list = byFamily.get(family(c.unit)) ?? [];
    list.push(c);
    byFamily.set(family(c.unit), list);
  }
  for (const list of byFamily.values()) {
    let chain: Claim[] = [];
    const flush = () => {
      if (chain.length >= 2) {
        const first = chain[0]!;
        const last = chain[chain.length - 1]!;
        const holds = chain.every((c, k) => k === 0 || c.value <= chain[k - 1]!.value + 1e-9);
        const formula = [...chain]
          .reverse()
          .map((c) => fmt(c.value))
          .join(' <= ');
        out.push(relation(text, 'funnel', first.start, last.end, formula, holds));
      }
      chain = [];
    };
    for (let k = 1; k < list.length; k++) {
      const a = list[k - 1]!;
      const b = list[k]!;
      // the marker is b's own (…的村19个、完成15个), not one of a claim between; thresholds (5万元以下) are no step
      const previous = sentence.claims[sentence.claims.indexOf(b) - 1] ?? a;
      const linked =
        !used.has(a) &&
        !used.has(b) &&
        !isThreshold(a) &&
        !isThreshold(b) &&
        FUNNEL.test(leadIn(s, b, Math.max(a.end, previous.end))) &&
        !s.slice(a.end, claimNumberStart(s, b)).includes('；');
      if (linked) {
        if (chain.length === 0) chain.push(a);
        chain.push(b);
      } else flush();
    }
    flush();
  }
  return out;
}

function pairings(text: string, s: string, sentence: Sentence): Relation[] {
  const body = s.slice(sentence.start, sentence.end);
  const k = body.indexOf('一对一');
  if (k < 0) return [];
  const at = sentence.start + k;
  const oneToMany = body.includes('一对多');
  const near = sentence.claims.filter((c) => c.unit !== '%' && Math.abs(claimNumberStart(s, c) - at) <= 40);
  const before = near.filter((c) => c.end <= at + 1);
  const after = near.filter((c) => claimNumberStart(s, c) > at);
  let a: Claim | undefined;
  let b: Claim | undefined;
  if (before.length >= 1 && after.length >= 1) {
    a = before[before.length - 1];
    b = after.find((c) => a && sameFamily(a, c));
  } else if (before.length >= 2) {
    b = before[before.length - 1];
    a = before
      .slice(0, -1)
      .reverse()
      .find((c) => b && sameFamily(b, c));
  }
  if (!a || !b) return [];
  const holds = oneToMany ? b.value >= a.value : close(a.value, b.value);
  const formula = oneToMany ? `${fmt(b.value)} >= ${fmt(a.value)}` : `${fmt(a.value)} = ${fmt(b.value)}`;
  return [relation(text, 'pairing', a.start, Math.max(b.end, at + 3), formula, holds)];
}

/** The count a numeral prefix states (五清 → 5, 三个提升 → 3), for enumerations; null unless 2…20. */
function statedCount(phrase: string): number | null {
  const t = findNumbers(phrase)[0];
  if (t?.start !== 0 || (t.kind !== 'chinese' && t.kind !== 'arabic')) return null;
  return t.value >= 2 && t.value <= 20 && Number.isInteger(t.value) ? t.value : null;
}

function splitItems(list: string): string[] {
  const marked = list.match(/[一二三四五六七八九十]是/g);
  if (marked && marked.length >= 2) return marked;
  const sep = list.includes('；') ? '；' : list.includes('、') ? '、' : '，';
  return list
    .split(sep)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

function enumerations(text: string, s: string): Relation[] {
  const out: Relation[] = [];
  // N-named things defined by a list: “五清”，即：A、B、C、D、E / 三个提升，即提升A、提升B、提升C
  for (const m of s.matchAll(/[，,]?\s*(?:即：|即:|即|：)/g)) {
    const at = m.index;
    let i = at;
    if ('”」'.includes(s[i - 1] ?? '')) i--;
    let j = i;
    while (j > 0 && i - j < 10 && !PART_END.has(s[j - 1]!) && !'“「'.includes(s[j - 1]!) && s[j - 1] !== '、') j--;
    const name = s.slice(j, i);
    const n = statedCount(name);
    if (n === null) continue;
    const listStart = at + m[0].length;
    let listEnd = listStart;
    while (listEnd < s.length && !SENTENCE_END.has(s[listEnd]!)) listEnd++;
    const items = splitItems(s.slice(listStart, listEnd));
    if (items.length === 0) continue;
    const holds = items.length === n;
    out.push(
      relation(
        text,
        'enumeration',
        j,
        listEnd,
        `${n} = |{${items.join(', ')}}|${holds ? '' : ` (${items.length})`}`,
        holds,
      ),
    );
  }
  // a list closed by 等 and counted right after: A、B、C、D、E、F等为主要内容的六个“季度擂台赛”
  for (let k = s.indexOf('等'); k >= 0; k = s.indexOf('等', k + 1)) {
    const window = s.slice(k + 1, k + 14);
    const stop = window.search(/[，。；：！？\n]/);
    const tokens = findNumbers(stop >= 0 ? window.slice(0, stop) : window).filter(
      (t) => (t.kind === 'chinese' || t.kind === 'arabic') && t.value >= 2 && t.value <= 20,
    );
    const t = tokens[0];
    if (!t || !/^[个项类种大条方面]/.test(window.slice(t.end))) continue;
    const from = lastIndexOfAny(s, new Set([...'，。；：！？\n']), k) + 1;
    const items = s.slice(from, k).split('、');
    if (items.length < 2 || items.length < t.value) continue;
    const holds = items.length === t.value;
    out.push(
      relation(
        text,
        'enumeration',
        from,
        k + 1 + t.end + 1,
        `${fmt(t.value)} = |{${items.join(', ')}}|${holds ? '' : ` (${items.length})`}`,
        holds,
      ),
    );
  }
  // a quoted chain counted right after: “县委-镇党委-村党支部-片区党小组-党员中心户”五级组织体系
  for (const q of findQuotations(s)) {
    if (q.title) continue;
    const parts = q.inner.split(/[-—－→]+/).filter((x) => x !== '');
    if (parts.length < 3) continue;
    const after = s.slice(q.end, q.end + 6);
    const n = statedCount(after);
    const t = findNumbers(after)[0];
    if (n === null || !t || !/^[级层步个环节方面大]/.test(after.slice(t.end))) continue;
    const holds = parts.length === n;
    out.push(
      relation(
        text,
        'enumeration',
        q.start,
        q.end + t.end + 1,
        `${n} = |{${parts.join(', ')}}|${holds ? '' : ` (${parts.length})`}`,
        holds,
      ),
    );
  }
  return out;
}

const LIST_LEAD = /^.*(?:按照|按|对|给|向|为|将|把|在|其中)/;

function respectively(text: string, s: string, sentence: Sentence): Relation[] {
  const out: Relation[] = [];
  const cs = sentence.claims;
  for (let i = 0; i < cs.length; i++) {
    let j = i;
    while (j + 1 < cs.length && s.slice(cs[j]!.end, claimNumberStart(s, cs[j + 1]!)) === '、') j++;
    if (j === i) continue;
    const run = cs.slice(i, j + 1);
    const first = run[0]!;
    const at = claimNumberStart(s, first);
    const clauseStart = Math.max(sentence.start, lastIndexOfAny(s, new Set([...'，。；：！？\n']), at) + 1);
    // 党委、党总支、党支部10万元、6万元…; 14个乡镇、县直各部门分别报送典型案例46篇、92篇
    const lead = s.slice(clauseStart, at).replace(/(?:分别为|分别是|分别|各)$/, '');
    const k = lead.indexOf('分别');
    const names = (k >= 0 ? lead.slice(0, k) : lead).split('、');
    if (names.length >= 2 && names.every((x) => /^[\p{Script=Han}0-9（）()]+$/u.test(x))) {
      names[0] = names[0]!.replace(LIST_LEAD, '') || names[0]!;
      const holds = names.length === run.length;
      out.push(
        relation(
          text,
          'respectively',
          clauseStart,
          run[run.length - 1]!.end,
          `|{${names.join(', ')}}| = |{${run.map((c) => fmt(c.value)).join(', ')}}| = ${holds ? names.length : `${names.length} ≠ ${run.length}`}`,
          holds,
        ),
      );
    }
    i = j;
  }
  return out;
}

const lastPhrase = (x: string) => x.replace(/[“”「」]/g, '');

function repeats(text: string, s: string, sentences: readonly Sentence[]): Relation[] {
  const out: Relation[] = [];
  const sentenceOf = new Map<Claim, number>();
  sentences.forEach((x, k) => {
    for (const c of x.claims) sentenceOf.set(c, k);
  });
  const all = sentences.flatMap((x) => x.claims);
  const seen = new Set<Claim>();
  for (let a = 0; a < all.length; a++) {
    const x = all[a]!;
    if (seen.has(x) || lastPhrase(x.counted).length < 4) continue;
    for (let b = a + 1; b < all.length; b++) {
      const y = all[b]!;
      if (seen.has(y) || y.unit !== x.unit || !close(x.value, y.value)) continue;
      if (sentenceOf.get(x) === sentenceOf.get(y)) continue;
      const cx = lastPhrase(x.counted);
      const cy = lastPhrase(y.counted);
      if (cy.length < 4 || !(cx.includes(cy) || cy.includes(cx))) continue;
      seen.add(y);
      out.push(
        relation(
          text,
          'repeat',
          x.start,
          x.end,
          `${fmt(x.value)} = ${fmt(y.value)} (${s.slice(x.start, x.end)} / ${s.slice(y.start, y.end)})`,
          true,
        ),
      );
    }
  }
  return out;
}

/**
 * The relations a reader can check inside one report, in text order, each with whether it holds. `claims` are the
 * report's claims (readClaims(text) when not given).
 */
export function readRelations(text: string, claims: readonly Claim[] = readClaims(text)): Relation[] {
  const s = normalizeReportText(text);
  const sentences = sentencesOf(s, claims);
  const out: Relation[] = [];
  for (const sentence of sentences) {
    const used = new Set<Claim>();
    out.push(...shares(text, s, sentence, used));
    out.push(...averages(text, s, sentence, used));
    out.push(...remainders(text, s, sentence, used));
    out.push(...breakdowns(text, s, sentence, used));
    out.push(...funnels(text, s, sentence, used));
    out.push(...pairings(text, s, sentence));
    out.push(...respectively(text, s, sentence));
  }
  out.push(...enumerations(text, s));
  out.push(...repeats(text, s, sentences));
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}
