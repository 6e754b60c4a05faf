// The draft's text as the editor handles it: titles with their org and period words filled in, and sentences inserted
// where they belong (a suggested problem at the end of 二、存在的问题).
import { fillReportWords, paragraphKindOf, type ReportDraftDto, todayIso } from '@grassroots/domain';

/** A draft's title with its org and period words filled in (its figures are filled in the preview). */
export function draftTitle(d: Pick<ReportDraftDto, 'title' | 'orgName' | 'from' | 'to' | 'compareFrom' | 'compareTo'>) {
  const compare = d.compareFrom && d.compareTo ? { from: d.compareFrom, to: d.compareTo } : null;
  return fillReportWords(d.title, { orgName: d.orgName, from: d.from, to: d.to, compare, today: todayIso() });
}

const PROBLEMS_HEADING = /^[\s\u3000]*[一二三四五六七八九十]+、存在的问题/;

/**
 * The body with `sentence` as a paragraph of its own at the end of the 存在的问题 section (before the next "一、"
 * heading), or at the end when there is no such section. Returns the body and where the sentence starts.
 */
export function insertIntoProblems(body: string, sentence: string): { body: string; at: number } {
  const lines = body.split('\n');
  const start = lines.findIndex((l) => PROBLEMS_HEADING.test(l));
  let index = lines.length;
  if (start !== -1) {
    const next = lines.findIndex((l, i) => i > start && paragraphKindOf(l.trim()) === 'heading1');
    index = next === -1 ? lines.length : next;
    // Blank lines before the next heading stay after the inserted paragraph.
    while (index > start + 1 && lines[index - 1]!.trim() === '') index--;
  }
  const out = [...lines.slice(0, index), sentence, ...lines.slice(index)];
  const at = out.slice(0, index).reduce((n, l) => n + l.length + 1, 0);
  return { body: out.join('\n'), at };
}

/** `text` put in place of the selection [start, end). */
export function insertAt(body: string, start: number, end: number, text: string): string {
  return `${body.slice(0, start)}${text}${body.slice(end)}`;
}
