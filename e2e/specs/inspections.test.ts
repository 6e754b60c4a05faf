// One problem from found to closed (督导整改): the township admin records a problem for the demo branch in a round,
// past its deadline, and downloads the round's notice and the problems; the branch secretary sees it among his
// 整改逾期 warnings, follows it, starts it and submits his evidence; the township admin accepts it (验收销号), and
// it leaves the warning list.
import { addDays, todayIso } from '@grassroots/domain';
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

interface ApiWarning {
  kind: string;
  subject: string;
  link: string | null;
}

/**
 * Confirms the open action dialog and waits for the problem to reach `state`. A click that lands while antd's dialog
 * is still opening is lost (a user would click again): click again while the dialog is still there.
 */
async function confirmAction(page: Page, state: string) {
  await expect
    .poll(
      async () => {
        const ok = page.getByTestId('problem-action-ok');
        if (await ok.isVisible()) await ok.click({ timeout: 2_000 }).catch(() => {});
        return page.getByTestId('problem-state').textContent();
      },
      { interval: 1_000 },
    )
    .toBe(state);
}

describe('[browser] inspections (督导整改)', () => {
  let server: TestServer;
  let browser: Browser;
  let branchOrgId: number;
  let branchName: string;
  let roundId: number;
  let problemId: number;
  let branchApi: Awaited<ReturnType<typeof apiAs>>;
  const description = `e2e：三会一课记录不全，第三季度未召开党员大会（${Date.now()}）`;
  const overdueWarnings = async () =>
    (
      await branchApi<{ items: ApiWarning[] }>(`/api/orgs/${branchOrgId}/warnings?kind=problem_overdue&pageSize=200`)
    ).items.filter((w) => w.link?.startsWith(`/inspections/problems/${problemId}?`));

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    branchApi = await apiAs(server, 'branch');
    const me = await branchApi<{ user: { grants: Array<{ orgId: number }> } }>('/api/auth/me');
    branchOrgId = me.user.grants[0]!.orgId;
    branchName = (await branchApi<{ name: string }>(`/api/orgs/${branchOrgId}`)).name;
    const townApi = await apiAs(server, 'town');
    // A round of the township (or above) that covers the branch.
    const rounds = await townApi<{ items: Array<{ id: number }> }>(`/api/inspections/rounds?orgId=${branchOrgId}`);
    roundId = rounds.items[0]!.id;
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('follows one problem from found to 已验收销号, and it leaves the 整改逾期 warnings', async () => {
    const recorder = await newPage(browser);
    await withFailureScreenshot(recorder.page, 'inspections-record', async () => {
      const page = recorder.page;
      await login(page, server.url, 'town');
      await page.goto(`${server.url}/inspections?org=${branchOrgId}&roundId=${roundId}`);
      await page.getByTestId('problem-create').click();
      const drawer = page.locator('.ant-drawer-content');
      await drawer.getByTestId('problem-org').click();
      await page.keyboard.type(branchName);
      await page.locator('.ant-select-tree-node-content-wrapper', { hasText: branchName }).first().click();
      await drawer.getByLabel('整改期限').fill(addDays(todayIso(), -2));
      await drawer.getByLabel('整改期限').press('Enter');
      await drawer.getByLabel('问题描述').fill(description);
      await drawer.getByLabel('整改责任人').fill('支部书记');
      await page.getByTestId('problem-submit').click();
      await page.waitForURL((u) => /^\/inspections\/problems\/\d+$/.test(u.pathname));
      problemId = Number(new URL(page.url()).pathname.split('/').pop());
      await expect.poll(() => page.getByTestId('problem-state').textContent()).toBe('待整改');

      // The round's notice (.docx) and the problems (.xlsx), from the problems page of the round.
      await page.goto(`${server.url}/inspections?org=${branchOrgId}&roundId=${roundId}`);
      const [notice] = await Promise.all([page.waitForEvent('download'), page.getByTestId('round-notice').click()]);
      expect(notice.suggestedFilename()).toMatch(/^关于.+情况的通报\.docx$/);
      const [sheet] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '导出Excel' }).click(),
      ]);
      expect(sheet.suggestedFilename()).toMatch(/^督导问题清单-.+\.xlsx$/);
    });
    await recorder.context.close();
    expect(await overdueWarnings()).toHaveLength(1);

    const branchPage = await newPage(browser);
    await withFailureScreenshot(branchPage.page, 'inspections-rectify', async () => {
      const page = branchPage.page;
      await login(page, server.url, 'branch');
      await page.goto(`${server.url}/orgs/warnings?org=${branchOrgId}&kind=problem_overdue`);
      const row = page.locator('tr', { hasText: description.slice(0, 30) });
      await expect.poll(() => row.count()).toBe(1);
      await row.getByTestId('warning-act').click();
      await page.waitForURL((u) => u.pathname === `/inspections/problems/${problemId}`);
      await expect.poll(() => page.getByTestId('problem-state').textContent()).toBe('待整改');

      await page.getByTestId('problem-start').click();
      await confirmAction(page, '整改中');

      await page.getByTestId('problem-submit').click();
      await page.getByTestId('problem-evidence').fill('已补开党员大会，会议记录和签到表已归档');
      await confirmAction(page, '已提交');
      // Nothing closes by the rectifying side: no accept for the branch.
      expect(await page.getByTestId('problem-accept').count()).toBe(0);
    });
    await branchPage.context.close();

    const townPage = await newPage(browser);
    await withFailureScreenshot(townPage.page, 'inspections-accept', async () => {
      const page = townPage.page;
      await login(page, server.url, 'town');
      await page.goto(`${server.url}/inspections/problems/${problemId}?org=${branchOrgId}`);
      await expect.poll(() => page.getByTestId('problem-state').textContent()).toBe('已提交');
      await expect.poll(() => page.getByText('已补开党员大会，会议记录和签到表已归档').count()).toBeGreaterThan(0);
      await page.getByTestId('problem-accept').click();
      await confirmAction(page, '已验收销号');
      expect(await page.getByTestId('problem-accept').count()).toBe(0);
    });
    await townPage.context.close();
    expect(await overdueWarnings()).toEqual([]);
  });
});
