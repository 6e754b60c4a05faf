// The access policy of every API route, as data the access matrix (platform/access-matrix.test.ts) checks the route
// table against: the permissions a route needs, and how to build a call of it against an org of the small tree
// (a fresh record there when the call writes). The matrix calls every route as every role of the small tree, in
// scope and out of scope, and derives the expected answer from ROLE_PERMISSIONS and the role's anchor; a route of
// the OpenAPI document without an entry here fails it. The hostile-input property test starts from these calls too.
import { addDays, makeIdNumber, ORG_KINDS, type Permission, SECTORS, todayIso } from '@grassroots/domain';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { waitForJobs } from '../platform/jobs.js';
import { loginAs, type SeededOrg, type Session, type SmallTree, seedMember, seedOrg, seedUser } from './factories.js';
import { multipart, xlsxOf } from './ledger-files.js';

export type RoleKey = keyof SmallTree['users'];

/** The route keys of the OpenAPI document, as `METHOD /path/{param}`. */
export async function routeKeys(app: FastifyInstance): Promise<string[]> {
  const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
}

/** What a builder gets: the tree, an administrator's session for set-up calls, and fresh records on demand. */
export interface Fixture {
  ctx: AppContext;
  app: FastifyInstance;
  tree: SmallTree;
  admin: Session;
  sessionOf(role: RoleKey): Session;
}

export interface RouteCall {
  url: string;
  body?: unknown;
  /** A multipart upload instead of a JSON body. */
  upload?: { payload: Buffer; headers: Record<string, string> };
  /** Call with this session instead of the role's own (routes that end or change the session they run in). */
  session?: Session;
  /** The org the record of the call belongs to, when not the target org itself (a fresh child). */
  org?: SeededOrg;
}

export interface RoutePolicy {
  /** The permissions the route needs, all of them; 'session' for any signed-in user; 'public' without a session. */
  needs: readonly Permission[] | 'session' | 'public';
  /**
   * The in-scope target: an org in every role's subtree ('group'), or the village when the record needs a branch
   * (the grid worker's anchor, the group, lies below it). 'global' routes take no org: no out-of-scope call.
   */
  at?: 'group' | 'village' | 'global';
  call(f: Fixture, org: SeededOrg, role: RoleKey): Promise<RouteCall> | RouteCall;
  /** The success status (default 200). */
  ok?: number;
  /** Authority from above (验收, 认定, 评定): an actor anchored at the record's own org is refused with this code. */
  upper?: 'UPPER_LEVEL_REQUIRED' | 'WORKFLOW_SELF_ACCEPTANCE';
  /**
   * The record is looked up with this read permission before the write permission is checked: a role that may read
   * but not write gets 404 out of its scope (nothing there) and 403 inside it.
   */
  readFirst?: Permission;
  /** Out of scope, a list of a record's items answers as for a missing record: 200 and no items. */
  hidesAsEmpty?: boolean;
  /** Only the user who created the record sees it (jobs): everyone else gets 404. */
  owner?: boolean;
}

const today = () => todayIso();
const year = () => Number(today().slice(0, 4));
const month = () => today().slice(0, 7);
let counter = 0;
const next = () => ++counter;

/** A valid ID number no seeded member has (area 12xxxx). */
function freshIdNumber(birthDate: string, gender: 'male' | 'female'): string {
  const n = next();
  return makeIdNumber(String(120101 + Math.floor(n / 500)), birthDate, n % 500, gender);
}

