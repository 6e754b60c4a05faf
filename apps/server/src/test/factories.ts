// Factories with defaults, shared by service, route and browser tests: seedOrg, seedMember, seedUser, seedSmallTree.
import {
  type Education,
  type Gender,
  type MemberStatus,
  makeIdNumber,
  type Occupation,
  type OrgKind,
  pinyinInitials,
  type Role,
  type Sector,
} from '@grassroots/domain';
import type { FastifyInstance } from 'fastify';
import { beforeAll } from 'vitest';
import { build } from '../app.js';
import { memberCounters } from '../modules/members/members.counters.js';
import { insertMember } from '../modules/members/members.repo.js';
import { orgCounters } from '../modules/orgs/orgs.counters.js';
import { insertOrg } from '../modules/orgs/orgs.repo.js';
import { createUserUnchecked } from '../modules/users/users.service.js';
import type { Actor } from '../platform/actor.js';
import { findActiveGrants } from '../platform/auth/auth.repo.js';
import { nowIso, today } from '../platform/clock.js';
import type { AppContext } from '../platform/context.js';
import { applyCounterDeltas, deltasForChange } from '../platform/counters.js';
import type { TestDb } from './databases.js';

export const TEST_PASSWORD = 'Test@2026pass';

let sequence = 0;
const next = () => ++sequence;

export interface SeededOrg {
  id: number;
  path: string;
  name: string;
}

export async function seedOrg(
  ctx: AppContext,
  o: {
    parent?: SeededOrg | null;
    name?: string;
    kind?: OrgKind;
    sector?: Sector;
    code?: string;
    termStart?: string | null;
    termYears?: number | null;
    committee?: string[];
  } = {},
): Promise<SeededOrg> {
  const n = next();
  const name = o.name ?? `测试党支部${n}`;
  const now = nowIso();
  const parent = o.parent ?? null;
  const id = await insertOrg(ctx.db, {
    parentId: parent?.id ?? null,
    path: `${parent?.path ?? '/0/'}tmp-${n}-${now}/`,
    depth: parent ? parent.path.split('/').filter(Boolean).length : 0,
    name,
    nameInitials: pinyinInitials(name),
    shortName: null,
    kind: o.kind ?? 'branch',
    sector: o.sector ?? 'rural',
    code: o.code ?? `T${n}`,
    secretaryName: null,
    committee: JSON.stringify(o.committee ?? []),
    foundedOn: null,
    termStart: o.termStart ?? null,
    termYears: o.termYears ?? null,
    contactPhone: null,
    address: null,
    closedAt: null,
    closedReason: null,
    createdAt: now,
    updatedAt: now,
  });
  const path = `${parent?.path ?? '/'}${id}/`;
  await ctx.db.updateTable('orgs').set({ path }).where('id', '=', id).execute();
  await applyCounterDeltas(
    ctx.db,
    deltasForChange(
      orgCounters,
      null,
      { orgPath: path, row: { kind: o.kind ?? 'branch', sector: o.sector ?? 'rural', closedAt: null } },
      today(),
    ),
  );
  return { id, path, name };
}

export interface MemberOverrides {
  name?: string;
  gender?: Gender;
  birthDate?: string;
  education?: Education;
  occupation?: Occupation;
  status?: MemberStatus;
  joinedOn?: string;
  phone?: string | null;
}

/** A valid member of `org`; ID number derived from birth date and gender so the record passes every rule. */
export async function seedMember(ctx: AppContext, org: SeededOrg, m: MemberOverrides = {}) {
  const n = next();
  const gender = m.gender ?? (n % 3 === 0 ? 'female' : 'male');
  const birthDate = m.birthDate ?? `19${60 + (n % 35)}-0${1 + (n % 9)}-1${n % 10}`;
  const status = m.status ?? 'full';
  const joinedOn = m.joinedOn ?? `20${10 + (n % 10)}-07-01`;
  const name = m.name ?? `党员${n}`;
  const idNumber = makeIdNumber('330102', birthDate, n % 500, gender);
  const now = nowIso();
  const row = {
    orgId: org.id,
    orgPath: org.path,
    name,
    nameInitials: pinyinInitials(name, { personName: true }),
    gender,
    ethnicity: '汉族',
    birthDate,
    idNumber: n >= 500 ? makeIdNumber(String(330102 + Math.floor(n / 500)), birthDate, n % 500, gender) : idNumber,
    education: m.education ?? 'bachelor',
    occupation: m.occupation ?? 'farmer',
    joinedOn,
    fullOn: status === 'full' ? `${Number(joinedOn.slice(0, 4)) + 1}${joinedOn.slice(4)}` : null,
    status,
    phone: m.phone === undefined ? `1380000${String(n).padStart(4, '0')}` : m.phone,
    address: null,
    isMobile: 0,
    isLostContact: 0,
    isHardship: 0,
    isVeteran: 0,
    pendingTransferId: null,
    createdAt: now,
    updatedAt: now,
  } as const;
  const id = await insertMember(ctx.db, row);
  await applyCounterDeltas(ctx.db, deltasForChange(memberCounters, null, { orgPath: org.path, row }, today()));
  return { id, name, orgId: org.id };
}

