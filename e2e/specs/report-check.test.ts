// 材料核数 in the browser: the township admin of the demo county pastes last year's report written from the
// township's own figures with one wrong figure and one phrase the dictionary does not know, sees each figure marked
// (相符 / 不符 with the computed figure in the tooltip / 无法核对), opens the records behind a figure, and adds the
// unknown phrase to the dictionary, after which the figure checks out.
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

describe('[browser] report check (材料核数)', () => {
  let server: TestServer;
  let browser: Browser;
  let townOrgId: number;
  let total: number;
  let women: number;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const town = await apiAs(server, 'town');
    const me = await town<{ user: { grants: Array<{ orgId: number }> } }>('/api/auth/me');
    townOrgId = me.user.grants[0]!.orgId;
    const year = new Date().getFullYear() - 1;
    const value = async (key: string) =>
      (await town<{ value: number }>(`/api/metrics/${key}?orgId=${townOrgId}&from=${year}-01-01&to=${year}-12-31`))
        .value;
    total = await value('members.total');
    women = await value('members.gender.female');
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('marks each figure against the data, opens its records, and learns a phrase', async () => {
    const { context, page } = await newPage(browser);
    await withFailureScreenshot(page, 'report-check', async () => {
      expect(total).toBeGreaterThan(0);
      await login(page, server.url, 'town');
      await page.goto(`${server.url}/reports/check?org=${townOrgId}`);
      await page
        .getByTestId('check-text')
        .fill(`全镇共有党员${total}名，其中女党员${women + 1}名。全镇在册党员${total}名。`);
      await page.getByTestId('check-submit').click();

      const marks = page.getByTestId('claim-mark');
      await expect.poll(() => marks.count()).toBe(3);
      expect(await marks.nth(0).getAttribute('data-verdict')).toBe('match');
      expect(await marks.nth(1).getAttribute('data-verdict')).toBe('differs');
      expect(await marks.nth(2).getAttribute('data-verdict')).toBe('unchecked');
      await marks.nth(1).hover();
      await expect
        .poll(() => page.locator('.ant-tooltip:visible').textContent())
        .toBe(`不符：数据为 ${women.toLocaleString('zh-CN')} 名（女党员）`);
      // the breakdown's arithmetic is read too
      await expect.poll(() => page.getByTestId('relation').count()).toBe(1);

      // a mapped figure opens the records behind its metric
      await page.getByTestId('claim-metric').first().click();
      const drawer = page.getByTestId('metric-records-drawer');
      await expect
        .poll(async () =>
          Number(((await drawer.getByTestId('metric-records-total').textContent()) ?? '').replace(/\D/g, '')),
        )
        .toBe(total);
      // The close button, not Escape: Escape closes only while focus is inside the drawer, which a busy CI may not keep.
      await page.locator('.ant-drawer-close:visible').click();
      await expect.poll(() => drawer.isVisible()).toBe(false);

      // the unknown phrase is added from its row, and the report is checked again
      await page.getByTestId('claim-add-phrase').click();
      const modal = page.getByTestId('add-phrase-modal');
      await expect.poll(() => page.getByTestId('phrase-input').inputValue()).toBe('在册党员');
      await page.getByTestId('phrase-metric').click();
      await page.keyboard.type('党员总数');
      await page.locator('.ant-select-item-option', { hasText: '党员总数（' }).first().click();
      await modal.getByRole('button', { name: '添加并重新核对' }).click();
      await expect.poll(() => marks.nth(2).getAttribute('data-verdict')).toBe('match');
    });
    await context.close();
  });
});
