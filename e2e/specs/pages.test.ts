// Every page of the menu, and the page behind every kind of warning, opens for the users who work there: no render
// error, no failed query, no uncaught exception — at desk width for the county and at phone width for a branch.
import { WARNING_KINDS, type WarningItem } from '@grassroots/domain';
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

const MENU_PAGES = [
  '/dashboard',
  '/dashboard/screen',
  '/metrics',
  '/reports',
  '/reports/check',
  '/reports/new',
  '/forms',
  '/forms/fill?form=members-basic',
  '/orgs',
  '/units',
  '/orgs/warnings',
  '/members',
  '/development',
  '/transfers',
  '/mobile',
  '/dues',
  '/dues/arrears',
  '/life/meetings',
  '/life/compliance',
  '/life/exemptions',
  '/life/obligations',
  '/tasks',
  '/tasks/assignments',
  '/projects',
  '/contact-points',
  '/inspections',
  '/weak-orgs',
  '/elections',
  '/star-ratings',
  '/star-ratings/scorecard',
  '/users',
  '/audit',
];

/** Opens a page and waits until its queries settled; returns what went wrong on it. */
async function problemsOn(page: Page, url: string): Promise<string[]> {
  const problems: string[] = [];
  const onError = (e: Error) => problems.push(`uncaught: ${e.message}`);
  const onResponse = (r: { url(): string; status(): number }) => {
    if (r.url().includes('/api/') && r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  };
  page.on('pageerror', onError);
  page.on('response', onResponse);
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  // antd's <Result> for errors, 403 and 404: the route error page and every query's ErrorState.
  const errorStates = await page
    .locator('.ant-result-error, .ant-result-403, .ant-result-404, .ant-result-500')
    .count();
  if (errorStates > 0)
    problems.push(`error state shown: ${await page.locator('.ant-result-title').first().textContent()}`);
  page.off('pageerror', onError);
  page.off('response', onResponse);
  return problems;
}

describe('[browser] every page opens', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the county admin opens every menu page and the page behind each kind of warning', async () => {
    const county = await apiAs(server, 'county');
    const roots = await county<{ items: Array<{ id: number }> }>('/api/orgs/roots');
    const rootId = roots.items[0]!.id;
    const links: string[] = [];
    for (const kind of WARNING_KINDS) {
      const list = await county<{ items: WarningItem[] }>(`/api/orgs/${rootId}/warnings?kind=${kind}&pageSize=1`);
      const link = list.items[0]?.link;
      if (link) links.push(link);
    }
    // The demo county has warnings of most kinds; each must lead somewhere that works.
    expect(links.length).toBeGreaterThanOrEqual(12);
    const { context, page } = await newPage(browser);
    await withFailureScreenshot(page, 'pages-county', async () => {
      await login(page, server.url, 'county');
      const problems: Record<string, string[]> = {};
      for (const path of [...MENU_PAGES.map((p) => `${p}${p.includes('?') ? '&' : '?'}org=${rootId}`), ...links]) {
        const found = await problemsOn(page, `${server.url}${path}`);
        if (found.length > 0) problems[path] = found;
      }
      expect(problems).toEqual({});
    });
    await context.close();
  }, 300_000);

  it('a branch secretary at phone width opens the pages of his branch', async () => {
    const { context, page } = await newPage(browser, { width: 375, height: 812 });
    await withFailureScreenshot(page, 'pages-branch-phone', async () => {
      await login(page, server.url, 'branch');
      const problems: Record<string, string[]> = {};
      for (const path of [
        '/orgs',
        '/orgs/warnings',
        '/members',
        '/development',
        '/dues',
        '/life/meetings',
        '/mobile',
      ]) {
        const found = await problemsOn(page, `${server.url}${path}`);
        if (found.length > 0) problems[path] = found;
      }
      expect(problems).toEqual({});
      // Nothing wider than the phone: no horizontal scrolling of the whole page.
      await page.goto(`${server.url}/orgs/warnings`);
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
    await context.close();
  }, 300_000);
});