export async function seedUser(
  ctx: AppContext,
  u: {
    username?: string;
    role: Role;
    org: SeededOrg;
    includeSubtree?: boolean;
    validFrom?: string | null;
    validTo?: string | null;
  },
) {
  const username = u.username ?? `user${next()}`;
  const id = await createUserUnchecked(
    ctx,
    { userId: null, username: 'test', ip: null },
    {
      username,
      name: username,
      password: TEST_PASSWORD,
      grants: [
        {
          role: u.role,
          orgId: u.org.id,
          includeSubtree: u.includeSubtree ?? true,
          validFrom: u.validFrom ?? null,
          validTo: u.validTo ?? null,
        },
      ],
    },
  );
  return { id, username };
}

/**
 * A small county: 县委 → 城关镇 (红旗村 with 第一党小组, 东街社区) and 青石镇 (石桥村), with members everywhere and one
 * user of each role. Names chosen so pinyin initials work (城关镇 → cgz).
 */
export async function seedSmallTree(ctx: AppContext) {
  const county = await seedOrg(ctx, { name: '测试县委', kind: 'committee', sector: 'government' });
  const town = await seedOrg(ctx, { parent: county, name: '城关镇党委', kind: 'committee' });
  const village = await seedOrg(ctx, {
    parent: town,
    name: '城关镇红旗村党支部',
    kind: 'branch',
    termStart: '2021-06-01',
    termYears: 5,
  });
  const group = await seedOrg(ctx, { parent: village, name: '第一党小组', kind: 'group' });
  const community = await seedOrg(ctx, {
    parent: town,
    name: '城关镇东街社区党支部',
    kind: 'branch',
    sector: 'urban_community',
  });
  const otherTown = await seedOrg(ctx, { parent: county, name: '青石镇党委', kind: 'committee' });
  const otherVillage = await seedOrg(ctx, { parent: otherTown, name: '青石镇石桥村党支部', kind: 'branch' });
  const members = {
    village: [
      await seedMember(ctx, village, { name: '张伟' }),
      await seedMember(ctx, village, { name: '王芳', gender: 'female' }),
    ],
    group: [
      await seedMember(ctx, group, { name: '李娜', gender: 'female' }),
      await seedMember(ctx, group, { name: '刘洋' }),
    ],
    community: [
      await seedMember(ctx, community, {
        name: '陈静',
        gender: 'female',
        status: 'probationary',
        joinedOn: '2026-03-01',
      }),
    ],
    otherVillage: [
      await seedMember(ctx, otherVillage, { name: '赵磊' }),
      await seedMember(ctx, otherVillage, { name: '孙强' }),
    ],
  };
  const users = {
    admin: await seedUser(ctx, { role: 'system_admin', org: county }),
    county: await seedUser(ctx, { role: 'org_department_admin', org: county }),
    town: await seedUser(ctx, { role: 'township_admin', org: town }),
    branch: await seedUser(ctx, { role: 'branch_secretary', org: village }),
    grid: await seedUser(ctx, { role: 'grid_worker', org: group }),
    viewer: await seedUser(ctx, { role: 'readonly_leader', org: county }),
  };
  return { orgs: { county, town, village, group, community, otherTown, otherVillage }, members, users };
}

export type SmallTree = Awaited<ReturnType<typeof seedSmallTree>>;

/**
 * A routes suite on the small tree: its app, a session for each user named, and requests as a user. Call it in the
 * describeEachDb body; `tree` and the sessions are filled in place before the suite's first test.
 */
export function smallTreeSuite<U extends keyof SmallTree['users']>(getDb: () => TestDb, users: readonly U[]) {
  const tree = {} as SmallTree;
  const sessions = Object.fromEntries(users.map((u) => [u, {}])) as Record<U, Session>;
  let built: FastifyInstance | null = null;
  const app = () => {
    if (!built) throw new Error('test app not built yet');
    return built;
  };
  beforeAll(async () => {
    Object.assign(tree, await seedSmallTree(getDb().ctx));
    built = await buildTestApp(getDb());
    for (const u of users) Object.assign(sessions[u], await loginAs(built, tree.users[u].username));
  });
  return {
    tree,
    sessions,
    app,
    get: (s: Session, url: string) => app().inject({ method: 'GET', url, headers: s.read }),
    send: (s: Session, method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload: object = {}) =>
      app().inject({ method, url, headers: s.write, payload }),
  };
}

/** The Actor of a seeded user with its grants active today, for calling services directly (no HTTP). */
export async function actorOf(ctx: AppContext, userId: number): Promise<Actor> {
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'username', 'name'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const grants = await findActiveGrants(ctx.db, user.id, today());
  return { userId: user.id, username: user.username, name: user.name, grants, ip: null, sessionId: 'test' };
}

export async function buildTestApp(db: TestDb): Promise<FastifyInstance> {
  return build({ config: db.config, handle: db.handle, logger: false });
}

export interface Session {
  cookie: string;
  csrf: string;
  /** Headers for a state-changing request. */
  write: Record<string, string>;
  read: Record<string, string>;
}

export async function loginAs(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'grs_session');
  const cookie = `grs_session=${setCookie!.value}`;
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return { cookie, csrf, read: { cookie }, write: { cookie, 'x-csrf-token': csrf } };
}
