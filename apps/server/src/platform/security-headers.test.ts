// Security headers on every kind of answer — the web app's HTML (and its client-route fallback), API JSON, refusals
// and errors: a CSP whose scripts come from the site only (no 'unsafe-inline', no 'unsafe-eval'), never framed,
// no MIME sniffing, no referrer to other sites; API answers never cached.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { build } from '../app.js';
import { describeEachDb } from '../test/databases.js';
import { loginAs, seedSmallTree } from '../test/factories.js';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describeEachDb('security headers', (getDb) => {
  let app: FastifyInstance;
  let webDist: string;
  let tree: Awaited<ReturnType<typeof seedSmallTree>>;
  beforeAll(async () => {
    tree = await seedSmallTree(getDb().ctx);
    webDist = mkdtempSync(join(tmpdir(), 'grassroots-web-'));
    writeFileSync(
      join(webDist, 'index.html'),
      '<!doctype html><div id="root"></div><script type="module" src="/a.js"></script>',
    );
    app = await build({ config: { ...getDb().config, webDist }, handle: getDb().handle, logger: false });
  });
  afterAll(() => rmSync(webDist, { recursive: true, force: true }));

  it('sends them on the HTML, client routes, API answers, refusals and errors', async () => {
    const s = await loginAs(app, tree.users.town.username);
    const answers = {
      'the web app': await app.inject({ method: 'GET', url: '/' }),
      'a client route': await app.inject({ method: 'GET', url: '/members/1' }),
      'API JSON': await app.inject({ method: 'GET', url: '/api/auth/me', headers: s.read }),
      '401': await app.inject({ method: 'GET', url: '/api/members' }),
      '403 CSRF': await app.inject({ method: 'POST', url: '/api/members', headers: s.read, payload: {} }),
      '404': await app.inject({ method: 'GET', url: '/api/nothing-here', headers: s.read }),
      '400': await app.inject({
        method: 'POST',
        url: '/api/members',
        headers: { ...s.write, 'content-type': 'application/json' },
        payload: '{',
      }),
    };
    for (const [what, res] of Object.entries(answers)) {
      const h = res.headers;
      expect(h['x-content-type-options'], what).toBe('nosniff');
      expect(h['referrer-policy'], what).toMatch(/^(same-origin|no-referrer|strict-origin(-when-cross-origin)?)$/);
      expect(h['x-frame-options'], what).toBe('DENY');
      const csp = directives(String(h['content-security-policy'] ?? ''));
      expect(csp.get('frame-ancestors'), what).toEqual(["'none'"]);
      expect(csp.get('default-src'), what).toEqual(["'self'"]);
      const scripts = csp.get('script-src') ?? csp.get('default-src')!;
      expect(scripts, what).not.toContain("'unsafe-inline'");
      expect(scripts, what).not.toContain("'unsafe-eval'");
      expect(
        scripts.every((v) => v === "'self'"),
        what,
      ).toBe(true);
      expect(csp.get('base-uri'), what).toEqual(["'self'"]);
      expect(csp.get('form-action'), what).toEqual(["'self'"]);
      if (what !== 'the web app' && what !== 'a client route') expect(h['cache-control'], what).toBe('no-store');
    }
    expect(answers['the web app'].headers['content-type']).toMatch(/^text\/html/);
  });
});
