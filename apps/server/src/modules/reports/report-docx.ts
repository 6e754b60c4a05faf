// A rendered report as a .docx in the official-document layout (党政机关公文格式, GB/T 9704-2012; DOMAIN §11): A4,
// margins 37/35/28/26 mm (text block 156 × 225 mm), 22 lines of 28 characters (exact line pitch and a character
// grid), title 2号 方正小标宋简体 centred, body 3号 仿宋_GB2312, "一、" 黑体, "（一）" 楷体_GB2312, page numbers 4号
// 半角宋体 "— 1 —" odd pages right, even pages left. Fonts are named in the runs and the styles; the font table gives
// each one a common fallback (altName) that Word uses when the font is not installed.
import {
  headingLength,
  type RenderedReport,
  type ReportParagraph,
  type ReportParagraphKind,
  segmentText,
} from '@grassroots/domain';
import {
  AlignmentType,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
} from 'docx';

/** Millimetres to twips (1/1440 inch). */
export const mmToTwips = (mm: number) => Math.round((mm * 1440) / 25.4);

export const GW_PAGE = { width: 11906, height: 16838 } as const;
export const GW_MARGINS_MM = { top: 37, bottom: 35, left: 28, right: 26 } as const;
/** 3号 = 16 pt, 2号 = 22 pt, 4号 = 14 pt, in half-points. */
export const GW_SIZES = { body: 32, title: 44, pageNumber: 28 } as const;
export const GW_FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
} as const;
/** The font Word falls back to when a named font is missing (w:altName in the font table). */
export const GW_FALLBACKS: Record<string, string> = {
  方正小标宋简体: 'SimSun',
  仿宋_GB2312: 'FangSong',
  黑体: 'SimHei',
  楷体_GB2312: 'KaiTi',
  宋体: 'SimSun',
};
const LINES_PER_PAGE = 22;
const CHARS_PER_LINE = 28;
const textHeight = mmToTwips(297 - GW_MARGINS_MM.top - GW_MARGINS_MM.bottom);
const textWidth = mmToTwips(210 - GW_MARGINS_MM.left - GW_MARGINS_MM.right);
/** Exact line pitch: 22 lines in the 225 mm block (≈ 28.9 pt). */
export const GW_LINE_PITCH = Math.floor(textHeight / LINES_PER_PAGE);
/** Character pitch of the grid relative to the 16 pt body size, in 1/4096 pt: 28 characters in 156 mm. */
export const GW_CHAR_SPACE = Math.round((textWidth / CHARS_PER_LINE / 20 - GW_SIZES.body / 2) * 4096);
/** Two characters of 3号 body text. */
const INDENT = GW_SIZES.body * 20;
/** One character of 4号 page number: 单页码居右空一字，双页码居左空一字. */
const PAGE_NUMBER_INDENT = GW_SIZES.pageNumber * 10;

const fontOf = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });

/** Control characters XML 1.0 does not allow (a pasted text may carry them): Word would refuse the file. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters to drop are control characters
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function run(text: string, font: string, size: number, missing = false): TextRun {
  return new TextRun({
    text: text.replace(NOT_XML, ''),
    font: fontOf(font),
    size,
    ...(missing ? { color: 'C00000', bold: true } : {}),
  });
}

const HEAD_FONTS: Partial<Record<ReportParagraphKind, string>> = {
  heading1: GW_FONTS.heading1,
  heading2: GW_FONTS.heading2,
};

/** The runs of a paragraph; in a heading the heading part (to the first 。) in its font, the rest in 仿宋. */
function runsOf(p: ReportParagraph, font: string, size: number): TextRun[] {
  const head = HEAD_FONTS[p.kind];
  let headLeft = head ? headingLength(p.segments.map(segmentText).join('')) : 0;
  const runs: TextRun[] = [];
  for (const s of p.segments) {
    const text = segmentText(s);
    const missing = s.type === 'missing';
    if (head && headLeft > 0) {
      const inHead = text.slice(0, headLeft);
      headLeft -= inHead.length;
      runs.push(run(inHead, head, size, missing));
      if (inHead.length < text.length) runs.push(run(text.slice(inHead.length), font, size, missing));
    } else runs.push(run(text, font, size, missing));
  }
  return runs;
}

