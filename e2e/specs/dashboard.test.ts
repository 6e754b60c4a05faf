// 数据看板 in the browser: the county admin sees 党员总数 as the metric API gives it, opens the records behind it (as
// many as the figure), exports the per-child comparison as a valid .xlsx, turns on 同比 and sees last year's figure,
// and opens the full-screen display and leaves it; the dashboard fits a phone's width.
import { readFile } from 'node:fs/promises';
import type { MetricValue } from '@grassroots/domain';
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

/** The number in a figure's text: '12,345 名' → 12345. */
const numberIn = (text: string | null) => Number((text ?? '').replace(/[^\d.]/g, ''));

async function readDownload(page: Page, click: () => Promise<void>) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
  return { wb, name: download.suggestedFilename() };
}

describe('[browser] 数据看板', () => {
  let server: TestServer;
  let browser: Browser;
  let county: Awaited<ReturnType<typeof apiAs>>;
  let rootId: number;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    county = await apiAs(server, 'county');
    rootId = (await county<{ items: Array<{ id: number }> }>('/api/orgs/roots')).items[0]!.id;
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows 党员总数 as the API does, opens its records, exports the per-child table, compares with last year and opens the 大屏', async () => {
    const total = await county<MetricValue>(`/api/metrics/members.total?orgId=${rootId}`);
    expect(total.value).toBeGreaterThan(0);
    const children = await county<{ items: Array<{ id: number }> }>(`/api/orgs/${rootId}/children`);
    const { context, page } = await newPage(browser);
    await withFailureScreenshot(page, 'dashboard-county', async () => {
      await login(page, server.url, 'county');
      await page.goto(`${server.url}/dashboard?org=${rootId}`);
      const kpi = page.getByTestId('kpi-value-members.total');
      await expect.poll(async () => numberIn(await kpi.textContent())).toBe(total.value);

      // The figure opens the records behind it: as many as the figure, and a page of them.
      await kpi.click();
      const recordsTotal = page.getByTestId('metric-records-total');
      await expect.poll(async () => numberIn(await recordsTotal.textContent())).toBe(total.value);
      await expect.poll(() => page.locator('.ant-drawer .ant-table-tbody tr.ant-table-row').count()).toBe(20);
      // Its 口径 is shown beside the records.
      expect(
        await page
          .locator('.ant-drawer')
          .getByText(/截止日期时在册的党员人数/)
          .count(),
      ).toBeGreaterThan(0);
      await page.locator('.ant-drawer-close').click();
      await expect.poll(() => page.locator('.ant-drawer-open').count()).toBe(0);

      // 各下级对比: one row per child, a total row, and the same table as a workbook.
      await page.getByTestId('tab-children').click();
      await expect.poll(() => page.getByTestId('children-org').count()).toBe(children.items.length);
      const exported = await readDownload(page, () => page.getByTestId('children-export').click());
      expect(exported.name).toMatch(/\.xlsx$/);
      const sheet = exported.wb.worksheets[0]!;
      expect(String(sheet.getRow(1).getCell(1).value)).toBe('组织');
      expect(sheet.actualRowCount).toBe(children.items.length + 2);
      // A cell opens the records of that child.
      await page.getByTestId('children-table').locator('tbody .metric-number').first().click();
      await expect.poll(async () => numberIn(await recordsTotal.textContent())).toBeGreaterThan(0);
      await page.locator('.ant-drawer-close').click();

      // 同比: each card shows last year's figure and the change.
      await page.getByRole('tab', { name: '总览' }).click();
      await page.getByTestId('dashboard-yoy').click();
      await page.waitForURL(/yoy=1/);
      const year = new Date().getFullYear();
      const url = new URL(page.url());
      expect(url.searchParams.get('yoy')).toBe('1');
      const from = `${year}-01-01`;
      const today = await page.evaluate(() => {
        const d = new Date(Date.now() + 8 * 3600_000);
        return d.toISOString().slice(0, 10);
      });
      const compared = await county<MetricValue>(
        `/api/metrics/members.total?orgId=${rootId}&from=${from}&to=${today}&compareFrom=${year - 1}-01-01&compareTo=${year - 1}${today.slice(4)}`,
      );
      const card = page.getByTestId('kpi-members.total').getByTestId('kpi-compare');
      await expect
        .poll(() => card.textContent())
        .toContain(`去年同期 ${compared.compare!.value.toLocaleString('zh-CN')}`);

      // 大屏: its own dark page with the figures and charts, the time of the last refresh, and the way back.
      await page.getByTestId('dashboard-screen').click();
      await page.waitForURL(/\/dashboard\/screen/);
      const screen = page.getByTestId('dashboard-screen-view');
      await expect.poll(() => screen.isVisible()).toBe(true);
      await expect
        .poll(async () => numberIn(await page.getByTestId('screen-kpi-members.total').textContent()))
        .toBe(total.value);
      await expect.poll(() => page.getByTestId('screen-updated').textContent()).toMatch(/更新于 \d{2}:\d{2}:\d{2}/);
      await expect.poll(() => screen.locator('canvas').count()).toBeGreaterThan(2);
      await page.getByTestId('screen-exit').click();
      await page.waitForURL((u) => u.pathname === '/dashboard');
      await expect.poll(() => page.getByTestId('kpi-value-members.total').count()).toBe(1);
    });
    await context.close();
  }, 300_000);

  it('fits a phone: the charts stack and nothing is wider than the screen', async () => {
    const { context, page } = await newPage(browser, { width: 375, height: 812 });
    await withFailureScreenshot(page, 'dashboard-phone', async () => {
      await login(page, server.url, 'county');
      await page.goto(`${server.url}/dashboard?org=${rootId}`);
      await expect.poll(() => page.getByTestId('kpi-value-members.total').count()).toBe(1);
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
    await context.close();
  }, 120_000);
});
