// `npm run -s claims -- FILE`: the quantitative claims of a report (材料核数, issue 7), one JSON object per line, in
// text order: {"quote","value","unit","qualifier","counted","start","end"}. The file is read as UTF-8 with a BOM
// stripped; offsets count UTF-16 code units of the text after the BOM. Anything but text is refused (exit 1): a .docx
// is read by a later step of issue 7.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { readClaims } from '@grassroots/domain';

const NOT_TEXT_EXTENSIONS = new Set(['.docx', '.doc', '.wps', '.pdf', '.xlsx', '.xls', '.odt', '.rtf', '.zip']);

function fail(message: string): never {
  process.stderr.write(`claims: ${message}\n`);
  process.exit(1);
}

/** The file's text, or null when it is no UTF-8 text (a zip such as .docx, a binary, another encoding). */
function decodeText(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  } catch {
    return null;
  }
}

function main(argv: readonly string[]): void {
  const files = argv.filter((a) => a !== '--');
  if (files.length !== 1) fail('usage: npm run -s claims -- FILE (a UTF-8 text file of a report)');
  const file = files[0]!;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    fail(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const ext = extname(file).toLowerCase();
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const text = NOT_TEXT_EXTENSIONS.has(ext) || zip ? null : decodeText(bytes);
  if (text === null) {
    fail(
      `${file} is not a UTF-8 text file; only plain text is read for now (reading .docx is later issue 7 work): ` +
        'save the report as UTF-8 text and try again',
    );
  }
  const out: string[] = [];
  for (const c of readClaims(text)) {
    const { quote, value, unit, qualifier, counted, start, end } = c;
    out.push(JSON.stringify({ quote, value, unit, qualifier, counted, start, end }));
  }
  process.stdout.write(out.length > 0 ? `${out.join('\n')}\n` : '');
}

main(process.argv.slice(2));
