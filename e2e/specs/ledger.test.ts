// A township admin works with Excel ledgers in the browser: imports a member file with 3 bad rows and sees all 3
// errors (nothing written), downloads the annotated file, imports the corrected file, exports the list and gets a
// valid .xlsx back.
import { readFile } from 'node:fs/promises';
import { makeIdNumber } from '@grassroots/domain';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiAs,
  launchBrowser,
  login,
  newPage,
  startServer,
  type TestServer,
  withFailureScreenshot,
} from '../support/harness.js';

const HEADER = [
  '姓名',
  '身份证号码',
  '性别',
  '民族',
  '出生日期',
  '学历',
  '职业类别',
  '党员类别',
  '入党时间',
  '转正时间',
  '组织代码',
];
const NAME = '浏览器导入';

/** Ten members of org `code`; `broken` spoils rows 3, 5 and 8 of the sheet (ID check digit, education, ethnicity). */
async function memberFile(code: string, broken: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员信息');
  ws.addRow(HEADER);
  for (let i = 0; i < 10; i++) {
    const birth = `198${i}-${String(1 + i).padStart(2, '0')}-1${i}`;
    const id = makeIdNumber('659901', birth, 40 + i, i % 2 ? 'male' : 'female');
    const row: Record<string, string> = {
      姓名: `${NAME}${i}`,
      身份证号码: id,
      性别: i % 2 ? '男' : '女',
      民族: '汉族',
      出生日期: birth,
      学历: '大学本科',
      职业类别: '农牧渔民',
      党员类别: '正式党员',
      入党时间: '2012-07-01',
      转正时间: '2013-07-01',
      组织代码: code,
    };
    if (broken && i === 1) row.身份证号码 = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    if (broken && i === 3) row.学历 = '本科';
    if (broken && i === 6) row.民族 = '火星族';
    ws.addRow(HEADER.map((h) => row[h]));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function chooseFile(page: Page, name: string, buffer: Buffer) {
  await page.locator('.ant-modal input[type="file"]').setInputFiles({
    name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer,
  });
  await page.getByTestId('import-start').click();
}

async function readDownload(page: Page, click: () => Promise<void>) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
  return { wb, name: download.suggestedFilename() };
}

describe('[browser] ledgers', () => {
  let server: TestServer;
  let browser: Browser;
  let orgCode: string;
  let town: Awaited<ReturnType<typeof apiAs>>;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    town = await apiAs(server, 'town');
    const roots = await town<{ items: Array<{ id: number }> }>('/api/orgs/roots');
    const children = await town<{ items: Array<{ code: string; kind: string }> }>(
      `/api/orgs/${roots.items[0]!.id}/children`,
    );
    orgCode = children.items.find((c) => c.kind !== 'group')!.code;
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const imported = async () =>
    (await town<{ total: number }>(`/api/members?q=${encodeURIComponent(NAME)}&pageSize=50`)).total;

  it('imports a file with 3 bad rows: all 3 errors shown, nothing written; the corrected file imports; the export is a valid .xlsx', async () => {
    const { context, page } = await newPage(browser);
    await withFailureScreenshot(page, 'ledger-import-export', async () => {
      await login(page, server.url, 'town');
      await page.goto(`${server.url}/members`);
      await page.getByTestId('ledger-import').click();
      await chooseFile(page, '党员台账.xlsx', await memberFile(orgCode, true));

      await expect.poll(() => page.getByTestId('import-failed').count()).toBe(1);
      const rows = page.getByTestId('import-error-row');
      await expect.poll(() => rows.count()).toBe(3);
      const texts = await rows.allInnerTexts();
      expect(texts[0]).toMatch(/^3\s+身份证号码\s+身份证号码校验位错误/);
      expect(texts[1]).toMatch(/^5\s+学历\s+“本科”不是有效的学历/);
      expect(texts[2]).toMatch(/^8\s+民族\s+民族应为56个民族之一/);
      expect(await imported()).toBe(0);

      const annotated = await readDownload(page, () => page.getByTestId('import-errors-download').click());
      const sheet = annotated.wb.worksheets[0]!;
      expect(sheet.getRow(1).getCell(HEADER.length + 1).value).toBe('错误说明');
      expect(String(sheet.getRow(5).getCell(HEADER.length + 1).value)).toContain('学历');

      await page.getByRole('button', { name: '重新选择文件' }).click();
      await chooseFile(page, '党员台账-已改正.xlsx', await memberFile(orgCode, false));
      const summary = page.getByTestId('import-summary');
      await expect.poll(() => summary.count()).toBe(1);
      expect(await summary.textContent()).toMatch(/新增\s*10/);
      expect(await imported()).toBe(10);
      await page.getByTestId('import-close').click();

      await page.goto(`${server.url}/members?q=${encodeURIComponent(NAME)}`);
      await expect.poll(() => page.getByTestId('member-row').count()).toBe(10);
      const exported = await readDownload(page, () => page.getByTestId('ledger-export').click());
      expect(exported.name).toMatch(/^党员台账-.+\.xlsx$/);
      const ws = exported.wb.getWorksheet('党员信息')!;
      const header = (ws.getRow(1).values as unknown[]).slice(1);
      expect(header).toContain('姓名');
      const names: string[] = [];
      ws.eachRow((r, n) => {
        if (n > 1) names.push(String(r.getCell(1).value));
      });
      expect(names.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `${NAME}${i}`).sort());
    });
    await context.close();
  });
});
