// Malformed workbooks sent to the ledger imports (党员台账, 组织台账): each is answered clearly in Chinese — a 4xx at the
// upload, or a failed job naming the problem — writes nothing, and the server's heap stays bounded while it reads
// them. (Not a zip, a .csv and missing columns are in members-ledger.routes.test.ts.)
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../test/databases.js';
import { buildTestApp, loginAs, type Session, type SmallTree, seedSmallTree } from '../test/factories.js';
import { type JobBody, MEMBER_HEADER, memberSheetRow, multipart, waitForJob, xlsxOf } from '../test/ledger-files.js';
import { waitForJobs } from './jobs.js';
import { MAX_UPLOAD_BYTES } from './uploads.js';

const ROUTES = ['/api/members/import', '/api/orgs/import'] as const;
/** Heap growth allowed while one hostile file is read (the process holds a chunk of rows, never the file). */
const HEAP_BOUND = 300 * 1024 * 1024;
const CHINESE = /[\u4e00-\u9fff]/;

/** A member ledger of `rows` valid rows for org code `code`. */
const memberLedger = (code: string, rows = 2) =>
  xlsxOf(
    MEMBER_HEADER,
    Array.from({ length: rows }, (_, i) => memberSheetRow(code, 9000 + i)),
  );

/** The workbook with its first sheet's XML rewritten. */
async function withSheetXml(buffer: Buffer, edit: (xml: string) => string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buffer);
  const name = 'xl/worksheets/sheet1.xml';
  zip.file(name, edit(await zip.file(name)!.async('string')));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describeEachDb('malformed import files', (getDb) => {
  let app: ReturnType<typeof buildTestApp> extends Promise<infer A> ? A : never;
  let tree: SmallTree;
  let county: Session;
  const count = async (table: 'members' | 'orgs') =>
    Number(
      (
        await getDb()
          .ctx.db.selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    tree = await seedSmallTree(getDb().ctx);
    app = await buildTestApp(getDb());
    county = await loginAs(app, tree.users.county.username);
  });

  /** Uploads `buffer` and gives the refusal (4xx body) or the finished job, with the heap growth meanwhile. */
  async function send(url: string, buffer: Buffer, fileName = '台账.xlsx') {
    await waitForJobs(getDb().ctx.db);
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let peak = heapBefore;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 5);
    try {
      const body = multipart(buffer, fileName);
      const res = await app.inject({
        method: 'POST',
        url,
        headers: { ...county.write, ...body.headers },
        payload: body.payload,
      });
      let job: JobBody | null = null;
      if (res.statusCode === 202) job = await waitForJob(app, county, (res.json() as JobBody).id);
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      return { status: res.statusCode, body: res.body, job, heapGrowth: peak - heapBefore };
    } finally {
      clearInterval(sampler);
    }
  }

  /** The answer a person reads: the refusal's message, or the failed job's error and first row errors. */
  function answer(r: Awaited<ReturnType<typeof send>>): string {
    if (r.job === null) return (JSON.parse(r.body) as { error: { message: string } }).error.message;
    return [r.job.error ?? '', ...(r.job.result?.errors ?? []).slice(0, 3).map((e) => `${e.column}：${e.reason}`)].join(
      ' ',
    );
  }

  async function expectRefusedClearly(url: string, buffer: Buffer, says: RegExp, fileName?: string) {
    const before = { members: await count('members'), orgs: await count('orgs') };
    const r = await send(url, buffer, fileName);
    if (r.job === null) {
      expect(r.status, r.body).toBeGreaterThanOrEqual(400);
      expect(r.status, r.body).toBeLessThan(500);
    } else {
      expect(r.job.state, JSON.stringify(r.job)).toBe('failed');
    }
    const text = answer(r);
    expect(text).toMatch(CHINESE);
    expect(text).toMatch(says);
    expect(r.heapGrowth).toBeLessThan(HEAP_BOUND);
    expect({ members: await count('members'), orgs: await count('orgs') }).toEqual(before);
    return r;
  }

  it.each(ROUTES)('%s: a truncated zip is refused as not a valid workbook', async (url) => {
    const whole = await memberLedger(tree.orgs.village.id.toString());
    await expectRefusedClearly(url, whole.subarray(0, Math.floor(whole.length / 2)), /xlsx|文件/);
  });

  it.each(ROUTES)('%s: a text file renamed .xlsx, and an .xls, are refused at the upload', async (url) => {
    const text = await expectRefusedClearly(url, Buffer.from('姓名,身份证号码\n张三,1\n'), /xlsx/);
    expect(text.status).toBe(400);
    const xls = await expectRefusedClearly(url, Buffer.from('d0cf11e0a1b11ae1', 'hex'), /xlsx/, '台账.xls');
    expect(xls.status).toBe(400);
  });

  it.each(ROUTES)('%s: data on another sheet than the first names the missing columns', async (url) => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').addRow(['请在第二个工作表填写']);
    const data = wb.addWorksheet('党员');
    data.addRow([...MEMBER_HEADER]);
    await expectRefusedClearly(url, Buffer.from(await wb.xlsx.writeBuffer()), /缺少此列/);
  });

  it.each(ROUTES)('%s: merged header cells name the missing columns', async (url) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['党员基本信息', '', '', '']);
    ws.mergeCells('A1:D1');
    ws.addRow([...MEMBER_HEADER]);
    await expectRefusedClearly(url, Buffer.from(await wb.xlsx.writeBuffer()), /缺少此列/);
  });

  it('formula cells are read as their cached values; a formula without one is an empty cell, named as such', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow([...MEMBER_HEADER]);
    const code = `F${tree.orgs.village.id}`;
    await getDb().ctx.db.updateTable('orgs').set({ code }).where('id', '=', tree.orgs.village.id).execute();
    const row = memberSheetRow(code, 9100);
    ws.addRow(MEMBER_HEADER.map((h) => row[h] ?? null));
    // 姓名 computed with a cached result; 民族 a formula Excel never calculated (no cached value).
    ws.getCell('A2').value = { formula: 'CONCATENATE("公式","党员")', result: '公式党员' };
    ws.getCell('D2').value = { formula: 'HYPERLINK("http://example.invalid","汉族")' } as ExcelJS.CellFormulaValue;
    const r = await expectRefusedClearly('/api/members/import', Buffer.from(await wb.xlsx.writeBuffer()), /民族/);
    expect(r.job?.result?.errors?.map((e) => e.column)).toEqual(['民族']);
  });

  it('a sheet declaring 1,000,000 rows with a few filled is read row by row, in bounded memory', async () => {
    const code = `M${tree.orgs.village.id}`;
    await getDb().ctx.db.updateTable('orgs').set({ code }).where('id', '=', tree.orgs.village.id).execute();
    const before = await count('members');
    const buffer = await withSheetXml(await memberLedger(code, 3), (xml) =>
      xml
        .replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:Z1000000"/>')
        .replace(
          '</sheetData>',
          '<row r="999999"/><row r="1000000"><c r="Z1000000" t="inlineStr"><is><t> </t></is></c></row></sheetData>',
        ),
    );
    expect(buffer.length).toBeLessThan(64 * 1024);
    const r = await send('/api/members/import', buffer);
    expect(r.job, r.body).not.toBeNull();
    expect(r.job!.state, JSON.stringify(r.job)).toBe('succeeded');
    expect(r.job!.result).toMatchObject({ created: 3 });
    expect(r.heapGrowth).toBeLessThan(HEAP_BOUND);
    expect(await count('members')).toBe(before + 3);
  });

  it.each(ROUTES)(
    '%s: a sheet declaring more rows than one import takes is refused before anything is read',
    async (url) => {
      const buffer = await withSheetXml(await memberLedger('X1', 1), (xml) =>
        xml.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>'),
      );
      await expectRefusedClearly(url, buffer, /行/);
    },
  );

  it.each(ROUTES)('%s: a file above the upload limit is refused with 413, not read to the end', async (url) => {
    const big = Buffer.alloc(MAX_UPLOAD_BYTES + 1024 * 1024, 0x41);
    Buffer.from([0x50, 0x4b, 0x03, 0x04]).copy(big);
    const r = await expectRefusedClearly(url, big, /50 MB/);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
