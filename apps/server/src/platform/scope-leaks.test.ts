// Lists, figures, searches and exports never leak another township: records of every kind are created in 青石镇 (the
// other township) through the route policy's own calls, then every read route the township admin of 城关镇 may call —
// with its org, and lists also without one (the default scope) — is scanned for anything of 青石镇, files included;
// the township's aggregates equal a count of its own subtree.
import JSZip from 'jszip';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../test/databases.js';
import { buildTestApp, loginAs, type Session, type SmallTree, seedSmallTree } from '../test/factories.js';
import { type Fixture, ROUTE_POLICY } from '../test/route-policy.js';
import { waitForJobs } from './jobs.js';

/** What of 青石镇 a leak would show: its org names (and its fresh branches, named after it) and its members. */
const MARKERS = ['青石', '赵磊', '孙强'];
/** Global on purpose: a transfer may go to any org of the platform, so its target search lists them all (names). */
const GLOBAL_BY_DESIGN = new Set(['GET /api/orgs/transfer-targets']);

async function textOf(res: { headers: Record<string, unknown>; rawPayload: Buffer; body: string }): Promise<string> {
  const type = String(res.headers['content-type'] ?? '');
  if (!/spreadsheetml|wordprocessingml/.test(type)) return res.body;
  const zip = await JSZip.loadAsync(res.rawPayload);
  const parts = await Promise.all(Object.values(zip.files).map((f) => (f.dir ? '' : f.async('string'))));
  return parts.join('\n');
}

describeEachDb('scope leaks: a township sees nothing of another township', (getDb) => {
  let tree: SmallTree;
  let fixture: Fixture;
  let town: Session;

  beforeAll(async () => {
    const { ctx } = getDb();
    tree = await seedSmallTree(ctx);
    const app = await buildTestApp(getDb());
    const admin = await loginAs(app, tree.users.admin.username);
    town = await loginAs(app, tree.users.town.username);
    fixture = { ctx, app, tree, admin, sessionOf: () => admin };
    // Records of every kind in 青石镇: every write of the policy, made by the administrator there.
    for (const [key, p] of Object.entries(ROUTE_POLICY)) {
      const [method] = key.split(' ');
      if (method === 'GET' || p.at === 'global' || p.needs === 'public' || p.needs === 'session') continue;
      const call = await p.call(fixture, tree.orgs.otherVillage, 'admin');
      await app.inject({
        method: method as 'POST',
        url: call.url,
        headers: { ...admin.write, ...(call.upload?.headers ?? {}) },
        ...(call.upload
          ? { payload: call.upload.payload }
          : call.body !== undefined
            ? { payload: call.body as object }
            : {}),
      });
    }
    await waitForJobs(ctx.db);
  });

  it('shows nothing of 青石镇 in any read route of the township admin, with its org or by default', async () => {
    const leaks: string[] = [];
    let scanned = 0;
    for (const [key, p] of Object.entries(ROUTE_POLICY)) {
      if (!key.startsWith('GET ') || GLOBAL_BY_DESIGN.has(key) || p.needs === 'public') continue;
      const call = await p.call(fixture, tree.orgs.town, 'town');
      const urls = [call.url, call.url.replace(/([?&])orgId=\d+&?/, '$1').replace(/[?&]$/, '')];
      for (const url of new Set(urls)) {
        const res = await fixture.app.inject({ method: 'GET', url, headers: town.read });
        if (res.statusCode !== 200) continue;
        scanned++;
        const text = await textOf(res);
        const found = MARKERS.filter((m) => text.includes(m));
        if (found.length > 0) leaks.push(`${key} (${url}) shows ${found.join(', ')}`);
      }
    }
    expect(scanned).toBeGreaterThan(80);
    expect(leaks, leaks.join('\n')).toEqual([]);
  });

  it('counts only the township in its stats, rollups and metric figures', async () => {
    const { db } = getDb().ctx;
    const own = Number(
      (
        await db
          .selectFrom('members')
          .select((eb) => eb.fn.countAll().as('n'))
          .where(sql<boolean>`org_path >= ${tree.orgs.town.path} and org_path < ${`${tree.orgs.town.path}~`}`)
          .where('leftOn', 'is', null)
          .executeTakeFirstOrThrow()
      ).n,
    );
    const all = Number(
      (
        await db
          .selectFrom('members')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(all).toBeGreaterThan(own);
    const get = async (url: string) => (await fixture.app.inject({ method: 'GET', url, headers: town.read })).json();
    expect((await get(`/api/orgs/${tree.orgs.town.id}/stats`)).members.total).toBe(own);
    expect((await get('/api/members/rollup?groupBy=gender')).total).toBe(own);
    expect((await get('/api/members?pageSize=1')).total).toBe(own);
    const children = await get(`/api/metrics/children?orgId=${tree.orgs.town.id}&keys=members.total`);
    expect(children.total['members.total']).toBe(own);
    expect((await get(`/api/metrics/members.total/records?orgId=${tree.orgs.town.id}&pageSize=1`)).total).toBe(own);
    for (const url of [
      `/api/orgs/${tree.orgs.county.id}/stats`,
      `/api/metrics/members.total?orgId=${tree.orgs.county.id}`,
      `/api/metrics/children?orgId=${tree.orgs.county.id}&keys=members.total`,
      `/api/members/export?orgId=${tree.orgs.otherTown.id}`,
    ]) {
      expect((await fixture.app.inject({ method: 'GET', url, headers: town.read })).statusCode, url).toBe(404);
    }
  });
});
