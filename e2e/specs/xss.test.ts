// Stored XSS in the browser: members and an org named with HTML are shown as text in the org tree, the member list
// and the member detail — no dialog fires, no element of theirs gets into the page.
import { makeIdNumber } from '@grassroots/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  launchBrowser,
  login,
  newPage,
  startServer,
  type TestServer,
  withFailureScreenshot,
} from '../support/harness.js';

const NAMES = ['<img src=x onerror=alert(1)>', '<script>alert(2)</script>'];
const ORG_NAME = '<img src=y onerror=alert(3)>党支部';

/** Signs in over the API as `username` and sends JSON requests with the session and its CSRF token. */
async function apiWriter(server: TestServer, username: string) {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const { csrfToken, user } = (await res.json()) as { csrfToken: string; user: { grants: Array<{ orgId: number }> } };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const send = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
  return { send, anchorOrgId: user.grants[0]!.orgId };
}

describe('[browser] stored XSS: typed names are shown as text', () => {
  let server: TestServer;
  let browser: Browser;
  const members: Array<{ id: number; name: string }> = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const town = await apiWriter(server, 'town');
    const org = await town.send<{ id: number }>('POST', '/api/orgs', {
      parentId: town.anchorOrgId,
      name: ORG_NAME,
      kind: 'branch',
      sector: 'rural',
      code: 'XSS-E2E',
    });
    for (const [n, name] of NAMES.entries()) {
      members.push(
        await town.send('POST', '/api/members', {
          orgId: org.id,
          name,
          gender: 'male',
          ethnicity: '汉族',
          birthDate: '1990-03-07',
          idNumber: makeIdNumber('140102', '1990-03-07', 100 + n, 'male'),
          education: 'bachelor',
          occupation: 'farmer',
          joinedOn: '2015-07-01',
          fullOn: '2016-07-01',
          status: 'full',
        }),
      );
    }
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Dialogs the page opened, and whether any element the names carry got into the document. */
  function watch(page: Page) {
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    return {
      dialogs,
      injected: () => page.locator('img[src="x"], img[src="y"], script:text("alert(2)")').count(),
    };
  }

  it('shows the names as text in the member list, the member detail and the org tree; no dialog fires', async () => {
    const { context, page } = await newPage(browser);
    const seen = watch(page);
    await withFailureScreenshot(page, 'xss-members', async () => {
      await login(page, server.url, 'town');
      await page.goto(`${server.url}/members`);
      const search = page.locator('input[data-testid="member-search"], [data-testid="member-search"] input').first();
      for (const m of members) {
        await search.fill(m.name);
        await search.press('Enter');
        const row = page.getByTestId('member-row').filter({ hasText: m.name });
        await expect.poll(() => row.count()).toBe(1);
        await page.goto(`${server.url}/members/${m.id}`);
        await expect.poll(() => page.getByText(m.name, { exact: true }).count()).toBeGreaterThan(0);
        await expect.poll(() => page.getByText(ORG_NAME).count()).toBeGreaterThan(0);
        await page.goto(`${server.url}/members`);
      }
      // The org tree lists the new branch under the township by its name, as text.
      await expect.poll(() => page.locator('[data-testid="org-tree"]').getByText(ORG_NAME).count()).toBeGreaterThan(0);
      expect(await seen.injected()).toBe(0);
      expect(seen.dialogs).toEqual([]);
    });
    await context.close();
  });
});
