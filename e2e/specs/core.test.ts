// A township admin at work in the browser: find a member by pinyin initials, edit the phone, reveal the ID number,
// see both in the audit log; be refused a member of another township by URL; the member list at phone width.
import { pinyinInitials } from '@grassroots/domain';
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

interface ApiMember {
  id: number;
  name: string;
  version: number;
}

describe('[browser] platform core', () => {
  let server: TestServer;
  let browser: Browser;
  let target: ApiMember;
  let outsider: ApiMember;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const town = await apiAs(server, 'town');
    const list = await town<{ items: ApiMember[] }>('/api/members?pageSize=200&sort=name');
    // A member whose initials pick out only them, so the search result is unambiguous.
    const counts = new Map<string, number>();
    for (const m of list.items)
      counts.set(
        pinyinInitials(m.name, { personName: true }),
        (counts.get(pinyinInitials(m.name, { personName: true })) ?? 0) + 1,
      );
    target = list.items.find(
      (m) => m.name.length === 3 && counts.get(pinyinInitials(m.name, { personName: true })) === 1,
    )!;
    const admin = await apiAs(server, 'admin');
    const me = await admin<{ user: { grants: Array<{ orgId: number }> } }>('/api/auth/me');
    const all = await admin<{ items: ApiMember[] }>(
      `/api/members?orgId=${me.user.grants[0]!.orgId}&pageSize=200&sort=-name`,
    );
    const townIds = new Set(
      (await town<{ items: ApiMember[] }>('/api/members?pageSize=200&sort=-name')).items.map((m) => m.id),
    );
    outsider = all.items.find((m) => !townIds.has(m.id))!;
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('finds a member by pinyin initials, edits the phone, reveals the ID number, and sees both in the audit log', async () => {
    const { context, page } = await newPage(browser);
    await withFailureScreenshot(page, 'core-edit-reveal', async () => {
      await login(page, server.url, 'town');
      await page.goto(`${server.url}/members`);
      const initials = pinyinInitials(target.name, { personName: true });
      const search = page.locator('input[data-testid="member-search"], [data-testid="member-search"] input').first();
      await search.fill(initials);
      await search.press('Enter');
      const row = page.getByTestId('member-row').filter({ hasText: target.name });
      await expect.poll(() => row.count()).toBe(1);
      await row.getByRole('link', { name: target.name }).click();
      await page.waitForURL(new RegExp(`/members/${target.id}`));

      await page.getByTestId('member-edit').click();
      const phone = page.getByLabel('联系电话');
      await phone.fill('13911112222');
      await page.getByTestId('member-form-submit').click();
      await page.waitForURL(new RegExp(`/members/${target.id}$`));
      await expect.poll(() => page.getByText('139****2222').count()).toBeGreaterThan(0);

      await page.getByTestId('reveal-pii').first().click();
      await page.getByRole('button', { name: '确定查看' }).click();
      const idValue = page.getByTestId('pii-id-number-value');
      await expect.poll(async () => (await idValue.textContent())?.trim() ?? '').toMatch(/^\d{17}[\dX]$/);

      await page.goto(`${server.url}/audit`);
      const table = page.locator('.ant-table-tbody');
      await expect.poll(() => table.getByText('查看敏感信息').count()).toBeGreaterThan(0);
      await expect.poll(() => table.getByText('修改').count()).toBeGreaterThan(0);
    });
    await context.close();
  });

  it('does not show a member of another township to a township admin who types its URL', async () => {
    const { context, page } = await newPage(browser);
    await withFailureScreenshot(page, 'core-out-of-scope', async () => {
      await login(page, server.url, 'town');
      await page.goto(`${server.url}/members/${outsider.id}`);
      await expect.poll(() => page.getByText(/不存在或不在您的管辖范围内/).count()).toBeGreaterThan(0);
      expect(await page.getByText(outsider.name, { exact: true }).count()).toBe(0);
    });
    await context.close();
  });

  it('works at 375 px: login, the org tree, member search with 「加载更多」 and the member detail', async () => {
    const { context, page } = await newPage(browser, { width: 375, height: 740 });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await withFailureScreenshot(page, 'core-phone-width', async () => {
      await page.goto(`${server.url}/login`);
      await page.getByTestId('login-username').waitFor();
      expect(await overflow()).toBeLessThanOrEqual(1);
      await login(page, server.url, 'town');

      await page.goto(`${server.url}/members`);
      await expect.poll(() => page.getByTestId('member-row').count()).toBeGreaterThan(0);
      expect(await overflow()).toBeLessThanOrEqual(1);
      // No page numbers on a phone: 「加载更多」 appends the next 20 after the last card (the API's nextCursor).
      expect(await page.getByTestId('member-row').count()).toBe(20);
      const hrefs = () => page.getByTestId('member-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('href')));
      const firstTwenty = await hrefs();
      await page.getByTestId('member-load-more').click();
      await expect.poll(() => page.getByTestId('member-row').count()).toBeGreaterThan(20);
      const shown = await hrefs();
      expect(shown.slice(0, 20)).toEqual(firstTwenty);
      expect(new Set(shown).size).toBe(shown.length);

      const search = page.locator('input[data-testid="member-search"], [data-testid="member-search"] input').first();
      await search.fill(pinyinInitials(target.name, { personName: true }));
      await search.press('Enter');
      const row = page.getByTestId('member-row').filter({ hasText: target.name });
      await expect.poll(() => row.count()).toBe(1);
      expect(await overflow()).toBeLessThanOrEqual(1);
      await row.click();
      await page.waitForURL(new RegExp(`/members/${target.id}`));
      await expect.poll(() => page.getByTestId('reveal-pii').count()).toBeGreaterThan(0);
      expect(await overflow()).toBeLessThanOrEqual(1);

      // The org tree is a drawer from the menu button; picking a village scopes the pages to it.
      await page.getByTestId('open-org-tree').click();
      const nodes = page.locator('[data-testid="org-tree"] [data-org-key]');
      await expect.poll(() => nodes.count()).toBeGreaterThan(1);
      expect(await overflow()).toBeLessThanOrEqual(1);
      const village = await nodes.nth(1).getAttribute('data-org-key');
      await nodes.nth(1).click();
      await page.waitForURL(new RegExp(`[?&]org=${village}(&|$)`));
    });
    await context.close();
  });
});
