// The floor: every member held in memory as typed arrays sorted by their org's pre-order position, so a subtree is
// one contiguous interval and a dashboard is one linear scan of small integers. Nothing a database does can count
// rows faster than this, so it tells how far the counters are from "free" and how far the peer is from the floor.
import { AGE_BANDS, birthDateRangeForAgeBand, ORG_KINDS } from '@grassroots/domain';
import type { DbHandle } from '../../../apps/server/src/db/database.js';
import { type DashboardFigures, emptyNodeFigures, MEMBER_DIMENSIONS, type NodeFigures } from './figures.js';

export interface MemoryIndex {
  orgCount: number;
  memberCount: number;
  /** Org id → pre-order position (-1 for unknown ids). */
  positionOfId: Int32Array;
  idAt: Int32Array;
  /** One past the last pre-order position of the org's subtree. */
  subtreeEnd: Int32Array;
  orgOpen: Uint8Array;
  orgKind: Uint8Array;
  /** Members of the org at position p are memberStart[p] .. memberStart[p + 1] - 1. */
  memberStart: Int32Array;
  status: Uint8Array;
  gender: Uint8Array;
  education: Uint8Array;
  occupation: Uint8Array;
  /** Birth date as yyyymmdd. */
  birth: Int32Array;
  loadSeconds: number;
}

type MemberTuple = [number, string, string, string, string, string];

/** Streams (org_id, status, gender, education, occupation, birth_date) of every member. */
async function* memberTuples(handle: DbHandle): AsyncGenerator<MemberTuple> {
  if (handle.sqlite) {
    const stmt = handle.sqlite
      .prepare('select org_id, status, gender, education, occupation, birth_date from members')
      .raw(true);
    for (const row of stmt.iterate()) yield row as MemberTuple;
    return;
  }
  // Keyset batches: one big result would hold every row as JS objects at once.
  let after = 0;
  for (;;) {
    const r = await handle.pool!.query<MemberTuple>({
      text: `select org_id, status, gender, education, occupation, birth_date, id from members
             where id > $1 order by id limit 100000`,
      values: [after],
      rowMode: 'array',
    });
    if (r.rows.length === 0) return;
    for (const row of r.rows) yield row;
    after = Number((r.rows[r.rows.length - 1] as unknown[])[6]);
  }
}

function codeMap(values: readonly string[]): Map<string, number> {
  return new Map(values.map((v, i) => [v, i]));
}

export async function loadMemoryIndex(handle: DbHandle): Promise<MemoryIndex> {
  const started = performance.now();
  const orgs = await handle.db.selectFrom('orgs').select(['id', 'path', 'kind', 'closedAt']).execute();
  // Paths sort byte-wise into pre-order: every subtree is the run of paths sharing its prefix.
  orgs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const n = orgs.length;
  const maxId = orgs.reduce((m, o) => Math.max(m, o.id), 0);
  const positionOfId = new Int32Array(maxId + 1).fill(-1);
  const idAt = new Int32Array(n);
  const subtreeEnd = new Int32Array(n);
  const orgOpen = new Uint8Array(n);
  const orgKind = new Uint8Array(n);
  const kinds = codeMap(ORG_KINDS);
  const stack: number[] = [];
  orgs.forEach((o, p) => {
    positionOfId[o.id] = p;
    idAt[p] = o.id;
    orgOpen[p] = o.closedAt === null ? 1 : 0;
    orgKind[p] = kinds.get(o.kind) ?? 0;
    while (stack.length > 0 && !o.path.startsWith((orgs[stack[stack.length - 1] as number] as { path: string }).path)) {
      subtreeEnd[stack.pop() as number] = p;
    }
    stack.push(p);
  });
  for (const p of stack) subtreeEnd[p] = n;

  // Read once in id order, then a counting sort by org position.
  const codes = MEMBER_DIMENSIONS.map(([, values]) => codeMap(values));
  const [statusCodes, genderCodes, educationCodes, , occupationCodes] = codes as [
    Map<string, number>,
    Map<string, number>,
    Map<string, number>,
    Map<string, number>,
    Map<string, number>,
  ];
  let cap = 1 << 16;
  let len = 0;
  let pos = new Int32Array(cap);
  let packed = new Int32Array(cap * 2);
  for await (const [orgId, status, gender, education, occupation, birthDate] of memberTuples(handle)) {
    if (len === cap) {
      cap *= 2;
      const p2 = new Int32Array(cap);
      p2.set(pos);
      pos = p2;
      const k2 = new Int32Array(cap * 2);
      k2.set(packed);
      packed = k2;
    }
    pos[len] = positionOfId[Number(orgId)] as number;
    packed[len * 2] =
      (statusCodes.get(status) ?? 0) |
      ((genderCodes.get(gender) ?? 0) << 4) |
      ((educationCodes.get(education) ?? 0) << 8) |
      ((occupationCodes.get(occupation) ?? 0) << 12);
    packed[len * 2 + 1] =
      Number(birthDate.slice(0, 4)) * 10000 + Number(birthDate.slice(5, 7)) * 100 + Number(birthDate.slice(8, 10));
    len++;
  }
  const memberStart = new Int32Array(n + 1);
  for (let i = 0; i < len; i++) memberStart[(pos[i] as number) + 1]!++;
  for (let p = 0; p < n; p++) memberStart[p + 1] = (memberStart[p + 1] as number) + (memberStart[p] as number);
  const next = memberStart.slice(0, n);
  const status = new Uint8Array(len);
  const gender = new Uint8Array(len);
  const education = new Uint8Array(len);
  const occupation = new Uint8Array(len);
  const birth = new Int32Array(len);
  for (let i = 0; i < len; i++) {
    const p = pos[i] as number;
    const at = next[p] as number;
    next[p] = at + 1;
    const c = packed[i * 2] as number;
    status[at] = c & 15;
    gender[at] = (c >> 4) & 15;
    education[at] = (c >> 8) & 15;
    occupation[at] = (c >> 12) & 15;
    birth[at] = packed[i * 2 + 1] as number;
  }
  return {
    orgCount: n,
    memberCount: len,
    positionOfId,
    idAt,
    subtreeEnd,
    orgOpen,
    orgKind,
    memberStart,
    status,
    gender,
    education,
    occupation,
    birth,
    loadSeconds: (performance.now() - started) / 1000,
  };
}

