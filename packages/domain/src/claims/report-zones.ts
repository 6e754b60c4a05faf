// The parts of a report text that hold no claims: scraped-site noise (##paidbegin## markers, advertising lines,
// bracketed junk), quoted names of mechanisms and slogans (“1+3+8”, “三联三促”, “五清”), document titles in 《》, and
// set phrases of the trade (两个维护, 四个意识). Works on normalised text (normalizeReportText), offsets shared.
import { CHINESE_NUMERAL_CHARS } from './chinese-numbers.js';

/** Why a character is not read for claims. */
export const ZONE_KINDS = ['noise', 'name'] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];

export interface Zone {
  start: number;
  end: number;
  kind: ZoneKind;
}

/** Words of advertising lines on report-sharing sites; a line with a strong one and two more is noise. */
const AD_STRONG = ['公众号', '客服', '素材库', '代笔', '网盘', '会员群', '微信号', '扫码', 'vip', 'qq', '淘宝', '版权'];
const AD_WEAK = [
  '会员',
  '素材',
  '加入',
  '联系',
  '下载',
  '更新',
  '好评',
  '接单',
  '添加',
  '谨防',
  '假冒',
  '唯一平台',
  '搜索',
];
const SYMBOL_JUNK = /[%^&*@#~]/g;

/** Set phrases with a number and a counting word that are names, never counts (the unquoted ones reports use). */
export const SET_PHRASES = [
  '两个确立',
  '两个维护',
  '四个意识',
  '四个自信',
  '四个全面',
  '四个伟大',
  '四个服从',
  '四个善于',
  '四个一批',
  '五个一批',
  '五个振兴',
  '两个务必',
  '三个务必',
  '两个结合',
  '两个大局',
  '两个覆盖',
  '两个带头人',
  '两个责任',
  '两个毫不动摇',
  '两个先锋队',
  '三个代表',
  '三个必须',
  '三个区分开来',
  '三个有利于',
  '八项规定',
  '四种形态',
  '两张皮',
  '两条腿',
  '三番五次',
  '三令五申',
  '千方百计',
  '千家万户',
  '一件事',
  '一张网',
  '一张图',
  '一盘棋',
] as const;

const NUMERAL_CHAR = new RegExp(`[0-9${CHINESE_NUMERAL_CHARS}]`);
const QUOTE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['“', '”'],
  ['「', '」'],
  ['『', '』'],
  ['‘', '’'],
  ['"', '"'],
];
/** A quotation this short is a name (a mechanism, a slogan, an award); longer ones are citations and are read. */
const MAX_NAME_LENGTH = 25;

function linesOf(s: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let start = 0;
  for (let i = 0; i <= s.length; i++) {
    if (i === s.length || s[i] === '\n') {
      out.push({ start, end: i });
      start = i + 1;
    }
  }
  return out;
}

function isAdvertising(line: string): boolean {
  const plain = line.replace(SYMBOL_JUNK, '').toLowerCase();
  const strong = AD_STRONG.filter((w) => plain.includes(w)).length;
  const weak = AD_WEAK.filter((w) => plain.includes(w)).length;
  return strong >= 2 || (strong >= 1 && strong + weak >= 3);
}

/** Quotations (“…”, 「…」, "…") and titles (《…》) within one line: [open, close] inclusive of the marks. */
export function findQuotations(s: string): Array<{ start: number; end: number; inner: string; title: boolean }> {
  const out: Array<{ start: number; end: number; inner: string; title: boolean }> = [];
  for (const line of linesOf(s)) {
    const text = s.slice(line.start, line.end);
    for (const [open, close] of [...QUOTE_PAIRS, ['《', '》'] as const, ['〈', '〉'] as const]) {
      let from = 0;
      for (;;) {
        const a = text.indexOf(open, from);
        if (a < 0) break;
        const b = text.indexOf(close, a + 1);
        if (b < 0) break;
        out.push({
          start: line.start + a,
          end: line.start + b + 1,
          inner: text.slice(a + 1, b),
          title: open === '《' || open === '〈',
        });
        from = b + 1;
      }
    }
  }
  return out.sort((x, y) => x.start - y.start);
}

function occurrences(s: string, needle: string): number[] {
  const out: number[] = [];
  if (needle === '') return out;
  for (let i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length)) out.push(i);
  return out;
}

/**
 * The zones of a normalised report text that are not read for claims, possibly overlapping. A short quotation that
 * holds a number names a mechanism; its pieces (“一条主线、一个中心、三个提升” → 三个提升) are names wherever the
 * report repeats them unquoted.
 */
export function findReportZones(s: string): Zone[] {
  const zones: Zone[] = [];
  for (const line of linesOf(s)) {
    const text = s.slice(line.start, line.end);
    if (isAdvertising(text)) {
      zones.push({ start: line.start, end: line.end, kind: 'noise' });
      continue;
    }
    for (const m of text.matchAll(/##[a-z]+##/gi)) {
      zones.push({ start: line.start + m.index, end: line.start + m.index + m[0].length, kind: 'noise' });
    }
    // bracketed junk of scraped sites: [最新%热点素材尽在^【#公&*众号：哒哒君】]
    for (const m of text.matchAll(/[[［][^[\]［］\n]{0,60}[\]］]/g)) {
      const inner = m[0];
      const symbols = inner.match(SYMBOL_JUNK)?.length ?? 0;
      const plain = inner.replace(SYMBOL_JUNK, '');
      if (symbols >= 2 || inner.includes('【') || /公众号|素材|尽在/.test(plain)) {
        zones.push({ start: line.start + m.index, end: line.start + m.index + inner.length, kind: 'noise' });
      }
    }
  }
  const names = new Set<string>();
  for (const q of findQuotations(s)) {
    if (q.title) {
      if (q.inner.length <= 100) zones.push({ start: q.start, end: q.end, kind: 'name' });
      continue;
    }
    if (q.inner.length > MAX_NAME_LENGTH || !NUMERAL_CHAR.test(q.inner)) {
      if (q.inner.length <= MAX_NAME_LENGTH) zones.push({ start: q.start, end: q.end, kind: 'name' });
      continue;
    }
    zones.push({ start: q.start, end: q.end, kind: 'name' });
    for (const piece of q.inner.split(/[、，,+\-—－/·\s]+/)) {
      const hasOther = [...piece].some((c) => !NUMERAL_CHAR.test(c));
      if (piece.length >= 2 && NUMERAL_CHAR.test(piece) && hasOther) names.add(piece);
    }
  }
  for (const phrase of [...names, ...SET_PHRASES]) {
    for (const at of occurrences(s, phrase)) zones.push({ start: at, end: at + phrase.length, kind: 'name' });
  }
  return zones.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** A per-character mask of the zones (0 = read, else the zone kind's index + 1). */
export function zoneMask(length: number, zones: readonly Zone[]): Uint8Array {
  const mask = new Uint8Array(length);
  for (const z of zones) {
    const v = ZONE_KINDS.indexOf(z.kind) + 1;
    for (let i = z.start; i < z.end && i < length; i++) if (mask[i] === 0) mask[i] = v;
  }
  return mask;
}