async function asAdmin(f: Fixture, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, body?: unknown) {
  const res = await f.app.inject({
    method,
    url,
    headers: method === 'GET' ? f.admin.read : f.admin.write,
    ...(body === undefined ? {} : { payload: body as object }),
  });
  if (res.statusCode >= 300) throw new Error(`set-up ${method} ${url} failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** A fresh branch below `parent`, named after it (so a leak of it names the township it belongs to). */
const freshBranch = (f: Fixture, parent: SeededOrg) =>
  seedOrg(f.ctx, { parent, name: `${parent.name}下属支部${next()}`, kind: 'branch', code: `MX${next()}` });
const freshMember = (f: Fixture, org: SeededOrg) => seedMember(f.ctx, org, { name: `矩阵党员${next()}` });

/** A user of the same role and anchor as `role`, signed in: for calls that end or change their own session. */
async function freshSessionLike(f: Fixture, role: RoleKey): Promise<Session> {
  const anchor = {
    admin: 'county',
    county: 'county',
    town: 'town',
    branch: 'village',
    grid: 'group',
    viewer: 'county',
  };
  const roles = {
    admin: 'system_admin',
    county: 'org_department_admin',
    town: 'township_admin',
    branch: 'branch_secretary',
    grid: 'grid_worker',
    viewer: 'readonly_leader',
  } as const;
  const u = await seedUser(f.ctx, { role: roles[role], org: f.tree.orgs[anchor[role] as keyof SmallTree['orgs']] });
  return loginAs(f.app, u.username);
}

const memberBody = (orgId: number) => {
  const birthDate = '1988-05-16';
  return {
    orgId,
    name: `新党员${next()}`,
    gender: 'male',
    ethnicity: '汉族',
    birthDate,
    idNumber: freshIdNumber(birthDate, 'male'),
    education: 'bachelor',
    occupation: 'professional',
    joinedOn: '2015-07-01',
    fullOn: '2016-07-01',
    status: 'full',
  };
};

async function freshUser(f: Fixture, org: SeededOrg) {
  const u = await seedUser(f.ctx, { role: 'grid_worker', org });
  return { ...u, version: (await asAdmin(f, 'GET', `/api/users/${u.id}`)).version as number };
}

async function freshUnit(f: Fixture, org: SeededOrg) {
  return asAdmin(f, 'POST', '/api/units', {
    orgId: org.id,
    name: `矩阵单位${next()}`,
    unitType: 'private_enterprise',
    fullMembers: 1,
  });
}

async function freshTaskList(f: Fixture, org: SeededOrg) {
  return asAdmin(f, 'POST', '/api/task-lists', {
    orgId: org.id,
    year: year(),
    sector: 'rural',
    title: `矩阵清单${next()}`,
  });
}

/** A task list issued by `org` with one task and one measure assigned to a fresh branch below it. */
async function freshAssignment(f: Fixture, org: SeededOrg) {
  const list = await freshTaskList(f, org);
  const withTask = await asAdmin(f, 'POST', `/api/task-lists/${list.id}/tasks`, { title: '矩阵任务' });
  const taskId = withTask.tasks[0].id as number;
  const assignee = await freshBranch(f, org);
  const withMeasure = await asAdmin(f, 'POST', `/api/task-lists/${list.id}/measures`, {
    taskId,
    title: '矩阵措施',
    deadline: addDays(today(), 30),
    orgIds: [assignee.id],
  });
  const measure = withMeasure.tasks[0].measures[0];
  const assignments = await asAdmin(f, 'GET', `/api/task-assignments?listId=${list.id}`);
  return { list: withMeasure, taskId, measure, assignment: assignments.items[0], assignee };
}

async function freshProject(f: Fixture, org: SeededOrg) {
  return asAdmin(f, 'POST', '/api/secretary-projects', {
    orgId: org.id,
    year: year(),
    title: `矩阵书记项目${next()}`,
    secretaryName: '张伟',
    goal: '硬化村道',
    targetDate: addDays(today(), 60),
  });
}

async function freshMatter(f: Fixture, org: SeededOrg) {
  return asAdmin(f, 'POST', '/api/practical-matters', {
    orgId: org.id,
    year: year(),
    kind: 'practical_matter',
    title: `矩阵实事${next()}`,
    raisedBy: '村民代表会议',
    ownerName: '王芳',
    targetDate: addDays(today(), 30),
  });
}

async function freshLink(f: Fixture, org: SeededOrg) {
  return asAdmin(f, 'POST', '/api/contact-links', {
    orgId: org.id,
    leaderName: '李书记',
    leaderPosition: '县委副书记',
    validFrom: `${year()}-01-01`,
  });
}

async function freshVisit(f: Fixture, org: SeededOrg) {
  const link = await freshLink(f, org);
  return asAdmin(f, 'POST', '/api/contact-visits', {
    linkId: link.id,
    visitedOn: today(),
    content: '座谈',
    problems: [],
  });
}

async function freshDevelopment(f: Fixture, org: SeededOrg) {
  const birthDate = '1998-04-12';
  return asAdmin(f, 'POST', '/api/development', {
    orgId: org.id,
    name: `申请人${next()}`,
    gender: 'female',
    ethnicity: '汉族',
    birthDate,
    idNumber: freshIdNumber(birthDate, 'female'),
    education: 'bachelor',
    occupation: 'professional',
    applicationDate: addDays(today(), -20),
  });
}

const weakOrgBody = (orgId: number) => ({
  orgId,
  year: year(),
  reasons: ['life_irregular'],
  plan: '调整班子',
  leaderName: '李卫东',
  measures: ['选派第一书记'],
  deadline: addDays(today(), 30),
});

/** A weak-org record on a fresh branch below `org` (the designation needs a level above the branch). */
async function freshWeakOrg(f: Fixture, org: SeededOrg) {
  const branch = await freshBranch(f, org);
  return { record: await asAdmin(f, 'POST', '/api/weak-orgs', weakOrgBody(branch.id)), branch };
}

async function freshRound(f: Fixture, org: SeededOrg) {
  return asAdmin(f, 'POST', '/api/inspections/rounds', {
    orgId: org.id,
    title: `矩阵督导${next()}`,
    team: '督导组',
    kind: 'open',
    startsOn: addDays(today(), -5),
    endsOn: today(),
  });
}

/** A problem found on a fresh branch below `org`, in a round of `org`, walked to `state`. */
async function freshProblem(f: Fixture, org: SeededOrg, state: 'pending' | 'submitted' = 'pending') {
  const round = await freshRound(f, org);
  const branch = await freshBranch(f, org);
  let p = await asAdmin(f, 'POST', '/api/problems', {
    roundId: round.id,
    orgId: branch.id,
    category: 'organization_life',
    description: '三会一课记录不全',
    severity: 'minor',
    responsiblePerson: '张伟',
    deadline: addDays(today(), 20),
  });
  if (state === 'submitted') {
    p = await asAdmin(f, 'POST', `/api/problems/${p.id}/actions/start`, { version: p.version });
    p = await asAdmin(f, 'POST', `/api/problems/${p.id}/actions/submit`, { version: p.version, evidence: '已整改' });
  }
  return { problem: p, round, branch };
}

const scorecard = {
  items: [
    { key: 'team', label: '班子建设', maxPoints: 50 },
    { key: 'life', label: '组织生活', maxPoints: 50 },
  ],
  thresholds: [60, 70, 80, 90],
};

async function defaultScores(f: Fixture, org: SeededOrg) {
  const card = await asAdmin(f, 'GET', `/api/star-ratings/scorecard?orgId=${org.id}`);
  return Object.fromEntries((card.items as { key: string; maxPoints: number }[]).map((i) => [i.key, i.maxPoints]));
}

/** A star rating of a fresh branch below `org` (rated from a level above). */
async function freshStarRating(f: Fixture, org: SeededOrg) {
  const branch = await freshBranch(f, org);
  const scores = await defaultScores(f, branch);
  return { rating: await asAdmin(f, 'POST', '/api/star-ratings', { orgId: branch.id, year: year(), scores }), branch };
}

async function freshDuesBase(f: Fixture, org: SeededOrg) {
  const m = await freshMember(f, org);
  const base = await asAdmin(f, 'POST', `/api/dues/members/${m.id}/bases`, {
    category: 'employed',
    base: 3000,
    fromMonth: month(),
  });
  return { member: m, base };
}

async function freshPayment(f: Fixture, org: SeededOrg) {
  const { member } = await freshDuesBase(f, org);
  const paid = await asAdmin(f, 'POST', '/api/dues/payments', {
    memberId: member.id,
    months: [{ month: month(), amount: 15 }],
    paidOn: today(),
    payer: 'self',
  });
  return paid.items[0] as { id: number; version: number };
}

/** A meeting of `org` (a branch) with one fresh member attending. */
async function freshMeeting(f: Fixture, org: SeededOrg) {
  const m = await freshMember(f, org);
  return asAdmin(f, 'POST', '/api/life/meetings', {
    orgId: org.id,
    kind: 'general_meeting',
    date: today(),
    topic: '矩阵学习',
    host: '张伟',
    attendees: [m.id],
  });
}

/** An obligation no other one overlaps: each call takes another (org kind, sector) pair. */
const obligationBody = () => {
  const n = next();
  return {
    kind: 'first_topic_study',
    cycle: 'month',
    expected: 1,
    orgKinds: [ORG_KINDS[n % ORG_KINDS.length]],
    sectors: [SECTORS[Math.floor(n / ORG_KINDS.length) % SECTORS.length]],
    requiresCommittee: false,
    startsOn: '2000-01-01',
  };
};

async function freshMobile(f: Fixture, org: SeededOrg) {
  const m = await freshMember(f, org);
  return asAdmin(f, 'POST', '/api/mobile-members', {
    memberId: m.id,
    destinationRegion: '浙江省杭州市',
    since: addDays(today(), -30),
  });
}

/** A pending internal transfer of a fresh member between two fresh branches below `org`. */
async function freshTransfer(f: Fixture, org: SeededOrg) {
  const from = await freshBranch(f, org);
  const to = await freshBranch(f, org);
  const m = await freshMember(f, from);
  return asAdmin(f, 'POST', `/api/members/${m.id}/transfers`, { toOrgId: to.id, version: 0 });
}

const png = () =>
  multipart(
    Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
      'hex',
    ),
    '照片.png',
    'file',
    'image/png',
  );

async function freshAttachment(f: Fixture, org: SeededOrg) {
  const up = png();
  const res = await f.app.inject({
    method: 'POST',
    url: `/api/attachments?entity=meeting&orgId=${org.id}`,
    headers: { ...f.admin.write, ...up.headers },
    payload: up.payload,
  });
  if (res.statusCode !== 201) throw new Error(`set-up upload failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: number };
}

const formBody = (org: SeededOrg) => ({
  name: `${org.name}统计表${next()}`,
  definition: {
    title: `${org.name}党员情况`,
    rows: ['党员总数'],
    columns: ['人数'],
    cells: [[{ expr: 'members.total' }]],
  },
});
const formTemplateUpload = async (org: SeededOrg) =>
  multipart(await xlsxOf([`${org.name}党员总数`, '{{members.total}}'], []), '统计表模板.xlsx');