// Histogram layout: status 0-1, gender 2-3, education 4-8, age band 9-16, occupation 17-24.
const OFFSETS = { status: 0, gender: 2, education: 4, ageBand: 9, occupation: 17, size: 25 } as const;

const boundsByDay = new Map<string, Int32Array>();

/** Age-band lower bounds as yyyymmdd, youngest band first (the same bounds as the server's SQL CASE). */
function bandBounds(today: string): Int32Array {
  let bounds = boundsByDay.get(today);
  if (!bounds) {
    bounds = Int32Array.from(
      AGE_BANDS.filter((b) => b !== 'ge61').map((b) =>
        Number(birthDateRangeForAgeBand(b, today).from!.replaceAll('-', '')),
      ),
    );
    boundsByDay.set(today, bounds);
  }
  return bounds;
}

function scanMembers(ix: MemoryIndex, from: number, to: number, bounds: Int32Array, h: Int32Array): void {
  const { status, gender, education, occupation, birth } = ix;
  const bands = bounds.length;
  for (let k = from; k < to; k++) {
    h[status[k] as number]!++;
    h[OFFSETS.gender + (gender[k] as number)]!++;
    h[OFFSETS.education + (education[k] as number)]!++;
    h[OFFSETS.occupation + (occupation[k] as number)]!++;
    const b = birth[k] as number;
    let band = 0;
    while (band < bands && b < (bounds[band] as number)) band++;
    h[OFFSETS.ageBand + band]!++;
  }
}

function toFigures(h: Int32Array, members: number, kinds: Int32Array): NodeFigures {
  const f = emptyNodeFigures();
  f.members.total = members;
  const offsets = [OFFSETS.status, OFFSETS.gender, OFFSETS.education, OFFSETS.ageBand, OFFSETS.occupation];
  MEMBER_DIMENSIONS.forEach(([key, values], d) => {
    values.forEach((v, i) => {
      f.members[key][v] = h[(offsets[d] as number) + i] as number;
    });
  });
  let orgs = 0;
  ORG_KINDS.forEach((k, i) => {
    f.orgs.byKind[k] = kinds[i] as number;
    orgs += kinds[i] as number;
  });
  f.orgs.total = orgs;
  return f;
}

/** The dashboard of org `orgId` by one pass over its member interval: each child's run, plus the org's own. */
export function memoryDashboard(ix: MemoryIndex, orgId: number, today: string): DashboardFigures {
  const p = ix.positionOfId[orgId] ?? -1;
  if (p < 0) throw new Error(`org ${orgId} not in the memory index`);
  const bounds = bandBounds(today);
  const total = new Int32Array(OFFSETS.size);
  const totalKinds = new Int32Array(ORG_KINDS.length);
  const children: DashboardFigures['children'] = [];
  // The org's own members (those of the org itself, not of its descendants).
  scanMembers(ix, ix.memberStart[p] as number, ix.memberStart[p + 1] as number, bounds, total);
  if (ix.orgOpen[p]) totalKinds[ix.orgKind[p] as number]!++;
  const end = ix.subtreeEnd[p] as number;
  for (let c = p + 1; c < end; c = ix.subtreeEnd[c] as number) {
    const cEnd = ix.subtreeEnd[c] as number;
    const h = new Int32Array(OFFSETS.size);
    const kinds = new Int32Array(ORG_KINDS.length);
    const from = ix.memberStart[c] as number;
    const to = ix.memberStart[cEnd] as number;
    scanMembers(ix, from, to, bounds, h);
    for (let q = c; q < cEnd; q++) if (ix.orgOpen[q]) kinds[ix.orgKind[q] as number]!++;
    for (let i = 0; i < h.length; i++) total[i] = (total[i] as number) + (h[i] as number);
    for (let i = 0; i < kinds.length; i++) totalKinds[i] = (totalKinds[i] as number) + (kinds[i] as number);
    // Closed children are counted in the total (they hold nothing) but not listed, as getOrgStats does.
    if (ix.orgOpen[c]) children.push({ orgId: ix.idAt[c] as number, ...toFigures(h, to - from, kinds) });
  }
  const members = (ix.memberStart[end] as number) - (ix.memberStart[p] as number);
  children.sort((a, b) => a.orgId - b.orgId);
  return { orgId, ...toFigures(total, members, totalKinds), children };
}
