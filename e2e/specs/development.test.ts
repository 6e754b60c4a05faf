// A branch secretary at work on 发展党员: a 转正 is due in his branch (probation ended, not yet discussed); he sees it
// in his warning list, follows its link to the person's record, records the branch meeting's decision through the
// next-step form, and the warning is gone.
import { todayIso } from '@grassroots/domain';
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

interface ApiWarning {
  kind: string;
  subject: string;
  dueDate: string | null;
  link: string | null;
}

describe('[browser] member development (发展党员)', () => {
  let server: TestServer;
  let browser: Browser;
  let branchOrgId: number;
  let due: ApiWarning;
  let endingCount: number;
  let branchApi: Awaited<ReturnType<typeof apiAs>>;
  const warningsOf = async (name: string) =>
    (await branchApi<{ items: ApiWarning[] }>(`/api/orgs/${branchOrgId}/warnings?pageSize=200`)).items.filter(
      (w) => w.subject === name,
    );

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    branchApi = await apiAs(server, 'branch');
    const me = await branchApi<{ user: { grants: Array<{ orgId: number }> } }>('/api/auth/me');
    branchOrgId = me.user.grants[0]!.orgId;
    const list = await branchApi<{ items: ApiWarning[] }>(
      `/api/orgs/${branchOrgId}/warnings?kind=probation_ending&pageSize=200`,
    );
    // The demo branch's 转正 due now: probation ended (the meeting may be held), not yet discussed.
    due = list.items.find((w) => w.dueDate !== null && w.dueDate < todayIso())!;
    endingCount = list.items.length;
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sees the due 转正 in the warning list, records the branch meeting, and the warning disappears', async () => {
    expect(due).toBeDefined();
    expect(due.link).toMatch(/^\/development\/\d+\?org=\d+$/);
    const { context, page } = await newPage(browser);
    await withFailureScreenshot(page, 'development-full-membership', async () => {
      await login(page, server.url, 'branch');
      await page.goto(`${server.url}/orgs/warnings?org=${branchOrgId}&kind=probation_ending`);
      const row = page.locator('tr', { hasText: `${due.subject}：预备期已于${due.dueDate}届满` });
      await expect.poll(() => row.count()).toBe(1);
      await row.getByTestId('warning-act').click();
      await page.waitForURL((u) => u.pathname.startsWith('/development/'));
      await expect
        .poll(() => page.getByTestId('development-status').textContent())
        .toContain('第23步 支部大会讨论转正');

      await page.getByTestId('development-next-step').click();
      const drawer = page.locator('.ant-drawer-content');
      await expect.poll(() => drawer.textContent()).toContain('办理第23步：支部大会讨论转正');
      await drawer.getByText('按期转正', { exact: true }).click();
      await drawer.getByLabel('支部大会会议或批复文号').fill('支部党员大会（应到9人，实到8人，全票通过）');
      await page.getByTestId('development-step-submit').click();
      await expect.poll(() => page.getByText('已办理：第23步「支部大会讨论转正」').count()).toBeGreaterThan(0);
      await expect.poll(() => page.getByTestId('development-timeline').textContent()).toContain('按期转正');
      await expect
        .poll(() => page.getByTestId('development-status').textContent())
        .toContain('第24步 上级党委审批转正');

      await page.goto(`${server.url}/orgs/warnings?org=${branchOrgId}&kind=probation_ending`);
      await expect.poll(() => page.getByText(`预备期即将期满 ${endingCount - 1}`, { exact: true }).count()).toBe(1);
      expect(await page.locator('tr', { hasText: due.subject }).count()).toBe(0);
    });
    // Neither as an ending probation nor as a due step: the upper committee has three months to approve.
    expect(await warningsOf(due.subject)).toEqual([]);
    await context.close();
  });
});
