// The text of an uploaded report for 材料核数: a .txt as UTF-8 (or GB18030, the encoding Chinese Windows Notepad
// saves in), a .docx from the paragraphs of word/document.xml. Offsets of the claims point into this text.
import JSZip from 'jszip';
import { AppError } from '../../platform/errors.js';

export const REPORT_FILE_TYPES_MESSAGE =
  '只能核对 .txt 或 .docx 格式的汇报材料；.doc、.wps、.pdf 请先在 Word 或 WPS 中“另存为” .docx';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return XML_ENTITIES[e] ?? m;
  });
}

/** The text of word/document.xml: one line per paragraph (table cells included), tabs and line breaks kept. */
export function documentXmlText(xml: string): string {
  const body = xml.replace(/<w:(?:del|instrText|delText)\b[^>]*>[\s\S]*?<\/w:(?:del|instrText|delText)>/g, '');
  const paragraphs = body.match(/<w:p\b[^>]*?(?:\/>|>[\s\S]*?<\/w:p>)/g) ?? [];
  return paragraphs
    .map((p) => {
      let line = '';
      for (const m of p.matchAll(/<w:t\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:t>)|<w:(tab|br|cr)\b[^>]*?\/>/g)) {
        if (m[2] === 'tab') line += '\t';
        else if (m[2]) line += '\n';
        else line += decodeXml(m[1] ?? '');
      }
      return line;
    })
    .join('\n');
}

async function docxText(bytes: Buffer): Promise<string> {
  let xml: string | undefined;
  try {
    xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')?.async('string');
  } catch {
    xml = undefined;
  }
  if (xml === undefined) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `文件内容不是有效的 .docx 文件。${REPORT_FILE_TYPES_MESSAGE}`, {
      file: '文件内容不是 .docx',
    });
  }
  return documentXmlText(xml);
}

function plainText(bytes: Buffer): string {
  if (bytes.includes(0)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `文件内容不是文本。${REPORT_FILE_TYPES_MESSAGE}`, {
      file: '文件内容不是文本',
    });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('gb18030').decode(bytes);
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** The report's text from an uploaded file; 415 for anything but .txt and .docx. */
export async function reportFileText(fileName: string, bytes: Buffer): Promise<string> {
  const lower = fileName.toLowerCase();
  const zip = ZIP_MAGIC.every((b, i) => bytes[i] === b);
  if (lower.endsWith('.docx') && zip) return docxText(bytes);
  if (lower.endsWith('.txt') && !zip) return plainText(bytes).replace(/\r\n?/g, '\n');
  throw new AppError('UNSUPPORTED_MEDIA_TYPE', REPORT_FILE_TYPES_MESSAGE, { file: REPORT_FILE_TYPES_MESSAGE });
}