/** A stored form owned by `org` (from a template when asked), made by the administrator. */
async function freshForm(f: Fixture, org: SeededOrg, template = false): Promise<{ id: number }> {
  if (!template) return asAdmin(f, 'POST', '/api/forms', { orgId: org.id, ...formBody(org) });
  const up = await formTemplateUpload(org);
  const res = await f.app.inject({
    method: 'POST',
    url: `/api/forms/template?orgId=${org.id}`,
    headers: { ...f.admin.write, ...up.headers },
    payload: up.payload,
  });
  if (res.statusCode !== 201) throw new Error(`set-up template form failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/**
 * An import upload (a sheet with one row that no ledger accepts), once the jobs before it have finished: a user runs
 * one import at a time.
 */
async function ledgerUpload(f: Fixture, fileName: string) {
  await waitForJobs(f.ctx.db);
  return multipart(await xlsxOf(['姓名', '身份证号码'], [{ 姓名: '张三', 身份证号码: '123' }]), fileName);
}

/** The finished, failed member import of the system administrator, with its errors workbook. */
const adminJobs = new WeakMap<Fixture, number>();
async function ownJob(f: Fixture): Promise<number> {
  const kept = adminJobs.get(f);
  if (kept !== undefined) return kept;
  const upload = await ledgerUpload(f, '党员台账.xlsx');
  const res = await f.app.inject({
    method: 'POST',
    url: '/api/members/import',
    headers: { ...f.admin.write, ...upload.headers },
    payload: upload.payload,
  });
  if (res.statusCode !== 202) throw new Error(`set-up import failed: ${res.statusCode} ${res.body}`);
  await waitForJobs(f.ctx.db);
  const id = res.json().id as number;
  adminJobs.set(f, id);
  return id;
}

const memberListQuery = (org: SeededOrg) => `orgId=${org.id}`;

// ---- 工作汇报 (report templates, drafts, exports)

const templateBody = (org: SeededOrg) => ({
  orgId: org.id,
  name: `矩阵模板${next()}`,
  periodKind: 'any',
  title: '{{period.label}}工作汇报',
  body: '全镇共有党员{{members.total}}。',
});

async function freshTemplate(f: Fixture, org: SeededOrg) {
  return asAdmin(f, 'POST', '/api/report-templates', templateBody(org));
}

const draftBody = (org: SeededOrg) => ({
  orgId: org.id,
  templateKey: 'builtin:township_quarterly',
  from: `${year()}-01-01`,
  to: today(),
});

async function freshDraft(f: Fixture, org: SeededOrg) {
  return asAdmin(f, 'POST', '/api/report-drafts', draftBody(org));
}

/** The finished Markdown export of a draft, started by the system administrator (the only user who may fetch it). */
const adminExports = new WeakMap<Fixture, number>();
async function ownExport(f: Fixture): Promise<number> {
  const kept = adminExports.get(f);
  if (kept !== undefined) return kept;
  const draft = await freshDraft(f, f.tree.orgs.village);
  await waitForJobs(f.ctx.db);
  const job = await asAdmin(f, 'POST', `/api/report-drafts/${draft.id}/exports`, { format: 'md' });
  await waitForJobs(f.ctx.db);
  adminExports.set(f, job.id);
  return job.id as number;
}

export const ROUTE_POLICY: Record<string, RoutePolicy> = {
  'GET /api/health': { needs: 'public', at: 'global', call: () => ({ url: '/api/health' }) },
  'POST /api/auth/login': {
    needs: 'public',
    at: 'global',
    call: (f, _org, role) => ({
      url: '/api/auth/login',
      body: { username: f.tree.users[role].username, password: 'x' },
    }),
    ok: 401,
  },
  'POST /api/auth/logout': {
    needs: 'session',
    at: 'global',
    call: async (f, _org, role) => ({ url: '/api/auth/logout', session: await freshSessionLike(f, role) }),
  },
  'GET /api/auth/me': { needs: 'session', at: 'global', call: () => ({ url: '/api/auth/me' }) },
  'POST /api/auth/password': {
    needs: 'session',
    at: 'global',
    call: async (f, _org, role) => ({
      url: '/api/auth/password',
      body: { oldPassword: 'Test@2026pass', newPassword: `Changed#${next()}x` },
      session: await freshSessionLike(f, role),
    }),
  },

  // 党组织
  'GET /api/orgs/roots': { needs: ['orgs:read'], at: 'global', call: () => ({ url: '/api/orgs/roots' }) },
  'GET /api/orgs/search': { needs: ['orgs:read'], at: 'global', call: () => ({ url: '/api/orgs/search?q=cgz' }) },
  'GET /api/orgs/transfer-targets': {
    needs: ['members:transfer'],
    at: 'global',
    call: () => ({ url: '/api/orgs/transfer-targets?q=cgz' }),
  },
  'GET /api/orgs/{id}': { needs: ['orgs:read'], call: (_f, org) => ({ url: `/api/orgs/${org.id}` }) },
  'PATCH /api/orgs/{id}': {
    readFirst: 'orgs:read',
    needs: ['orgs:write'],
    at: 'village',
    call: async (f, org) => {
      const b = await freshBranch(f, org);
      return { url: `/api/orgs/${b.id}`, body: { secretaryName: '李书记', version: 0 }, org: b };
    },
  },
  'GET /api/orgs/{id}/children': { needs: ['orgs:read'], call: (_f, org) => ({ url: `/api/orgs/${org.id}/children` }) },
  'GET /api/orgs/{id}/stats': {
    needs: ['orgs:read', 'stats:read'],
    call: (_f, org) => ({ url: `/api/orgs/${org.id}/stats` }),
  },
  'POST /api/orgs': {
    needs: ['orgs:write'],
    at: 'village',
    ok: 201,
    call: (_f, org) => ({
      url: '/api/orgs',
      body: { parentId: org.id, name: `矩阵小组${next()}`, kind: 'group', sector: 'rural', code: `MG${next()}` },
    }),
  },
  'POST /api/orgs/{id}/move': {
    readFirst: 'orgs:read',
    needs: ['orgs:write'],
    at: 'village',
    call: async (f, org) => {
      const a = await freshBranch(f, org);
      const b = await freshBranch(f, org);
      return { url: `/api/orgs/${a.id}/move`, body: { parentId: b.id, version: 0 }, org: a };
    },
  },
  'POST /api/orgs/{id}/close': {
    readFirst: 'orgs:read',
    needs: ['orgs:write'],
    at: 'village',
    call: async (f, org) => {
      const b = await freshBranch(f, org);
      return { url: `/api/orgs/${b.id}/close`, body: { version: 0, reason: '合并' }, org: b };
    },
  },
  'GET /api/orgs/{id}/warnings': { needs: ['orgs:read'], call: (_f, org) => ({ url: `/api/orgs/${org.id}/warnings` }) },
  'GET /api/orgs/{id}/warnings/export': {
    needs: ['orgs:read'],
    call: (_f, org) => ({ url: `/api/orgs/${org.id}/warnings/export` }),
  },
  'GET /api/orgs/{id}/elections': {
    needs: ['orgs:read'],
    call: (_f, org) => ({ url: `/api/orgs/${org.id}/elections` }),
  },
  'POST /api/orgs/{id}/elections': {
    readFirst: 'orgs:read',
    needs: ['orgs:write'],
    at: 'village',
    ok: 201,
    call: async (f, org) => {
      const b = await freshBranch(f, org);
      return {
        url: `/api/orgs/${b.id}/elections`,
        org: b,
        body: {
          electedOn: addDays(today(), -3),
          method: 'direct_competitive',
          termYears: 5,
          eligibleVoters: 30,
          presentVoters: 26,
          secretary: { name: '王建国', votes: 25 },
          committee: [{ name: '李红', votes: 22 }],
          orgVersion: 0,
        },
      };
    },
  },
  'GET /api/orgs/import-template': {
    needs: ['orgs:write'],
    at: 'global',
    call: () => ({ url: '/api/orgs/import-template' }),
  },
  'POST /api/orgs/import': {
    needs: ['orgs:write'],
    at: 'global',
    ok: 202,
    call: async (f) => ({ url: '/api/orgs/import', upload: await ledgerUpload(f, '组织台账.xlsx') }),
  },
  'GET /api/orgs/{id}/export': { needs: ['orgs:read'], call: (_f, org) => ({ url: `/api/orgs/${org.id}/export` }) },

  // 党员
  'GET /api/members': { needs: ['members:read'], call: (_f, org) => ({ url: `/api/members?${memberListQuery(org)}` }) },
  'POST /api/members': {
    needs: ['members:write'],
    at: 'village',
    ok: 201,
    call: (_f, org) => ({ url: '/api/members', body: memberBody(org.id) }),
  },
  'GET /api/members/rollup': {
    needs: ['members:read', 'stats:read'],
    call: (_f, org) => ({ url: `/api/members/rollup?orgId=${org.id}&groupBy=gender` }),
  },
  'GET /api/members/{id}': {
    needs: ['members:read'],
    call: async (f, org) => ({ url: `/api/members/${(await freshMember(f, org)).id}` }),
  },
  'PATCH /api/members/{id}': {
    needs: ['members:write'],
    call: async (f, org) => ({
      url: `/api/members/${(await freshMember(f, org)).id}`,
      body: { address: '红旗村3组', version: 0 },
    }),
  },
  'GET /api/members/{id}/transfers': {
    needs: ['members:read'],
    call: async (f, org) => ({ url: `/api/members/${(await freshMember(f, org)).id}/transfers` }),
  },
  'POST /api/members/{id}/transfers': {
    needs: ['members:transfer'],
    at: 'village',
    ok: 201,
    call: async (f, org) => ({
      url: `/api/members/${(await freshMember(f, org)).id}/transfers`,
      body: { toOrgId: (await freshBranch(f, org)).id, version: 0 },
    }),
  },
  'GET /api/members/{id}/history': {
    needs: ['members:read'],
    call: async (f, org) => ({ url: `/api/members/${(await freshMember(f, org)).id}/history` }),
  },
  'POST /api/members/{id}/reveal': {
    needs: ['pii:reveal'],
    call: async (f, org) => ({ url: `/api/members/${(await freshMember(f, org)).id}/reveal`, body: {} }),
  },
  'GET /api/members/import-template': {
    needs: ['members:write'],
    at: 'global',
    call: () => ({ url: '/api/members/import-template' }),
  },
  'POST /api/members/import': {
    needs: ['members:write'],
    at: 'global',
    ok: 202,
    call: async (f) => ({ url: '/api/members/import', upload: await ledgerUpload(f, '党员台账.xlsx') }),
  },
  'GET /api/members/export': {
    needs: ['members:read'],
    call: (_f, org) => ({ url: `/api/members/export?orgId=${org.id}` }),
  },
  'POST /api/members/{id}/transfer-out': {
    needs: ['members:transfer'],
    at: 'village',
    ok: 201,
    call: async (f, org) => ({
      url: `/api/members/${(await freshMember(f, org)).id}/transfer-out`,
      body: { letterNo: `转字${next()}`, destinationOrg: '外省某支部', transferDate: today(), version: 0 },
    }),
  },
  'POST /api/transfers/external-in': {
    needs: ['members:transfer'],
    at: 'village',
    ok: 201,
    call: (_f, org) => ({
      url: '/api/transfers/external-in',
      body: { ...memberBody(org.id), letterNo: `介字${next()}`, originOrg: '外省某支部', transferDate: today() },
    }),
  },
  'GET /api/transfers': { needs: ['members:read'], call: (_f, org) => ({ url: `/api/transfers?orgId=${org.id}` }) },
  'GET /api/transfers/{id}': {
    needs: ['members:read'],
    at: 'village',
    call: async (f, org) => ({ url: `/api/transfers/${(await freshTransfer(f, org)).id}` }),
  },
  'POST /api/transfers/{id}/{decision}': {
    readFirst: 'members:read',
    needs: ['members:transfer'],
    at: 'village',
    call: async (f, org) => ({ url: `/api/transfers/${(await freshTransfer(f, org)).id}/accept`, body: {} }),
  },

  // 流动党员, 光荣在党50年
  'GET /api/mobile-members': {
    needs: ['members:read'],
    call: (_f, org) => ({ url: `/api/mobile-members?orgId=${org.id}` }),
  },
  'POST /api/mobile-members': {
    needs: ['members:write'],
    ok: 201,
    call: async (f, org) => ({
      url: '/api/mobile-members',
      body: { memberId: (await freshMember(f, org)).id, destinationRegion: '浙江省杭州市', since: today() },
    }),
  },
  'GET /api/mobile-members/{id}': {
    needs: ['members:read'],
    call: async (f, org) => ({ url: `/api/mobile-members/${(await freshMobile(f, org)).id}` }),
  },
  'PATCH /api/mobile-members/{id}': {
    needs: ['members:write'],
    call: async (f, org) => ({
      url: `/api/mobile-members/${(await freshMobile(f, org)).id}`,
      body: { workplace: '某公司', version: 0 },
    }),
  },
  'GET /api/mobile-members/{id}/contacts': {
    needs: ['members:read'],
    call: async (f, org) => ({ url: `/api/mobile-members/${(await freshMobile(f, org)).id}/contacts` }),
  },
  'POST /api/mobile-members/{id}/contacts': {
    needs: ['members:write'],
    ok: 201,
    call: async (f, org) => ({
      url: `/api/mobile-members/${(await freshMobile(f, org)).id}/contacts`,
      body: { contactedOn: today(), method: 'phone', version: 0 },
    }),
  },
  'POST /api/mobile-members/{id}/return': {
    needs: ['members:write'],
    call: async (f, org) => ({
      url: `/api/mobile-members/${(await freshMobile(f, org)).id}/return`,
      body: { returnedOn: today(), version: 0 },
    }),
  },
  'GET /api/medals': { needs: ['members:read'], call: (_f, org) => ({ url: `/api/medals?orgId=${org.id}` }) },
  'POST /api/medals': {
    needs: ['members:write'],
    ok: 201,
    call: async (f, org) => {
      const m = await seedMember(f.ctx, org, { birthDate: '1935-03-10', joinedOn: '1960-07-01' });
      return { url: '/api/medals', body: { memberId: m.id, awardedOn: today() } };
    },
  },

  // 用户管理, 审计
  'GET /api/users': { needs: ['users:read'], at: 'global', call: () => ({ url: '/api/users' }) },
  'POST /api/users': {
    needs: ['users:manage'],
    ok: 201,
    call: (_f, org) => ({
      url: '/api/users',
      body: {
        username: `mx${next()}`,
        name: '矩阵用户',
        password: 'Matrix#2026pass',
        grants: [{ role: 'grid_worker', orgId: org.id }],
      },
    }),
  },
  'GET /api/users/{id}': {
    needs: ['users:read'],
    call: async (f, org) => ({ url: `/api/users/${(await seedUser(f.ctx, { role: 'grid_worker', org })).id}` }),
  },
  'PATCH /api/users/{id}': {
    needs: ['users:manage'],
    call: async (f, org) => {
      const u = await freshUser(f, org);
      return { url: `/api/users/${u.id}`, body: { name: '改名', version: u.version } };
    },
  },
  'POST /api/users/{id}/password': {
    needs: ['users:manage'],
    call: async (f, org) => ({
      url: `/api/users/${(await seedUser(f.ctx, { role: 'grid_worker', org })).id}/password`,
      body: { password: 'Reset#2026pass' },
    }),
  },
  'POST /api/users/{id}/unlock': {
    needs: ['users:manage'],
    call: async (f, org) => ({ url: `/api/users/${(await seedUser(f.ctx, { role: 'grid_worker', org })).id}/unlock` }),
  },
  'GET /api/audit': { needs: ['audit:read'], at: 'global', call: () => ({ url: '/api/audit' }) },
  'GET /api/audit/verify': { needs: ['audit:read'], at: 'global', call: () => ({ url: '/api/audit/verify' }) },

  // 单位
  'GET /api/units': { needs: ['orgs:read'], call: (_f, org) => ({ url: `/api/units?orgId=${org.id}` }) },
  'POST /api/units': {
    needs: ['orgs:write'],
    ok: 201,
    call: (_f, org) => ({
      url: '/api/units',
      body: { orgId: org.id, name: `矩阵公司${next()}`, unitType: 'private_enterprise', fullMembers: 2 },
    }),
  },
  'GET /api/units/{id}': {
    needs: ['orgs:read'],
    call: async (f, org) => ({ url: `/api/units/${(await freshUnit(f, org)).id}` }),
  },
  'PATCH /api/units/{id}': {
    readFirst: 'orgs:read',
    needs: ['orgs:write'],
    call: async (f, org) => ({
      url: `/api/units/${(await freshUnit(f, org)).id}`,
      body: { fullMembers: 3, version: 0 },
    }),
  },

  // 清单管理
  'GET /api/task-lists': { needs: ['tasks:read'], call: (_f, org) => ({ url: `/api/task-lists?orgId=${org.id}` }) },
  'POST /api/task-lists': {
    needs: ['tasks:write'],
    ok: 201,
    call: (_f, org) => ({
      url: '/api/task-lists',
      body: { orgId: org.id, year: year(), sector: 'rural', title: `矩阵清单${next()}` },
    }),
  },
  'GET /api/task-lists/stats': {
    needs: ['tasks:read'],
    call: (_f, org) => ({ url: `/api/task-lists/stats?orgId=${org.id}` }),
  },
  'GET /api/task-lists/import-template': {
    needs: ['tasks:write'],
    at: 'global',
    call: () => ({ url: '/api/task-lists/import-template' }),
  },
  'POST /api/task-lists/import': {
    needs: ['tasks:write'],
    at: 'village',
    ok: 202,
    call: async (f, org) => ({
      url: `/api/task-lists/import?orgId=${org.id}&year=${year()}&sector=rural&title=${encodeURIComponent('导入清单')}`,
      upload: await ledgerUpload(f, '清单.xlsx'),
    }),
  },
  'GET /api/task-lists/{id}/export': {
    needs: ['tasks:read'],
    call: async (f, org) => ({ url: `/api/task-lists/${(await freshTaskList(f, org)).id}/export` }),
  },
  'GET /api/task-assignments/export': {
    needs: ['tasks:read'],
    call: (_f, org) => ({ url: `/api/task-assignments/export?orgId=${org.id}` }),
  },
  'GET /api/task-lists/{id}': {
    needs: ['tasks:read'],
    call: async (f, org) => ({ url: `/api/task-lists/${(await freshTaskList(f, org)).id}` }),
  },
  'PATCH /api/task-lists/{id}': {
    readFirst: 'tasks:read',
    needs: ['tasks:write'],
    call: async (f, org) => ({
      url: `/api/task-lists/${(await freshTaskList(f, org)).id}`,
      body: { title: '改', version: 0 },
    }),
  },
  'POST /api/task-lists/{id}/tasks': {
    readFirst: 'tasks:read',
    needs: ['tasks:write'],
    ok: 201,
    call: async (f, org) => ({
      url: `/api/task-lists/${(await freshTaskList(f, org)).id}/tasks`,
      body: { title: '任务' },
    }),
  },
  'PATCH /api/tasks/{id}': {
    readFirst: 'tasks:read',
    needs: ['tasks:write'],
    at: 'village',
    call: async (f, org) => {
      const a = await freshAssignment(f, org);
      return { url: `/api/tasks/${a.taskId}`, body: { title: '改名', version: a.list.tasks[0].version ?? 0 } };
    },
  },
  'POST /api/task-lists/{id}/measures': {
    readFirst: 'tasks:read',
    needs: ['tasks:write'],
    at: 'village',
    ok: 201,
    call: async (f, org) => {
      const list = await freshTaskList(f, org);
      const withTask = await asAdmin(f, 'POST', `/api/task-lists/${list.id}/tasks`, { title: '任务' });
      const assignee = await freshBranch(f, org);
      return {
        url: `/api/task-lists/${list.id}/measures`,
        body: { taskId: withTask.tasks[0].id, title: '措施', deadline: addDays(today(), 30), orgIds: [assignee.id] },
      };
    },
  },
  'PATCH /api/task-measures/{id}': {
    readFirst: 'tasks:read',
    needs: ['tasks:write'],
    at: 'village',
    call: async (f, org) => {
      const a = await freshAssignment(f, org);
      return { url: `/api/task-measures/${a.measure.id}`, body: { title: '改', version: a.measure.version } };
    },
  },
  'POST /api/task-measures/{id}/assignments': {
    readFirst: 'tasks:read',
    needs: ['tasks:write'],
    at: 'village',
    call: async (f, org) => {
      const a = await freshAssignment(f, org);
      const more = await freshBranch(f, org);
      return { url: `/api/task-measures/${a.measure.id}/assignments`, body: { orgIds: [a.assignee.id, more.id] } };
    },
  },
  'GET /api/task-assignments': {
    needs: ['tasks:read'],
    call: (_f, org) => ({ url: `/api/task-assignments?orgId=${org.id}` }),
  },
  'GET /api/task-assignments/{id}': {
    needs: ['tasks:read'],
    at: 'village',
    call: async (f, org) => {
      const a = await freshAssignment(f, org);
      return { url: `/api/task-assignments/${a.assignment.id}`, org: a.assignee };
    },
  },
  'POST /api/task-assignments/{id}/actions/{action}': {
    readFirst: 'tasks:read',
    needs: ['tasks:write'],
    at: 'village',
    call: async (f, org) => {
      const a = await freshAssignment(f, org);
      return {
        url: `/api/task-assignments/${a.assignment.id}/actions/report`,
        body: { version: a.assignment.version, note: '已推进', percent: 50 },
        org: a.assignee,
      };
    },
  },

  // 书记项目, 为民办实事, 联系点
  'GET /api/projects/figures': {
    needs: ['tasks:read'],
    call: (_f, org) => ({ url: `/api/projects/figures?orgId=${org.id}` }),
  },
  'GET /api/secretary-projects': {
    needs: ['tasks:read'],
    call: (_f, org) => ({ url: `/api/secretary-projects?orgId=${org.id}` }),
  },
  'POST /api/secretary-projects': {
    needs: ['tasks:write'],
    ok: 201,
    call: (_f, org) => ({
      url: '/api/secretary-projects',
      body: {
        orgId: org.id,
        year: year(),
        title: `书记项目${next()}`,
        secretaryName: '张伟',
        goal: '目标',
        targetDate: addDays(today(), 60),
      },
    }),
  },
  'GET /api/secretary-projects/export': {
    needs: ['tasks:read'],
    call: (_f, org) => ({ url: `/api/secretary-projects/export?orgId=${org.id}` }),
  },
  'GET /api/secretary-projects/{id}': {
    needs: ['tasks:read'],
    call: async (f, org) => ({ url: `/api/secretary-projects/${(await freshProject(f, org)).id}` }),
  },
  'PATCH /api/secretary-projects/{id}': {
    readFirst: 'tasks:read',
    needs: ['tasks:write'],
    call: async (f, org) => ({
      url: `/api/secretary-projects/${(await freshProject(f, org)).id}`,
      body: { goal: '新目标', version: 0 },
    }),
  },
  'POST /api/secretary-projects/{id}/actions/{action}': {
    readFirst: 'tasks:read',
    needs: ['tasks:write'],
    at: 'village',
    upper: 'UPPER_LEVEL_REQUIRED',
    call: async (f, org) => {
      const p = await freshProject(f, org);
      await asAdmin(f, 'POST', `/api/secretary-projects/${p.id}/actions/start`, { version: 0 });
      return { url: `/api/secretary-projects/${p.id}/actions/accept`, body: { version: 1, result: '完成' } };
    },
  },
  'GET /api/practical-matters': {
    needs: ['tasks:read'],
    call: (_f, org) => ({ url: `/api/practical-matters?orgId=${org.id}` }),
  },
  'POST /api/practical-matters': {
    needs: ['tasks:write'],
    ok: 201,
    call: (_f, org) => ({
      url: '/api/practical-matters',
      body: {
        orgId: org.id,
        year: year(),
        kind: 'practical_matter',
        title: `实事${next()}`,
        raisedBy: '群众',
        ownerName: '王芳',
        targetDate: addDays(today(), 30),
      },
    }),
  },
  'GET /api/practical-matters/export': {
    needs: ['tasks:read'],
    call: (_f, org) => ({ url: `/api/practical-matters/export?orgId=${org.id}` }),
  },
  'GET /api/practical-matters/{id}': {
    needs: ['tasks:read'],
    call: async (f, org) => ({ url: `/api/practical-matters/${(await freshMatter(f, org)).id}` }),
  },
  'PATCH /api/practical-matters/{id}': {
    readFirst: 'tasks:read',
    needs: ['tasks:write'],
    call: async (f, org) => ({
      url: `/api/practical-matters/${(await freshMatter(f, org)).id}`,
      body: { ownerName: '李四', version: 0 },
    }),
  },
  'GET /api/contact-links': {
    needs: ['tasks:read'],
    call: (_f, org) => ({ url: `/api/contact-links?orgId=${org.id}` }),
  },
  'POST /api/contact-links': {
    needs: ['tasks:write'],
    ok: 201,
    call: (_f, org) => ({
      url: '/api/contact-links',
      body: { orgId: org.id, leaderName: '李书记', leaderPosition: '副书记', validFrom: `${year()}-01-01` },
    }),
  },
  'GET /api/contact-links/{id}': {
    needs: ['tasks:read'],
    call: async (f, org) => ({ url: `/api/contact-links/${(await freshLink(f, org)).id}` }),
  },
  'PATCH /api/contact-links/{id}': {
    readFirst: 'tasks:read',
    needs: ['tasks:write'],
    call: async (f, org) => ({
      url: `/api/contact-links/${(await freshLink(f, org)).id}`,
      body: { note: '备注', version: 0 },
    }),
  },
  'GET /api/contact-visits': {
    needs: ['tasks:read'],
    call: (_f, org) => ({ url: `/api/contact-visits?orgId=${org.id}` }),
  },
  'POST /api/contact-visits': {
    readFirst: 'tasks:read',
    needs: ['tasks:write'],
    ok: 201,
    call: async (f, org) => ({
      url: '/api/contact-visits',
      body: { linkId: (await freshLink(f, org)).id, visitedOn: today(), content: '调研' },
    }),
  },
  'GET /api/contact-visits/export': {
    needs: ['tasks:read'],
    call: (_f, org) => ({ url: `/api/contact-visits/export?orgId=${org.id}` }),
  },
  'GET /api/contact-visits/{id}': {
    needs: ['tasks:read'],
    call: async (f, org) => ({ url: `/api/contact-visits/${(await freshVisit(f, org)).id}` }),
  },
  'PATCH /api/contact-visits/{id}': {
    readFirst: 'tasks:read',
    needs: ['tasks:write'],
    call: async (f, org) => ({
      url: `/api/contact-visits/${(await freshVisit(f, org)).id}`,
      body: { content: '回访', version: 0 },
    }),
  },
  'GET /api/contact-points/figures': {
    needs: ['tasks:read'],
    call: (_f, org) => ({ url: `/api/contact-points/figures?orgId=${org.id}&year=${year()}` }),
  },

  // 发展党员
  'GET /api/development': {
    needs: ['development:read'],
    call: (_f, org) => ({ url: `/api/development?orgId=${org.id}` }),
  },
  'POST /api/development': {
    needs: ['development:write'],
    at: 'village',
    ok: 201,
    call: (_f, org) => ({
      url: '/api/development',
      body: {
        orgId: org.id,
        name: `申请人${next()}`,
        gender: 'male',
        ethnicity: '汉族',
        birthDate: '1999-01-02',
        idNumber: freshIdNumber('1999-01-02', 'male'),
        education: 'bachelor',
        occupation: 'farmer',
        applicationDate: addDays(today(), -20),
      },
    }),
  },
  'GET /api/development/pipeline': {
    needs: ['development:read'],
    call: (_f, org) => ({ url: `/api/development/pipeline?orgId=${org.id}` }),
  },
  'GET /api/development/{id}': {
    needs: ['development:read'],
    at: 'village',
    call: async (f, org) => ({ url: `/api/development/${(await freshDevelopment(f, org)).id}` }),
  },
  'GET /api/development/{id}/status': {
    needs: ['development:read'],
    at: 'village',
    call: async (f, org) => ({ url: `/api/development/${(await freshDevelopment(f, org)).id}/status` }),
  },
  'POST /api/development/{id}/steps': {
    readFirst: 'development:read',
    needs: ['development:write'],
    at: 'village',
    ok: 201,
    call: async (f, org) => {
      const r = await freshDevelopment(f, org);
      return {
        url: `/api/development/${r.id}/steps`,
        body: { step: 'talk', date: addDays(today(), -5), version: r.version },
      };
    },
  },

  // 软弱涣散, 督导整改, 星级评定
  'GET /api/weak-orgs': { needs: ['ratings:read'], call: (_f, org) => ({ url: `/api/weak-orgs?orgId=${org.id}` }) },
  'POST /api/weak-orgs': {
    needs: ['ratings:write'],
    at: 'village',
    ok: 201,
    upper: 'UPPER_LEVEL_REQUIRED',
    call: async (f, org) => {
      const b = await freshBranch(f, org);
      return { url: '/api/weak-orgs', body: weakOrgBody(b.id), org: b };
    },
  },
  'GET /api/weak-orgs/{id}': {
    needs: ['ratings:read'],
    at: 'village',
    call: async (f, org) => {
      const { record, branch } = await freshWeakOrg(f, org);
      return { url: `/api/weak-orgs/${record.id}`, org: branch };
    },
  },
  'PATCH /api/weak-orgs/{id}': {
    readFirst: 'ratings:read',
    needs: ['ratings:write'],
    at: 'village',
    upper: 'UPPER_LEVEL_REQUIRED',
    call: async (f, org) => {
      const { record, branch } = await freshWeakOrg(f, org);
      return { url: `/api/weak-orgs/${record.id}`, body: { plan: '新方案', version: record.version }, org: branch };
    },
  },
  'POST /api/weak-orgs/{id}/submit': {
    readFirst: 'ratings:read',
    needs: ['ratings:write'],
    at: 'village',
    call: async (f, org) => {
      const { record, branch } = await freshWeakOrg(f, org);
      return { url: `/api/weak-orgs/${record.id}/submit`, body: { version: record.version }, org: branch };
    },
  },
  'POST /api/weak-orgs/{id}/accept': {
    readFirst: 'ratings:read',
    needs: ['ratings:write'],
    at: 'village',
    upper: 'UPPER_LEVEL_REQUIRED',
    call: async (f, org) => {
      const { record, branch } = await freshWeakOrg(f, org);
      const submitted = await asAdmin(f, 'POST', `/api/weak-orgs/${record.id}/submit`, { version: record.version });
      return { url: `/api/weak-orgs/${record.id}/accept`, body: { version: submitted.version }, org: branch };
    },
  },
  'POST /api/weak-orgs/{id}/return': {
    readFirst: 'ratings:read',
    needs: ['ratings:write'],
    at: 'village',
    upper: 'UPPER_LEVEL_REQUIRED',
    call: async (f, org) => {
      const { record, branch } = await freshWeakOrg(f, org);
      const submitted = await asAdmin(f, 'POST', `/api/weak-orgs/${record.id}/submit`, { version: record.version });
      return {
        url: `/api/weak-orgs/${record.id}/return`,
        body: { version: submitted.version, note: '不合格' },
        org: branch,
      };
    },
  },
  'GET /api/inspections/rounds': {
    needs: ['inspections:read'],
    call: (_f, org) => ({ url: `/api/inspections/rounds?orgId=${org.id}` }),
  },
  'POST /api/inspections/rounds': {
    needs: ['inspections:verify'],
    at: 'village',
    ok: 201,
    call: (_f, org) => ({
      url: '/api/inspections/rounds',
      body: { orgId: org.id, title: '督导', team: '督导组', kind: 'open', startsOn: today(), endsOn: today() },
    }),
  },
  'GET /api/inspections/rounds/{id}': {
    needs: ['inspections:read'],
    at: 'village',
    call: async (f, org) => ({ url: `/api/inspections/rounds/${(await freshRound(f, org)).id}` }),
  },
  'GET /api/inspections/rounds/{id}/notice.docx': {
    needs: ['inspections:read'],
    at: 'village',
    call: async (f, org) => ({ url: `/api/inspections/rounds/${(await freshRound(f, org)).id}/notice.docx` }),
  },
  'GET /api/inspections/figures': {
    needs: ['inspections:read'],
    call: (_f, org) => ({ url: `/api/inspections/figures?orgId=${org.id}` }),
  },
  'GET /api/problems': { needs: ['inspections:read'], call: (_f, org) => ({ url: `/api/problems?orgId=${org.id}` }) },
  'POST /api/problems': {
    needs: ['inspections:verify'],
    at: 'village',
    ok: 201,
    upper: 'UPPER_LEVEL_REQUIRED',
    call: async (f, org) => {
      const round = await freshRound(f, org);
      const b = await freshBranch(f, org);
      return {
        url: '/api/problems',
        org: b,
        body: {
          roundId: round.id,
          orgId: b.id,
          category: 'organization_life',
          description: '记录不全',
          severity: 'minor',
          responsiblePerson: '张伟',
          deadline: addDays(today(), 20),
        },
      };
    },
  },
  'GET /api/problems/export': {
    needs: ['inspections:read'],
    call: (_f, org) => ({ url: `/api/problems/export?orgId=${org.id}` }),
  },
  'GET /api/problems/{id}': {
    needs: ['inspections:read'],
    at: 'village',
    call: async (f, org) => {
      const { problem, branch } = await freshProblem(f, org);
      return { url: `/api/problems/${problem.id}`, org: branch };
    },
  },
  'POST /api/problems/{id}/actions/{action}': {
    readFirst: 'inspections:read',
    needs: ['inspections:write'],
    at: 'village',
    call: async (f, org) => {
      const { problem, branch } = await freshProblem(f, org);
      return { url: `/api/problems/${problem.id}/actions/start`, body: { version: problem.version }, org: branch };
    },
  },
  'GET /api/star-ratings/scorecard': {
    needs: ['ratings:read'],
    call: (_f, org) => ({ url: `/api/star-ratings/scorecard?orgId=${org.id}` }),
  },
  'PUT /api/star-ratings/scorecard': {
    readFirst: 'ratings:read',
    needs: ['ratings:write'],
    at: 'village',
    call: async (f, org) => {
      const c = await seedOrg(f.ctx, {
        parent: org,
        name: `${org.name}下属党委${next()}`,
        kind: 'committee',
        code: `MC${next()}`,
      });
      return { url: '/api/star-ratings/scorecard', body: { orgId: c.id, ...scorecard }, org: c };
    },
  },
  'GET /api/star-ratings': {
    needs: ['ratings:read'],
    call: (_f, org) => ({ url: `/api/star-ratings?orgId=${org.id}&year=${year()}` }),
  },
  'POST /api/star-ratings': {
    needs: ['ratings:write'],
    at: 'village',
    ok: 201,
    upper: 'UPPER_LEVEL_REQUIRED',
    call: async (f, org) => {
      const b = await freshBranch(f, org);
      return {
        url: '/api/star-ratings',
        body: { orgId: b.id, year: year(), scores: await defaultScores(f, b) },
        org: b,
      };
    },
  },
  'GET /api/star-ratings/{id}': {
    needs: ['ratings:read'],
    at: 'village',
    call: async (f, org) => {
      const { rating, branch } = await freshStarRating(f, org);
      return { url: `/api/star-ratings/${rating.id}`, org: branch };
    },
  },
  'PATCH /api/star-ratings/{id}': {
    readFirst: 'ratings:read',
    needs: ['ratings:write'],
    at: 'village',
    upper: 'UPPER_LEVEL_REQUIRED',
    call: async (f, org) => {
      const { rating, branch } = await freshStarRating(f, org);
      return {
        url: `/api/star-ratings/${rating.id}`,
        body: { scores: await defaultScores(f, branch), note: '复核', version: rating.version },
        org: branch,
      };
    },
  },

  // 党费
  'GET /api/dues/rate': { needs: 'session', at: 'global', call: () => ({ url: '/api/dues/rate?category=student' }) },
  'GET /api/dues/members/{id}': {
    needs: ['dues:read'],
    call: async (f, org) => ({ url: `/api/dues/members/${(await freshMember(f, org)).id}` }),
  },
  'POST /api/dues/members/{id}/bases': {
    readFirst: 'dues:read',
    needs: ['dues:write'],
    ok: 201,
    call: async (f, org) => ({
      url: `/api/dues/members/${(await freshMember(f, org)).id}/bases`,
      body: { category: 'farmer', fromMonth: month() },
    }),
  },
  'PUT /api/dues/bases/{id}': {
    readFirst: 'dues:read',
    needs: ['dues:write'],
    call: async (f, org) => {
      const { base } = await freshDuesBase(f, org);
      return {
        url: `/api/dues/bases/${base.id}`,
        body: { category: 'employed', base: 5000, fromMonth: month(), version: 0 },
      };
    },
  },
  'POST /api/dues/payments': {
    readFirst: 'dues:read',
    needs: ['dues:write'],
    ok: 201,
    call: async (f, org) => {
      const { member } = await freshDuesBase(f, org);
      return {
        url: '/api/dues/payments',
        body: { memberId: member.id, months: [{ month: month(), amount: 15 }], paidOn: today(), payer: 'self' },
      };
    },
  },
  'PATCH /api/dues/payments/{id}': {
    readFirst: 'dues:read',
    needs: ['dues:write'],
    call: async (f, org) => {
      const p = await freshPayment(f, org);
      return { url: `/api/dues/payments/${p.id}`, body: { note: '补记', version: p.version } };
    },
  },
  'DELETE /api/dues/payments/{id}': {
    readFirst: 'dues:read',
    needs: ['dues:write'],
    ok: 204,
    call: async (f, org) => {
      const p = await freshPayment(f, org);
      return { url: `/api/dues/payments/${p.id}?version=${p.version}` };
    },
  },
  'GET /api/dues/figures': {
    needs: ['dues:read'],
    call: (_f, org) => ({ url: `/api/dues/figures?orgId=${org.id}&month=${month()}` }),
  },
  'GET /api/dues/arrears': { needs: ['dues:read'], call: (_f, org) => ({ url: `/api/dues/arrears?orgId=${org.id}` }) },
  'GET /api/dues/import-template': {
    needs: ['dues:write'],
    at: 'global',
    call: () => ({ url: '/api/dues/import-template' }),
  },
  'POST /api/dues/import': {
    needs: ['dues:write'],
    at: 'global',
    ok: 202,
    call: async (f) => ({ url: '/api/dues/import', upload: await ledgerUpload(f, '党费.xlsx') }),
  },

  // 长任务, 附件
  'GET /api/jobs/{id}': {
    needs: 'session',
    at: 'global',
    owner: true,
    call: async (f) => ({ url: `/api/jobs/${await ownJob(f)}` }),
  },
  'GET /api/jobs/{id}/errors.xlsx': {
    needs: 'session',
    at: 'global',
    owner: true,
    call: async (f) => ({ url: `/api/jobs/${await ownJob(f)}/errors.xlsx` }),
  },
  'POST /api/attachments': {
    needs: ['life:write'],
    at: 'village',
    ok: 201,
    call: (_f, org) => ({ url: `/api/attachments?entity=meeting&orgId=${org.id}`, upload: png() }),
  },
  'GET /api/attachments': {
    hidesAsEmpty: true,
    needs: ['life:read'],
    at: 'village',
    call: async (f, org) => ({ url: `/api/attachments?entity=meeting&entityId=${(await freshMeeting(f, org)).id}` }),
  },
  'GET /api/attachments/{id}': {
    needs: ['life:read'],
    at: 'village',
    call: async (f, org) => ({ url: `/api/attachments/${(await freshAttachment(f, org)).id}` }),
  },
  'DELETE /api/attachments/{id}': {
    readFirst: 'life:read',
    needs: ['life:write'],
    at: 'village',
    ok: 204,
    call: async (f, org) => ({ url: `/api/attachments/${(await freshAttachment(f, org)).id}` }),
  },

  // 组织生活
  'GET /api/life/meetings': {
    needs: ['life:read'],
    call: (_f, org) => ({ url: `/api/life/meetings?orgId=${org.id}` }),
  },
  'POST /api/life/meetings': {
    needs: ['life:write'],
    at: 'village',
    ok: 201,
    call: async (f, org) => ({
      url: '/api/life/meetings',
      body: {
        orgId: org.id,
        kind: 'general_meeting',
        date: today(),
        topic: '学习',
        host: '张伟',
        attendees: [(await freshMember(f, org)).id],
      },
    }),
  },
  'GET /api/life/meetings/{id}': {
    needs: ['life:read'],
    at: 'village',
    call: async (f, org) => ({ url: `/api/life/meetings/${(await freshMeeting(f, org)).id}` }),
  },
  'PATCH /api/life/meetings/{id}': {
    readFirst: 'life:read',
    needs: ['life:write'],
    at: 'village',
    call: async (f, org) => ({
      url: `/api/life/meetings/${(await freshMeeting(f, org)).id}`,
      body: { topic: '改', version: 0 },
    }),
  },
  'DELETE /api/life/meetings/{id}': {
    readFirst: 'life:read',
    needs: ['life:write'],
    at: 'village',
    ok: 204,
    call: async (f, org) => ({ url: `/api/life/meetings/${(await freshMeeting(f, org)).id}?version=0` }),
  },
  'GET /api/orgs/{id}/life/members': {
    needs: ['life:read'],
    call: (_f, org) => ({ url: `/api/orgs/${org.id}/life/members?date=${today()}` }),
  },
  'GET /api/orgs/{id}/life/compliance': {
    needs: ['life:read'],
    call: (_f, org) => ({ url: `/api/orgs/${org.id}/life/compliance?period=${year()}` }),
  },
  'GET /api/orgs/{id}/life/exemptions': {
    needs: ['life:read'],
    call: (_f, org) => ({ url: `/api/orgs/${org.id}/life/exemptions` }),
  },
  'POST /api/life/exemptions': {
    needs: ['life:write'],
    at: 'village',
    ok: 201,
    call: async (f, org) => {
      const b = await freshBranch(f, org);
      return {
        url: '/api/life/exemptions',
        body: { orgId: b.id, kind: 'party_lecture', periodKey: month(), reason: '防汛' },
        org: b,
      };
    },
  },
  'DELETE /api/life/exemptions/{id}': {
    readFirst: 'life:read',
    needs: ['life:write'],
    at: 'village',
    ok: 204,
    call: async (f, org) => {
      const b = await freshBranch(f, org);
      const e = await asAdmin(f, 'POST', '/api/life/exemptions', {
        orgId: b.id,
        kind: 'party_lecture',
        periodKey: month(),
        reason: '防汛',
      });
      return { url: `/api/life/exemptions/${e.id}`, org: b };
    },
  },
  'GET /api/life/obligations': { needs: ['life:read'], at: 'global', call: () => ({ url: '/api/life/obligations' }) },
  'POST /api/life/obligations': {
    needs: ['obligations:manage'],
    at: 'global',
    ok: 201,
    call: () => ({ url: '/api/life/obligations', body: obligationBody() }),
  },
  'PATCH /api/life/obligations/{id}': {
    needs: ['obligations:manage'],
    at: 'global',
    call: async (f) => {
      const o = await asAdmin(f, 'POST', '/api/life/obligations', obligationBody());
      return { url: `/api/life/obligations/${o.id}`, body: { expected: 2, version: o.version } };
    },
  },
  'DELETE /api/life/obligations/{id}': {
    needs: ['obligations:manage'],
    at: 'global',
    ok: 204,
    call: async (f) => {
      const o = await asAdmin(f, 'POST', '/api/life/obligations', obligationBody());
      return { url: `/api/life/obligations/${o.id}?version=${o.version}` };
    },
  },

  // 指标
  'GET /api/metrics': { needs: 'session', at: 'global', call: () => ({ url: '/api/metrics' }) },
  'GET /api/metrics/values': {
    needs: ['orgs:read'],
    call: (_f, org) => ({ url: `/api/metrics/values?orgId=${org.id}&keys=members.total` }),
  },
  'GET /api/metrics/children': {
    needs: ['orgs:read'],
    call: (_f, org) => ({ url: `/api/metrics/children?orgId=${org.id}&keys=members.total` }),
  },
  'GET /api/metrics/children/export': {
    needs: ['orgs:read'],
    call: (_f, org) => ({ url: `/api/metrics/children/export?orgId=${org.id}&keys=members.total` }),
  },
  'GET /api/metrics/{key}': {
    needs: ['members:read'],
    call: (_f, org) => ({ url: `/api/metrics/members.total?orgId=${org.id}` }),
  },
  'GET /api/metrics/{key}/records': {
    needs: ['members:read'],
    call: (_f, org) => ({ url: `/api/metrics/members.total/records?orgId=${org.id}` }),
  },
  'GET /api/metrics/{key}/records/export': {
    needs: ['members:read'],
    call: (_f, org) => ({ url: `/api/metrics/members.total/records/export?orgId=${org.id}` }),
  },
  'GET /api/metrics/{key}/trend': {
    needs: ['members:read'],
    call: (_f, org) => ({ url: `/api/metrics/members.total/trend?orgId=${org.id}` }),
  },

  // 统计表 (一表通): a fresh form owned by the target org, named after it (a leak names the township).
  'GET /api/forms': { needs: ['stats:read'], call: (_f, org) => ({ url: `/api/forms?orgId=${org.id}` }) },
  'GET /api/forms/built-in': { needs: ['stats:read'], at: 'global', call: () => ({ url: '/api/forms/built-in' }) },
  'POST /api/forms': {
    needs: ['forms:write'],
    ok: 201,
    call: (_f, org) => ({ url: '/api/forms', body: { orgId: org.id, ...formBody(org) } }),
  },
  'POST /api/forms/preview': {
    needs: ['stats:read'],
    call: (_f, org) => ({ url: '/api/forms/preview', body: { orgId: org.id, definition: formBody(org).definition } }),
  },
  'POST /api/forms/template': {
    needs: ['forms:write'],
    ok: 201,
    call: async (_f, org) => ({ url: `/api/forms/template?orgId=${org.id}`, upload: await formTemplateUpload(org) }),
  },
  'GET /api/forms/{key}': {
    needs: ['stats:read'],
    call: async (f, org) => ({ url: `/api/forms/${(await freshForm(f, org)).id}` }),
  },
  'PATCH /api/forms/{key}': {
    needs: ['forms:write'],
    readFirst: 'stats:read',
    call: async (f, org) => ({ url: `/api/forms/${(await freshForm(f, org)).id}`, body: { version: 0, name: '改名' } }),
  },
  'POST /api/forms/{key}/archive': {
    needs: ['forms:write'],
    readFirst: 'stats:read',
    call: async (f, org) => ({ url: `/api/forms/${(await freshForm(f, org)).id}/archive`, body: { version: 0 } }),
  },
  'GET /api/forms/{key}/template': {
    needs: ['stats:read'],
    call: async (f, org) => ({ url: `/api/forms/${(await freshForm(f, org, true)).id}/template` }),
  },
  'GET /api/forms/{key}/fill': {
    needs: ['stats:read'],
    call: (_f, org) => ({ url: `/api/forms/members-basic/fill?orgId=${org.id}` }),
  },
  'GET /api/forms/{key}/fill/export': {
    needs: ['stats:read'],
    call: (_f, org) => ({ url: `/api/forms/members-basic/fill/export?orgId=${org.id}` }),
  },

  // 材料核数 (report checks) and its phrases
  'POST /api/reports/check': {
    needs: ['stats:read'],
    call: (_f, org) => ({
      url: '/api/reports/check',
      body: { orgId: org.id, from: `${year()}-01-01`, to: today(), text: '全镇共有党员5名，其中女党员3名。' },
    }),
  },
  'POST /api/reports/check/upload': {
    needs: ['stats:read'],
    call: (_f, org) => ({
      url: `/api/reports/check/upload?orgId=${org.id}&from=${year()}-01-01&to=${today()}`,
      upload: multipart(Buffer.from('全镇共有党员5名。', 'utf8'), '汇报.txt', 'file', 'text/plain'),
    }),
  },
  'GET /api/metric-phrases': {
    needs: ['stats:read'],
    call: (_f, org) => ({ url: `/api/metric-phrases?orgId=${org.id}` }),
  },
  'POST /api/metric-phrases': {
    needs: ['reports:write'],
    ok: 201,
    call: (_f, org) => ({
      url: '/api/metric-phrases',
      body: { orgId: org.id, phrase: `说法${next()}`, metricKey: 'members.total' },
    }),
  },
  'DELETE /api/metric-phrases/{id}': {
    needs: ['reports:write'],
    ok: 204,
    call: async (f, org) => {
      const phrase = await asAdmin(f, 'POST', '/api/metric-phrases', {
        orgId: org.id,
        phrase: `说法${next()}`,
        metricKey: 'members.total',
      });
      return { url: `/api/metric-phrases/${phrase.id}` };
    },
  },
  'GET /api/report-templates/builtin': {
    needs: ['stats:read'],
    at: 'global',
    call: () => ({ url: '/api/report-templates/builtin' }),
  },

  'GET /api/report-templates': { needs: ['stats:read'], at: 'global', call: () => ({ url: '/api/report-templates' }) },
  'POST /api/report-templates': {
    needs: ['reports:write'],
    ok: 201,
    call: (_f, org) => ({ url: '/api/report-templates', body: templateBody(org) }),
  },
  'GET /api/report-templates/{id}': {
    needs: ['stats:read'],
    call: async (f, org) => ({ url: `/api/report-templates/${(await freshTemplate(f, org)).id}` }),
  },
  'PATCH /api/report-templates/{id}': {
    needs: ['reports:write'],
    readFirst: 'stats:read',
    call: async (f, org) => {
      const t = await freshTemplate(f, org);
      return { url: `/api/report-templates/${t.id}`, body: { name: '改名', version: t.version } };
    },
  },
  'DELETE /api/report-templates/{id}': {
    needs: ['reports:write'],
    readFirst: 'stats:read',
    ok: 204,
    call: async (f, org) => {
      const t = await freshTemplate(f, org);
      return { url: `/api/report-templates/${t.id}?version=${t.version}` };
    },
  },
  'GET /api/report-drafts': {
    needs: ['stats:read'],
    call: (_f, org) => ({ url: `/api/report-drafts?orgId=${org.id}` }),
  },
  'POST /api/report-drafts': {
    needs: ['reports:write'],
    ok: 201,
    call: (_f, org) => ({ url: '/api/report-drafts', body: draftBody(org) }),
  },
  'POST /api/report-drafts/preview': {
    needs: ['stats:read'],
    call: (_f, org) => ({
      url: '/api/report-drafts/preview',
      body: { orgId: org.id, title: '汇报', body: '共有党员{{members.total}}。', from: `${year()}-01-01`, to: today() },
    }),
  },
  'GET /api/report-drafts/suggestions': {
    needs: ['stats:read'],
    call: (_f, org) => ({ url: `/api/report-drafts/suggestions?orgId=${org.id}&from=${year()}-01-01&to=${today()}` }),
  },
  'GET /api/report-drafts/{id}': {
    needs: ['stats:read'],
    call: async (f, org) => ({ url: `/api/report-drafts/${(await freshDraft(f, org)).id}` }),
  },
  'PATCH /api/report-drafts/{id}': {
    needs: ['reports:write'],
    readFirst: 'stats:read',
    call: async (f, org) => {
      const d = await freshDraft(f, org);
      return { url: `/api/report-drafts/${d.id}`, body: { title: '改名', version: d.version } };
    },
  },
  'DELETE /api/report-drafts/{id}': {
    needs: ['reports:write'],
    readFirst: 'stats:read',
    ok: 204,
    call: async (f, org) => {
      const d = await freshDraft(f, org);
      return { url: `/api/report-drafts/${d.id}?version=${d.version}` };
    },
  },
  'GET /api/report-drafts/{id}/render': {
    needs: ['stats:read'],
    call: async (f, org) => ({ url: `/api/report-drafts/${(await freshDraft(f, org)).id}/render` }),
  },
  'POST /api/report-drafts/{id}/exports': {
    needs: ['stats:read'],
    ok: 202,
    call: async (f, org) => {
      const d = await freshDraft(f, org);
      await waitForJobs(f.ctx.db);
      return { url: `/api/report-drafts/${d.id}/exports`, body: { format: 'md' } };
    },
  },
  // Only a failed export runs again: its owner is told so (422); anyone else finds no such export.
  'POST /api/report-exports/{id}/rerun': {
    needs: 'session',
    at: 'global',
    owner: true,
    ok: 422,
    call: async (f) => ({ url: `/api/report-exports/${await ownExport(f)}/rerun` }),
  },
  'GET /api/report-exports/{id}/file': {
    needs: 'session',
    at: 'global',
    owner: true,
    call: async (f) => ({ url: `/api/report-exports/${await ownExport(f)}/file` }),
  },
};
