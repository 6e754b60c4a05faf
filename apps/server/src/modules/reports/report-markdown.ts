// A rendered report as Markdown: the title, "一、" headings as ##, a "（一）" heading in bold before its text, body
// paragraphs as they are; then 附：数据来源, every figure with its metric, org and period, so each can be reproduced.
import {
  formatReportNumber,
  headingLength,
  paragraphText,
  type RenderedReport,
  type ReportFigure,
  type ReportParagraph,
  reportPeriodLabel,
} from '@grassroots/domain';

/** Escapes what Markdown would read as markup, and a line start that would become a list or a heading. */
function escapeMd(text: string): string {
  return text
    .replace(/([\\`*_[\]<>|#])/g, '\\$1')
    .replace(/^(\d+)\./, '$1\\.')
    .replace(/^([-+])/, '\\$1');
}

function paragraphMd(p: ReportParagraph): string {
  const text = paragraphText(p);
  if (p.kind === 'heading1') return `## ${escapeMd(text)}`;
  if (p.kind === 'heading2') {
    const n = headingLength(text);
    return `**${escapeMd(text.slice(0, n))}**${escapeMd(text.slice(n))}`;
  }
  return escapeMd(text);
}

function figureRow(f: ReportFigure): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const compare = f.compare
    ? `；对比期${reportPeriodLabel(f.compare.from, f.compare.to)}：${formatReportNumber(f.compare.value, f.unit)}`
    : '';
  return `| ${cell(f.formatted)} | ${cell(f.label)} | \`${f.metricKey}\` | ${cell(f.orgName)} | ${reportPeriodLabel(
    f.from,
    f.to,
  )}${compare} |`;
}

export function buildReportMarkdown(report: RenderedReport): string {
  const lines = [`# ${escapeMd(paragraphText(report.title))}`, ''];
  for (const p of report.paragraphs) lines.push(paragraphMd(p), '');
  const seen = new Set<string>();
  const figures = [report.title, ...report.paragraphs]
    .flatMap((p) => p.segments)
    .filter((s): s is ReportFigure => s.type === 'figure')
    .filter((f) => {
      const key = `${f.metricKey}|${f.formatted}`;
      return seen.has(key) ? false : Boolean(seen.add(key));
    });
  if (figures.length > 0) {
    lines.push('---', '', `附：数据来源（${report.orgName}，${reportPeriodLabel(report.from, report.to)}）`, '');
    lines.push('| 数字 | 指标 | 指标编码 | 组织 | 期间 |', '|---|---|---|---|---|', ...figures.map(figureRow), '');
  }
  if (report.missing.length > 0) {
    lines.push(
      '无法计算的占位符：',
      '',
      ...report.missing.map((m) => `- ${escapeMd(m.key)}：${escapeMd(m.reason)}`),
      '',
    );
  }
  return lines.join('\n');
}
