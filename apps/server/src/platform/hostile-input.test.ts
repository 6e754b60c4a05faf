// Hostile input, generated from the route table: for every route of the OpenAPI document, fast-check takes the
// route's valid call (test/route-policy.ts) and replaces path ids, query parameters (every one the document lists)
// and body fields (every top-level property of the request schema, and every leaf of the valid body) with hostile
// values — empty, 100k characters, unicode/RTL/emoji, SQL and HTML metacharacters, deep JSON, ±1e308, NaN-ish text,
// -0, impossible dates. Every answer is below 500; a refusal is a JSON error whose code has that status; a refused
// write changes nothing (no commit at all, no audit row).
import { ERROR_STATUS, type ErrorCode } from '@grassroots/domain';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { dataGeneration } from '../db/database.js';
import { describeEachDb } from '../test/databases.js';
import { buildTestApp, loginAs, type Session, type SmallTree, seedSmallTree } from '../test/factories.js';
import { type Fixture, ROUTE_POLICY, type RouteCall } from '../test/route-policy.js';
import { resetLoginThrottle } from './auth/auth.service.js';
import { waitForJobs } from './jobs.js';

/** Runs per route: about 180 routes × 10 runs ≈ 1,800 hostile requests per database. */
const RUNS_PER_ROUTE = 10;

function deep(depth: number): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { a: v };
  return v;
}

const HOSTILE: readonly unknown[] = [
  '',
  ' ',
  'x'.repeat(100_000),
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀👨‍👩‍👧‍👦 漢字',
  '\u202Eبالعربية\u202C עברית',
  "'; drop table members;--",
  "' or '1'='1",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '=cmd|" /C calc"!A0',
  '\u0000',
  '%00',
  '../../etc/passwd',
  // Template-injection probes, as text.
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text is the probe
  '{{7*7}}${7*7}',
  1e308,
  -1e308,
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-0',
  -0,
  0,
  -1,
  2 ** 31,
  2 ** 53 + 2,
  '１２３',
  '0x1F',
  '2023-02-29',
  '9999-99-99',
  '0000-00-00',
  '2026-13-01',
  '2026-11-26T25:61:00Z',
  true,
  null,
  [],
  {},
  [null],
  JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
  deep(2_000),
];

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

interface RouteSchema {
  pathParams: string[];
  query: Array<{ name: string; type: string | undefined }>;
  bodyProps: Array<{ name: string; type: string | undefined }>;
}

/** The boundary values every scalar field gets one by one, besides the random runs. */
const BOUNDARIES: Record<'number' | 'string', readonly unknown[]> = {
  number: [1e308, -1e308, 2 ** 63],
  string: ['', 'x'.repeat(100_000), '2023-02-29'],
};
const kindOf = (type: string | undefined): keyof typeof BOUNDARIES | null =>
  type === 'integer' || type === 'number' ? 'number' : type === 'string' ? 'string' : null;

/** Where one mutation lands. */
type Target =
  | { in: 'path'; name: string }
  | { in: 'query'; name: string }
  | { in: 'body'; path: string[] }
  | { in: 'wholeBody' };

function leafPaths(v: unknown, prefix: string[] = []): string[][] {
  if (v === null || typeof v !== 'object') return prefix.length ? [prefix] : [];
  const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
  const out = entries.flatMap(([k, x]) => leafPaths(x, [...prefix, k]));
  return out.length ? out : [prefix];
}

function setPath(body: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  const base: Record<string, unknown> | unknown[] =
    body !== null && typeof body === 'object' ? (Array.isArray(body) ? [...body] : { ...body }) : {};
  (base as Record<string, unknown>)[head] = setPath((base as Record<string, unknown>)[head], rest, value);
  return base;
}

const asText = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined'));

function mutate(template: string, call: RouteCall, targets: Array<{ t: Target; v: unknown }>): RouteCall {
  const [path, query = ''] = call.url.split('?') as [string, string?];
  const segments = path.split('/');
  const params = new URLSearchParams(query);
  let body = call.body;
  for (const { t, v } of targets) {
    if (t.in === 'path') {
      const at = template.split('/').indexOf(`{${t.name}}`);
      segments[at] = encodeURIComponent(asText(v)) || '%20';
    } else if (t.in === 'query') params.set(t.name, asText(v));
    else if (t.in === 'body') body = setPath(body, t.path, v);
    else body = v;
  }
  const q = params.toString();
  return { ...call, url: segments.join('/') + (q ? `?${q}` : ''), body };
}

