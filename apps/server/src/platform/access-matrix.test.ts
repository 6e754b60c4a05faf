// The access-control matrix, generated from the route table (the OpenAPI document) and the policy of each route
// (test/route-policy.ts): every route is called as every role of the small tree, against an org in the township
// subtree and one in the other township, and answers as ROLE_PERMISSIONS and the role's anchor say — 2xx, 403 without
// the permission, 404 out of scope with the very body of a missing id. A route without a policy entry fails here.
import { ERROR_STATUS, ROLE_PERMISSIONS, type Role } from '@grassroots/domain';
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../test/databases.js';
import {
  buildTestApp,
  loginAs,
  type SeededOrg,
  type Session,
  type SmallTree,
  seedSmallTree,
} from '../test/factories.js';
import { type Fixture, ROUTE_POLICY, type RoleKey, type RoutePolicy, routeKeys } from '../test/route-policy.js';

const ROLE_OF: Record<RoleKey, { role: Role; anchor: keyof SmallTree['orgs'] }> = {
  admin: { role: 'system_admin', anchor: 'county' },
  county: { role: 'org_department_admin', anchor: 'county' },
  town: { role: 'township_admin', anchor: 'town' },
  branch: { role: 'branch_secretary', anchor: 'village' },
  grid: { role: 'grid_worker', anchor: 'group' },
  viewer: { role: 'readonly_leader', anchor: 'county' },
};
const ROLE_KEYS = Object.keys(ROLE_OF) as RoleKey[];
const MISSING_ID = 987654321;

type Expected = { status: number; code?: string; hidden?: boolean } | 'ok';

const HIDDEN = { status: 404, code: 'NOT_FOUND', hidden: true };

function expectedOutcome(tree: SmallTree, p: RoutePolicy, role: RoleKey, recordOrg: SeededOrg | null): Expected {
  if (p.needs === 'public' || p.needs === 'session') {
    if (p.owner && role !== 'admin') return HIDDEN;
    return 'ok';
  }
  const held = ROLE_PERMISSIONS[ROLE_OF[role].role];
  const inScope = recordOrg === null || recordOrg.path.startsWith(tree.orgs[ROLE_OF[role].anchor].path);
  if (!p.needs.every((n) => held.includes(n))) {
    // A record found through the read permission first: out of the reader's scope it is not there at all.
    if (p.readFirst && held.includes(p.readFirst) && !inScope) return HIDDEN;
    return { status: 403, code: 'FORBIDDEN' };
  }
  if (recordOrg === null) return 'ok';
  const anchor = tree.orgs[ROLE_OF[role].anchor].path;
  if (!inScope) return p.hidesAsEmpty ? { status: 200, hidden: true } : HIDDEN;
  if (p.upper && recordOrg.path === anchor) return { status: ERROR_STATUS[p.upper], code: p.upper };
  return 'ok';
}

/** The URL with the path's numeric ids, and an `orgId` or `entityId` query value, replaced by ids that do not exist. */
function withMissingId(template: string, url: string): string {
  const [path, query] = url.split('?');
  const segments = path!.split('/');
  template.split('/').forEach((s, i) => {
    if (s.startsWith('{') && /^\d+$/.test(segments[i]!)) segments[i] = String(MISSING_ID);
  });
  const q = query?.replace(/(^|&)(orgId|entityId)=\d+/, `$1$2=${MISSING_ID}`);
  return segments.join('/') + (q ? `?${q}` : '');
}

/** When neither the path nor the query names the record, the body's first reference to one is made missing. */
function withMissingBodyId(template: string, url: string, body: unknown): unknown {
  if (withMissingId(template, url) !== url || body === null || typeof body !== 'object') return body;
  const key = ['orgId', 'memberId', 'linkId', 'roundId'].find((k) => k in body);
  return key ? { ...body, [key]: MISSING_ID } : body;
}

describeEachDb('access matrix (every route × every role, in and out of scope)', (getDb) => {
  let app: FastifyInstance;
  let tree: SmallTree;
  let keys: string[];
  const sessions = {} as Record<RoleKey, Session>;
  let fixture: Fixture;

  beforeAll(async () => {
    tree = await seedSmallTree(getDb().ctx);
    app = await buildTestApp(getDb());
    for (const r of ROLE_KEYS) sessions[r] = await loginAs(app, tree.users[r].username);
    keys = await routeKeys(app);
    fixture = { ctx: getDb().ctx, app, tree, admin: sessions.admin, sessionOf: (r) => sessions[r] };
  });

  it('has a policy for every route of the API, and no policy for a route that is gone', () => {
    expect(keys.length).toBeGreaterThan(150);
    const unlisted = keys.filter((k) => !(k in ROUTE_POLICY));
    expect(unlisted, `routes without a policy entry:\n${unlisted.join('\n')}\n`).toEqual([]);
    expect(Object.keys(ROUTE_POLICY).filter((k) => !keys.includes(k))).toEqual([]);
  });

  const send = (method: string, url: string, session: Session | null, call: Awaited<ReturnType<RoutePolicy['call']>>) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(session ? (method === 'GET' ? session.read : session.write) : {}),
        ...(call.upload?.headers ?? {}),
      },
      ...(call.upload
        ? { payload: call.upload.payload }
        : call.body !== undefined
          ? { payload: call.body as object }
          : {}),
    });

  it.each(Object.keys(ROUTE_POLICY))('%s', async (key) => {
    if (!keys.includes(key)) return;
    const p = ROUTE_POLICY[key]!;
    const [method, template] = key.split(' ') as [string, string];
    const targets: Array<SeededOrg | null> =
      p.at === 'global' ? [null] : [tree.orgs[p.at ?? 'group'], tree.orgs.otherVillage];
    const wrong: string[] = [];
    for (const role of ROLE_KEYS) {
      for (const target of targets) {
        const call = await p.call(fixture, target ?? tree.orgs.county, role);
        const session = p.needs === 'public' ? null : (call.session ?? sessions[role]);
        const res = await send(method, call.url, session, call);
        const exp = expectedOutcome(tree, p, role, target === null ? null : (call.org ?? target));
        const where = `${role} → ${target ? `org ${(call.org ?? target).name}` : 'global'}: ${res.statusCode}`;
        if (exp === 'ok') {
          if (res.statusCode !== (p.ok ?? 200))
            wrong.push(`${where}, expected ${p.ok ?? 200} ${res.body.slice(0, 200)}`);
          continue;
        }
        const code = res.statusCode < 300 ? undefined : (res.json() as { error: { code: string } }).error.code;
        if (res.statusCode !== exp.status || code !== exp.code) {
          wrong.push(`${where} ${code}, expected ${exp.status} ${exp.code} ${res.body.slice(0, 200)}`);
          continue;
        }
        // Out of scope looks exactly like nothing there: the same body as for an id that does not exist; and a
        // refusal for want of a permission does not tell whether the record exists either.
        const readable = p.readFirst !== undefined && ROLE_PERMISSIONS[ROLE_OF[role].role].includes(p.readFirst);
        if (exp.hidden || (exp.code === 'FORBIDDEN' && !readable)) {
          const missing = await send(method, withMissingId(template, call.url), session, {
            ...call,
            body: withMissingBodyId(template, call.url, call.body),
          });
          if (missing.statusCode !== exp.status || missing.body !== res.body) {
            wrong.push(`${where}: body ${res.body} differs from a missing id's ${missing.statusCode} ${missing.body}`);
          }
        }
      }
    }
    expect(wrong, `\n${wrong.join('\n')}\n`).toEqual([]);
  });
});