const exactLine = { line: GW_LINE_PITCH, lineRule: LineRuleType.EXACT } as const;

function paragraphOf(p: ReportParagraph): Paragraph {
  if (p.kind === 'title') {
    return new Paragraph({
      style: 'GwTitle',
      alignment: AlignmentType.CENTER,
      spacing: { ...exactLine, after: GW_LINE_PITCH },
      children: runsOf(p, GW_FONTS.title, GW_SIZES.title),
    });
  }
  return new Paragraph({
    style: p.kind === 'heading1' ? 'GwHeading1' : p.kind === 'heading2' ? 'GwHeading2' : 'GwBody',
    alignment: AlignmentType.JUSTIFIED,
    spacing: exactLine,
    indent: { firstLine: p.kind === 'salutation' ? 0 : INDENT },
    children: runsOf(p, GW_FONTS.body, GW_SIZES.body),
  });
}

function pageNumberFooter(side: 'odd' | 'even'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: PAGE_NUMBER_INDENT } : { left: PAGE_NUMBER_INDENT },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: fontOf(GW_FONTS.pageNumber),
            size: GW_SIZES.pageNumber,
          }),
        ],
      }),
    ],
  });
}

/** The font table: each font named with its fallback and the GB2312 character set. */
function fontTableXml(): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const fonts = Object.entries(GW_FALLBACKS)
    .map(
      ([name, alt]) =>
        `<w:font w:name="${esc(name)}"><w:altName w:val="${esc(alt)}"/><w:charset w:val="86"/>` +
        `<w:family w:val="${name === '黑体' ? 'modern' : 'roman'}"/><w:pitch w:val="variable"/></w:font>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    `${fonts}<w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/>` +
    '<w:pitch w:val="variable"/></w:font></w:fonts>'
  );
}

const styleRun = (font: string, size: number) => ({ font: fontOf(font), size });

export async function buildReportDocx(report: RenderedReport, meta: { creator: string; title: string }) {
  const doc = new Document({
    title: meta.title,
    creator: meta.creator,
    description: `${report.orgName} ${report.from}至${report.to}`,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: { document: { run: styleRun(GW_FONTS.body, GW_SIZES.body), paragraph: { spacing: exactLine } } },
      paragraphStyles: [
        {
          id: 'GwBody',
          name: '公文正文',
          basedOn: 'Normal',
          quickFormat: true,
          run: styleRun(GW_FONTS.body, GW_SIZES.body),
          paragraph: { spacing: exactLine, indent: { firstLine: INDENT }, alignment: AlignmentType.JUSTIFIED },
        },
        {
          id: 'GwTitle',
          name: '公文标题',
          basedOn: 'Normal',
          next: 'GwBody',
          quickFormat: true,
          run: styleRun(GW_FONTS.title, GW_SIZES.title),
          paragraph: { spacing: { ...exactLine, after: GW_LINE_PITCH }, alignment: AlignmentType.CENTER },
        },
        {
          id: 'GwHeading1',
          name: '一级标题',
          basedOn: 'GwBody',
          next: 'GwBody',
          quickFormat: true,
          run: styleRun(GW_FONTS.heading1, GW_SIZES.body),
        },
        {
          id: 'GwHeading2',
          name: '二级标题',
          basedOn: 'GwBody',
          next: 'GwBody',
          quickFormat: true,
          run: styleRun(GW_FONTS.heading2, GW_SIZES.body),
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: GW_PAGE,
            margin: {
              top: mmToTwips(GW_MARGINS_MM.top),
              bottom: mmToTwips(GW_MARGINS_MM.bottom),
              left: mmToTwips(GW_MARGINS_MM.left),
              right: mmToTwips(GW_MARGINS_MM.right),
              header: mmToTwips(15),
              // 页码一字线上距版心下边缘7 mm: the footer's text top 7 mm below the text block.
              footer: mmToTwips(GW_MARGINS_MM.bottom - 7) - GW_SIZES.pageNumber * 10,
            },
          },
          grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: GW_LINE_PITCH, charSpace: GW_CHAR_SPACE },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children: [report.title, ...report.paragraphs].map(paragraphOf),
      },
    ],
  });
  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
}