describeEachDb('hostile input on every route (fast-check, from the OpenAPI schemas)', (getDb) => {
  let app: FastifyInstance;
  let tree: SmallTree;
  let fixture: Fixture;
  let schemas: Map<string, RouteSchema>;
  let admin: Session;

  beforeAll(async () => {
    tree = await seedSmallTree(getDb().ctx);
    app = await buildTestApp(getDb());
    admin = await loginAs(app, tree.users.admin.username);
    fixture = { ctx: getDb().ctx, app, tree, admin, sessionOf: () => admin };
    type Op = {
      parameters?: Array<{ in: string; name: string; schema?: { type?: string } }>;
      requestBody?: { content: Record<string, { schema?: { properties?: Record<string, { type?: string }> } }> };
    };
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, Op>>;
    };
    schemas = new Map();
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(ops)) {
        const props = op.requestBody?.content['application/json']?.schema?.properties ?? {};
        schemas.set(`${m.toUpperCase()} ${path}`, {
          pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((x) => x[1]!),
          query: (op.parameters ?? [])
            .filter((p) => p.in === 'query')
            .map((p) => ({ name: p.name, type: p.schema?.type })),
          bodyProps: Object.entries(props).map(([name, v]) => ({ name, type: v.type })),
        });
      }
    }
  });

  const auditCount = async () =>
    Number(
      (
        await getDb()
          .ctx.db.selectFrom('auditLog')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it.each(Object.keys(ROUTE_POLICY))('%s', async (key) => {
    const schema = schemas.get(key);
    if (!schema) return;
    const p = ROUTE_POLICY[key]!;
    const [method, template] = key.split(' ') as [string, string];
    await waitForJobs(getDb().ctx.db);
    const base = await p.call(fixture, tree.orgs.village, 'admin');
    // A fresh session per route: no last-seen write of the session lands inside a run.
    const session = p.needs === 'public' ? null : (base.session ?? (await loginAs(app, tree.users.admin.username)));
    const targets: Target[] = [
      ...schema.pathParams.map((name) => ({ in: 'path' as const, name })),
      ...schema.query.map(({ name }) => ({ in: 'query' as const, name })),
      ...(base.upload
        ? []
        : [
            ...schema.bodyProps.map(({ name }) => ({ in: 'body' as const, path: [name] })),
            ...leafPaths(base.body).map((path) => ({ in: 'body' as const, path })),
            ...(method === 'GET' || method === 'DELETE' ? [] : [{ in: 'wholeBody' as const }]),
          ]),
    ];
    if (targets.length === 0) return;
    const mutation = fc.array(fc.record({ t: fc.constantFrom(...targets), v: hostileValue }), {
      minLength: 1,
      maxLength: 3,
    });
    /** Sends the valid call with `changes` applied; checks the answer and, for a refused write, that nothing changed. */
    const probe = async (changes: Array<{ t: Target; v: unknown }>) => {
      const call = mutate(template, base, changes);
      resetLoginThrottle();
      await waitForJobs(getDb().ctx.db);
      const generation = dataGeneration();
      const audits = method === 'GET' ? 0 : await auditCount();
      const res = await app.inject({
        method: method as 'POST',
        url: call.url,
        headers: {
          ...(session ? session.write : {}),
          ...(call.upload?.headers ?? {}),
          ...(call.upload || call.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(call.upload
          ? { payload: call.upload.payload }
          : call.body !== undefined
            ? { payload: JSON.stringify(call.body) ?? '' }
            : {}),
      });
      const what = `${method} ${call.url.slice(0, 200)} ${asText(call.body).slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
      expect(res.statusCode, what).toBeLessThan(500);
      if (res.statusCode < 400) return;
      const error = (res.json() as { error: { code: ErrorCode; message: string } }).error;
      expect(ERROR_STATUS[error.code], what).toBe(res.statusCode);
      expect(error.message.length, what).toBeGreaterThan(0);
      // A refused write changed nothing: no commit at all (a failed login is audited by design).
      if (method !== 'GET' && key !== 'POST /api/auth/login') {
        expect(await auditCount(), what).toBe(audits);
        expect(dataGeneration(), what).toBe(generation);
      }
    };
    await fc.assert(fc.asyncProperty(mutation, probe), { numRuns: RUNS_PER_ROUTE, seed: 20261126 });
    // Then every scalar field at its boundaries, one at a time.
    const typed: Array<{ t: Target; kind: keyof typeof BOUNDARIES | null }> = [
      ...schema.query.map(({ name, type }) => ({ t: { in: 'query' as const, name }, kind: kindOf(type) })),
      ...(base.upload
        ? []
        : leafPaths(base.body).map((path) => {
            const leaf = path.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], base.body);
            return { t: { in: 'body' as const, path }, kind: kindOf(typeof leaf) };
          })),
    ];
    for (const { t, kind } of typed) if (kind) for (const v of BOUNDARIES[kind]) await probe([{ t, v }]);
  });

  it('refuses a JSON body above 2 MB with 413 and a body of another type with 415, writing nothing', async () => {
    const session = await loginAs(app, tree.users.admin.username);
    const audits = await auditCount();
    const generation = dataGeneration();
    const huge = await app.inject({
      method: 'POST',
      url: '/api/members',
      headers: { ...session.write, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大' });
    // text/plain is parsed as a string, which no JSON schema takes (400); other types have no parser (415).
    const text = await app.inject({
      method: 'POST',
      url: '/api/members',
      headers: { ...session.write, 'content-type': 'text/plain' },
      payload: 'name=x',
    });
    expect(text.statusCode).toBe(400);
    expect(text.json().error.code).toBe('VALIDATION_FAILED');
    for (const type of ['application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/members',
        headers: { ...session.write, 'content-type': type },
        payload: 'name=x',
      });
      expect(res.statusCode, type).toBe(415);
      expect(res.json().error.code, type).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    expect(await auditCount()).toBe(audits);
    expect(dataGeneration()).toBe(generation);
  });
});
