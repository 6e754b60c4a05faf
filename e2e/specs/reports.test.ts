// 工作汇报 in the browser: the township admin of the demo county drafts this quarter's report for his township from the
// built-in template, sees the preview with every figure filled, hovers a figure to see its metric, org and period,
// opens the records behind it (the same total), and exports the draft as a Word document with progress.
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
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

describe('[browser] reports (工作汇报)', () => {
  let server: TestServer;
  let browser: Browser;
  let townOrgId: number;
  let townName: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const town = await apiAs(server, 'town');
    const me = await town<{ user: { grants: Array<{ orgId: number; orgName: string }> } }>('/api/auth/me');
    townOrgId = me.user.grants[0]!.orgId;
    townName = me.user.grants[0]!.orgName;
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('drafts a quarterly report, checks a figure against its records, and exports it as .docx', async () => {
    const { context, page } = await newPage(browser);
    await withFailureScreenshot(page, 'reports-draft', async () => {
      await login(page, server.url, 'town');
      await page.goto(`${server.url}/reports?org=${townOrgId}`);
      await page.getByTestId('report-new').click();
      await page.waitForURL((u) => u.pathname === '/reports/new');
      await expect.poll(() => page.getByTestId('report-new-org').textContent()).toBe(townName);
      // A township starts from the township's quarterly template, this quarter.
      await expect
        .poll(() => page.getByTestId('report-new-template').textContent())
        .toContain('乡镇党委季度党建工作汇报');
      await page.getByTestId('report-new-submit').click();
      await page.waitForURL((u) => /^\/reports\/\d+$/.test(u.pathname));

      // The preview: the title with the township's name, every placeholder filled, nothing left uncomputed.
      const preview = page.getByTestId('report-preview');
      await expect
        .poll(() => page.getByTestId('report-preview-title').textContent())
        .toMatch(new RegExp(`^${townName}\\d{4}年第[一二三四]季度党建工作汇报$`));
      await expect.poll(() => preview.getByTestId('report-figure').count()).toBeGreaterThan(15);
      expect(await preview.textContent()).not.toContain('{{');
      expect(await preview.getByTestId('report-missing').count()).toBe(0);

      // A figure says where it comes from, and its records add up to it.
      const figure = preview.locator('[data-testid="report-figure"][data-metric-key="members.total"]').first();
      const value = Number(await figure.getAttribute('data-value'));
      expect(value).toBeGreaterThan(0);
      expect(await figure.textContent()).toBe(`${value}名`);
      await figure.hover();
      const tip = page.locator('.ant-tooltip:visible');
      await expect.poll(() => tip.textContent()).toContain('members.total');
      expect(await tip.textContent()).toContain('党员总数');
      expect(await tip.textContent()).toContain(`组织：${townName}及下级`);
      await figure.click();
      const drawer = page.getByTestId('metric-records-drawer');
      await expect
        .poll(async () =>
          Number(((await drawer.getByTestId('metric-records-value').textContent()) ?? '').replace(/\D/g, '')),
        )
        .toBe(value);
      await expect
        .poll(async () =>
          Number(((await drawer.getByTestId('metric-records-total').textContent()) ?? '').replace(/\D/g, '')),
        )
        .toBe(value);
      // The close button, not Escape: Escape closes only while focus is inside the drawer, which a busy CI may not keep.
      await page.locator('.ant-drawer-close:visible').click();
      await expect.poll(() => drawer.isVisible()).toBe(false);

      // Export to Word: a job with progress, then the file.
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 60_000 }),
        page.getByTestId('report-export-docx').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(
        new RegExp(`^${townName}\\d{4}年第[一二三四]季度党建工作汇报\\.docx$`),
      );
      const bytes = readFileSync((await download.path())!);
      expect(bytes.subarray(0, 2).toString()).toBe('PK');
      await expect.poll(() => page.getByTestId('report-export-done').isVisible()).toBe(true);
      await page.getByTestId('report-export-close').click();
    });
    await context.close();
  });
});
