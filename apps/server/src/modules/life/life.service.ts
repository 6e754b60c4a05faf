// 组织生活: meeting records (attendance, absences with reasons, 民主评议 grades, optional evidence), the obligation
// catalogue, exemptions and compliance of any subtree (DOMAIN.md §3; the rules are obligations.ts).
//
// Decisions:
// - A record entered more than 30 days after the meeting is marked 补录 (late), never refused; the mark is fixed by
//   the first recording (a later edit of the date re-judges it against that first recording).
// - Attendees and absentees must belong to the org on the meeting day: its own members and those of the 党小组
//   directly under it, judged through completed transfers (a member transferred out later still counts for the
//   days before; one transferred in later does not), and in the party by then (joinedOn ≤ date).
// - Exemptions are granted by the upper level: the user needs life:write on the org's parent as well as on the org
//   (a township for its branches, a branch for its 党小组), so nobody excuses their own org.
// - The catalogue is the deployment's (the county's): read with life:read, changed with obligations:manage. Two
//   entries of one meeting kind may not bind the same org kind and sector (their counts would be summed twice).
import {
  AppError,
  MEETING_KIND_LABELS,
  MEETING_KINDS_WITH_RESULTS,
  type MeetingKind,
  meetingIsLate,
  periodFromKey,
  periodLabel,
  periodsBetween,
  type TComplianceQuery,
  type TExemptionCreate,
  type TExemptionListQuery,
  type TMeetingCreate,
  type TMeetingListQuery,
  type TMeetingUpdate,
  type TObligationCreate,
  type TObligationUpdate,
  todayIso,
} from '@grassroots/domain';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { attachmentsOf, linkAttachments } from '../../platform/attachments.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, today } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { forbidden, notFound, staleVersion, validationFailed } from '../../platform/errors.js';
import type { Page } from '../../platform/paging.js';
import { isPathInScope, narrowScope, scopeOf, whereInScope } from '../../platform/scope.js';
import { getOrgInScope } from '../orgs/orgs.service.js';
import {
  type CatalogueEntry,
  loadCatalogue,
  subtreeCompliance,
  type TallyStatus,
  toObligation,
} from './life.compliance.js';
import {
  type ExemptionDto,
  type MeetingDto,
  type MeetingListItem,
  type ObligationDto,
  toExemptionDto,
  toMeetingAuditSnapshot,
  toMeetingDto,
  toMeetingListItem,
  toObligationDto,
} from './life.mapper.js';
import * as repo from './life.repo.js';
import type { MeetingAttendanceRow } from './life.table.js';

const MEETING = '会议记录';

// ——— meetings ———

export async function listMeetings(
  ctx: AppContext,
  actor: Actor,
  query: TMeetingListQuery,
): Promise<Page<MeetingListItem>> {
  let scope = scopeOf(actor, 'life:read');
  if (query.orgId !== undefined)
    scope = narrowScope(scope, (await getOrgInScope(ctx, actor, 'life:read', query.orgId)).path);
  const { orgId, page, pageSize, sort, ...filter } = query;
  if (scope.length === 0) return { items: [], total: 0, page, pageSize };
  const { items, total } = await repo.findMeetings(
    ctx.db,
    whereInScope(scope, 'm.orgPath'),
    filter,
    sort,
    page,
    pageSize,
  );
  return { items: items.map(toMeetingListItem), total, page, pageSize };
}

/** The meeting if readable (404 otherwise); 403 when readable but `write` is asked and not held. */
async function meetingInScope(ctx: AppContext, actor: Actor, id: number, write: boolean) {
  const row = await repo.findMeetingById(ctx.db, id);
  if (!row || !isPathInScope(scopeOf(actor, 'life:read'), row.orgPath)) throw notFound(MEETING);
  if (write && !isPathInScope(scopeOf(actor, 'life:write'), row.orgPath)) throw forbidden();
  return row;
}

async function meetingDto(db: Db, row: NonNullable<Awaited<ReturnType<typeof repo.findMeetingById>>>) {
  const [attendance, files] = await Promise.all([
    repo.findAttendance(db, row.id),
    attachmentsOf(db, 'meeting', [row.id]),
  ]);
  return toMeetingDto(
    row,
    attendance,
    files.map(({ orgPath, ...f }) => f),
  );
}

export async function getMeeting(ctx: AppContext, actor: Actor, id: number): Promise<MeetingDto> {
  return meetingDto(ctx.db, await meetingInScope(ctx, actor, id, false));
}

export interface OrgMemberOnDate {
  id: number;
  name: string;
  /** The org (the branch or one of its 党小组) the member belonged to that day. */
  orgId: number;
  orgName: string;
  status: string;
}

/** Who belonged to the org (and its 党小组) on `date`; see the decisions above. */
async function membersOnDate(db: Db, orgId: number, date: string): Promise<OrgMemberOnDate[]> {
  const orgs = await repo.orgWithGroups(db, orgId);
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  const candidates = await repo.candidateMembers(
    db,
    orgs.map((o) => o.id),
  );
  const transfers = await repo.completedTransfersOf(
    db,
    candidates.map((c) => Number(c.id)),
  );
  const later = new Map<number, number>();
  // The first completed transfer after the day tells where the member was that day.
  for (const t of transfers) {
    const memberId = Number(t.memberId);
    if (!later.has(memberId) && t.decidedAt !== null && todayIso(new Date(t.decidedAt)) > date) {
      later.set(memberId, Number(t.fromOrgId));
    }
  }
  const out: OrgMemberOnDate[] = [];
  for (const c of candidates) {
    const orgOnDate = later.get(Number(c.id)) ?? Number(c.orgId);
    // A member who left the platform (转出, 取消预备党员资格) was one only before that day.
    if (c.joinedOn > date || (c.leftOn !== null && c.leftOn <= date) || !names.has(orgOnDate)) continue;
    out.push({ id: Number(c.id), name: c.name, orgId: orgOnDate, orgName: names.get(orgOnDate)!, status: c.status });
  }
  return out;
}

export async function listMeetingMembers(ctx: AppContext, actor: Actor, orgId: number, date: string) {
  const org = await getOrgInScope(ctx, actor, 'life:read', orgId);
  return { items: await membersOnDate(ctx.db, org.id, date) };
}

type MeetingFields = Pick<
  TMeetingCreate,
  'kind' | 'date' | 'topic' | 'host' | 'place' | 'minutes' | 'attendees' | 'absences' | 'results'
>;
type OrgRow = Awaited<ReturnType<typeof getOrgInScope>>;

/** The rules of a meeting record beyond its shape; every refusal names its field. */
async function checkMeeting(db: Db, org: OrgRow, m: MeetingFields): Promise<Omit<MeetingAttendanceRow, 'meetingId'>[]> {
  const fields: Record<string, string> = {};
  if (org.foundedOn !== null && m.date < org.foundedOn) {
    fields.date = `会议日期早于党组织成立日期（${org.foundedOn}）`;
  }
  if (org.closedAt !== null && m.date > todayIso(new Date(org.closedAt))) {
    fields.date = `党组织已于${todayIso(new Date(org.closedAt))}撤销，会议日期不能晚于撤销日期`;
  }
  if (m.kind === 'group_meeting' && org.kind !== 'group') fields.kind = '党小组会只能由党小组召开';
  if (m.attendees.length === 0) fields.attendees = '请选择参会人员';
  if (m.results.length > 0 && !MEETING_KINDS_WITH_RESULTS.includes(m.kind)) {
    fields.results = '只有组织生活会和民主评议党员可以登记评议结果';
  }
  const members = new Map((await membersOnDate(db, org.id, m.date)).map((x) => [x.id, x]));
  const notMember = `该党员在${m.date}不是本组织党员`;
  const seen = new Set<number>();
  m.attendees.forEach((id, i) => {
    if (!members.has(id)) fields[`attendees.${i}`] ??= notMember;
    else if (seen.has(id)) fields[`attendees.${i}`] ??= `${members.get(id)!.name}重复登记`;
    seen.add(id);
  });
  m.absences.forEach((a, i) => {
    if (!members.has(a.memberId)) fields[`absences.${i}.memberId`] ??= notMember;
    else if (seen.has(a.memberId)) {
      fields[`absences.${i}.memberId`] ??= `${members.get(a.memberId)!.name}已登记为参会或重复登记为缺席`;
    }
    seen.add(a.memberId);
  });
  const graded = new Set<number>();
  m.results.forEach((r, i) => {
    if (!seen.has(r.memberId)) fields[`results.${i}.memberId`] ??= '评议结果只能登记给参会或缺席人员';
    else if (graded.has(r.memberId)) fields[`results.${i}.memberId`] ??= '同一党员只能有一个评议结果';
    graded.add(r.memberId);
  });
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  const resultOf = new Map(m.results.map((r) => [r.memberId, r.result]));
  return [
    ...m.attendees.map((memberId) => ({
      memberId,
      present: 1,
      absenceReason: null,
      result: resultOf.get(memberId) ?? null,
    })),
    ...m.absences.map((a) => ({
      memberId: a.memberId,
      present: 0,
      absenceReason: a.reason,
      result: resultOf.get(a.memberId) ?? null,
    })),
  ];
}

export async function createMeeting(ctx: AppContext, actor: Actor, input: TMeetingCreate): Promise<MeetingDto> {
  const org = await getOrgInScope(ctx, actor, 'life:write', input.orgId);
  const attendance = await checkMeeting(ctx.db, org, input);
  const now = nowIso();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const newId = await repo.insertMeeting(trx, {
      orgId: org.id,
      orgPath: org.path,
      kind: input.kind,
      date: input.date,
      topic: input.topic,
      host: input.host,
      place: input.place ?? null,
      minutes: input.minutes ?? null,
      attendeeCount: input.attendees.length,
      absentCount: input.absences.length,
      late: meetingIsLate(input.date, now) ? 1 : 0,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await repo.replaceAttendance(trx, newId, attendance);
    await linkAttachments(trx, { entity: 'meeting', entityId: newId, orgId: org.id }, input.attachmentIds);
    const created = (await repo.findMeetingById(trx, newId))!;
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'meeting',
      entityId: newId,
      orgPath: org.path,
      after: toMeetingAuditSnapshot(created, attendance, input.attachmentIds),
    });
    return newId;
  });
  return getMeeting(ctx, actor, id);
}

export async function updateMeeting(
  ctx: AppContext,
  actor: Actor,
  id: number,
  patch: TMeetingUpdate,
): Promise<MeetingDto> {
  const current = await meetingInScope(ctx, actor, id, true);
  const currentDto = await meetingDto(ctx.db, current);
  if (current.version !== patch.version) throw staleVersion(MEETING, currentDto);
  const org = await getOrgInScope(ctx, actor, 'life:write', current.orgId);
  const merged: MeetingFields = {
    kind: patch.kind ?? current.kind,
    date: patch.date ?? current.date,
    topic: patch.topic ?? current.topic,
    host: patch.host ?? current.host,
    place: patch.place === undefined ? current.place : patch.place,
    minutes: patch.minutes === undefined ? current.minutes : patch.minutes,
    attendees: patch.attendees ?? currentDto.attendees.map((a) => a.memberId),
    absences: patch.absences ?? currentDto.absences.map((a) => ({ memberId: a.memberId, reason: a.reason })),
    results: patch.results ?? currentDto.results.map((r) => ({ memberId: r.memberId, result: r.result })),
  };
  const attendance = await checkMeeting(ctx.db, org, merged);
  const attachmentIds = patch.attachmentIds ?? currentDto.attachments.map((a) => a.id);
  await ctx.db.transaction().execute(async (trx) => {
    const ok = await repo.updateMeetingVersioned(trx, id, patch.version, {
      kind: merged.kind,
      date: merged.date,
      topic: merged.topic,
      host: merged.host,
      place: merged.place ?? null,
      minutes: merged.minutes ?? null,
      attendeeCount: merged.attendees.length,
      absentCount: merged.absences.length,
      late: meetingIsLate(merged.date, current.createdAt) ? 1 : 0,
      updatedAt: nowIso(),
    });
    if (!ok) throw staleVersion(MEETING, currentDto);
    await repo.replaceAttendance(trx, id, attendance);
    await linkAttachments(trx, { entity: 'meeting', entityId: id, orgId: current.orgId }, attachmentIds);
    const after = (await repo.findMeetingById(trx, id))!;
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'meeting',
      entityId: id,
      orgPath: current.orgPath,
      before: toMeetingAuditSnapshot(
        current,
        currentAttendance(currentDto),
        currentDto.attachments.map((a) => a.id),
      ),
      after: toMeetingAuditSnapshot(after, attendance, attachmentIds),
    });
  });
  return getMeeting(ctx, actor, id);
}

function currentAttendance(dto: MeetingDto) {
  const resultOf = new Map(dto.results.map((r) => [r.memberId, r.result]));
  return [
    ...dto.attendees.map((a) => ({
      memberId: a.memberId,
      present: 1,
      absenceReason: null,
      result: resultOf.get(a.memberId) ?? null,
    })),
    ...dto.absences.map((a) => ({
      memberId: a.memberId,
      present: 0,
      absenceReason: a.reason,
      result: resultOf.get(a.memberId) ?? null,
    })),
  ];
}

/** Deletes a record entered by mistake (its attachments with it); audited with the whole record. */
export async function deleteMeeting(ctx: AppContext, actor: Actor, id: number, version: number): Promise<void> {
  const current = await meetingInScope(ctx, actor, id, true);
  const currentDto = await meetingDto(ctx.db, current);
  if (current.version !== version) throw staleVersion(MEETING, currentDto);
  await ctx.db.transaction().execute(async (trx) => {
    await linkAttachments(trx, { entity: 'meeting', entityId: id, orgId: current.orgId }, []);
    if (!(await repo.deleteMeetingVersioned(trx, id, version))) throw staleVersion(MEETING, currentDto);
    await recordAudit(trx, actor, {
      action: 'delete',
      entity: 'meeting',
      entityId: id,
      orgPath: current.orgPath,
      before: toMeetingAuditSnapshot(
        current,
        currentAttendance(currentDto),
        currentDto.attachments.map((a) => a.id),
      ),
    });
  });
}

// ——— compliance ———

type Tally = Record<TallyStatus, number> & { owing: number };
const emptyTally = (): Tally => ({ owing: 0, met: 0, short: 0, in_progress: 0, exempt: 0 });

/**
 * Held vs expected for every org of the subtree bound by an obligation in the period (subtreeCompliance): totals
 * per kind (orgs by status), per child of the org (its subtree's orgs by overall status) and a list of the orgs
 * (paged, filtered by status). A period is a year, a quarter or a month.
 */
export async function getCompliance(ctx: AppContext, actor: Actor, orgId: number, query: TComplianceQuery) {
  const root = await getOrgInScope(ctx, actor, 'life:read', orgId);
  const scope = scopeOf(actor, 'life:read');
  const period = periodFromKey(query.period);
  const life = await subtreeCompliance(ctx.db, root.path, scope, period.start, period.end, today());
  const kinds = new Map<MeetingKind, Tally>();
  const childOf = (path: string) => {
    const id = path.slice(root.path.length).split('/')[0];
    return id ? Number(id) : root.id;
  };
  const children = new Map<number, Tally>();
  for (const org of life.orgs) {
    for (const k of org.kinds) {
      const t = kinds.get(k.kind) ?? emptyTally();
      t.owing++;
      t[k.status]++;
      kinds.set(k.kind, t);
    }
    const child = childOf(org.path);
    const t = children.get(child) ?? emptyTally();
    t.owing++;
    t[org.status]++;
    children.set(child, t);
  }
  const childRows = await repo.findOrgAndChildren(ctx.db, root.id);
  const listed = query.status ? life.orgs.filter((o) => o.status === query.status) : [...life.orgs];
  // Shortfalls first, then in tree order.
  listed.sort((a, b) => (a.status === b.status ? (a.path < b.path ? -1 : 1) : a.status === 'short' ? -1 : 1));
  const from = (query.page - 1) * query.pageSize;
  return {
    org: { id: root.id, name: root.name },
    period: { key: period.key, label: periodLabel(period), start: period.start, end: period.end },
    kinds: life.catalogue
      .map((o) => o.kind)
      .filter((k, i, all) => all.indexOf(k) === i && kinds.has(k))
      .map((kind) => ({ kind, label: MEETING_KIND_LABELS[kind], ...kinds.get(kind)! })),
    children: childRows
      .filter((c) => children.has(Number(c.id)) && isPathInScope(scope, c.path))
      .map((c) => ({
        orgId: Number(c.id),
        name: Number(c.id) === root.id ? `${c.name}（本级）` : c.name,
        ...children.get(Number(c.id))!,
      })),
    orgs: {
      items: listed.slice(from, from + query.pageSize).map(({ path, orgKind, ...o }) => o),
      total: listed.length,
      page: query.page,
      pageSize: query.pageSize,
    },
  };
}

// ——— catalogue ———

export async function listObligations(ctx: AppContext, actor: Actor): Promise<{ items: ObligationDto[] }> {
  scopeOf(actor, 'life:read');
  return { items: (await loadCatalogue(ctx.db)).map(toObligationDto) };
}

function requireManage(actor: Actor) {
  try {
    scopeOf(actor, 'obligations:manage');
  } catch {
    throw forbidden('组织生活要求由县级组织部门统一设置，您没有修改的权限');
  }
}

/** Refuses an entry that binds some org kind and sector already bound for the same meeting kind. */
function checkOverlap(catalogue: CatalogueEntry[], entry: Omit<CatalogueEntry, 'id' | 'version'>, id: number | null) {
  const clash = catalogue.find(
    (o) =>
      o.id !== id &&
      o.kind === entry.kind &&
      o.orgKinds.some((k) => entry.orgKinds.includes(k)) &&
      (o.sectors === null || entry.sectors === null || o.sectors.some((s) => entry.sectors!.includes(s))),
  );
  if (clash) {
    const message = `已有${MEETING_KIND_LABELS[entry.kind]}的要求适用于相同类别和领域的党组织，请修改原有要求`;
    throw new AppError('DUPLICATE', message, { kind: message });
  }
}

const obligationColumns = (o: Omit<CatalogueEntry, 'id' | 'version'>) => ({
  kind: o.kind,
  cycle: o.cycle,
  expected: o.expected,
  orgKinds: JSON.stringify(o.orgKinds),
  sectors: o.sectors === null ? null : JSON.stringify(o.sectors),
  requiresCommittee: o.requiresCommittee ? 1 : 0,
  startsOn: o.startsOn ?? null,
});

export async function createObligation(ctx: AppContext, actor: Actor, input: TObligationCreate) {
  requireManage(actor);
  checkOverlap(await loadCatalogue(ctx.db), input, null);
  const now = nowIso();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertObligation(trx, { ...obligationColumns(input), createdAt: now, updatedAt: now });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'obligation',
      entityId: Number(row.id),
      orgPath: null,
      after: toObligation(row),
    });
    return Number(row.id);
  });
  return toObligationDto(toObligation((await repo.findObligationById(ctx.db, id))!));
}

async function obligationForWrite(ctx: AppContext, actor: Actor, id: number) {
  requireManage(actor);
  const row = await repo.findObligationById(ctx.db, id);
  if (!row) throw notFound('组织生活要求');
  return toObligation(row);
}

export async function updateObligation(ctx: AppContext, actor: Actor, id: number, patch: TObligationUpdate) {
  const current = await obligationForWrite(ctx, actor, id);
  if (current.version !== patch.version) throw staleVersion('组织生活要求', toObligationDto(current));
  const { version, ...fields } = patch;
  const merged = { ...current, ...fields };
  checkOverlap(await loadCatalogue(ctx.db), merged, id);
  await ctx.db.transaction().execute(async (trx) => {
    const ok = await repo.updateObligationVersioned(trx, id, version, {
      ...obligationColumns(merged),
      updatedAt: nowIso(),
    });
    if (!ok) throw staleVersion('组织生活要求', toObligationDto(current));
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'obligation',
      entityId: id,
      orgPath: null,
      before: current,
      after: { ...merged, version: version + 1 },
    });
  });
  return toObligationDto(toObligation((await repo.findObligationById(ctx.db, id))!));
}

export async function deleteObligation(ctx: AppContext, actor: Actor, id: number, version: number) {
  const current = await obligationForWrite(ctx, actor, id);
  if (current.version !== version) throw staleVersion('组织生活要求', toObligationDto(current));
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteObligation(trx, id, version);
    await recordAudit(trx, actor, {
      action: 'delete',
      entity: 'obligation',
      entityId: id,
      orgPath: null,
      before: current,
    });
  });
}

// ——— exemptions ———

export async function listExemptions(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
  query: TExemptionListQuery,
): Promise<Page<ExemptionDto>> {
  const org = await getOrgInScope(ctx, actor, 'life:read', orgId);
  const scope = narrowScope(scopeOf(actor, 'life:read'), org.path);
  const { page, pageSize } = query;
  if (scope.length === 0) return { items: [], total: 0, page, pageSize };
  // A quarter's list shows the exemptions that cover any of its periods: its months, itself and its year.
  let keys: string[] | undefined;
  if (query.period) {
    const p = periodFromKey(query.period);
    keys = (['year', 'quarter', 'month'] as const).flatMap((cycle) =>
      periodsBetween(cycle, p.start, p.end).map((q) => q.key),
    );
  }
  const { items, total } = await repo.findExemptions(ctx.db, whereInScope(scope, 'e.orgPath'), keys, page, pageSize);
  return { items: items.map(toExemptionDto), total, page, pageSize };
}

/** The upper level grants: life:write on the org and on its parent. */
async function orgForExemption(ctx: AppContext, actor: Actor, orgId: number) {
  const org = await getOrgInScope(ctx, actor, 'life:write', orgId);
  const parentPath = org.path.slice(0, org.path.slice(0, -1).lastIndexOf('/') + 1);
  if (org.parentId === null || !isPathInScope(scopeOf(actor, 'life:write'), parentPath)) {
    throw forbidden('免于考核由上级党组织批准，不能为本级党组织设置');
  }
  return org;
}

export async function createExemption(ctx: AppContext, actor: Actor, input: TExemptionCreate): Promise<ExemptionDto> {
  const org = await orgForExemption(ctx, actor, input.orgId);
  const duplicate = await repo.findSameExemption(ctx.db, org.id, input.periodKey, input.kind);
  if (duplicate) {
    const message = '该党组织在此期间已有相同的免于考核记录';
    throw new AppError('DUPLICATE', message, { periodKey: message });
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertExemption(trx, {
      orgId: org.id,
      orgPath: org.path,
      kind: input.kind,
      periodKey: input.periodKey,
      reason: input.reason,
      createdBy: actor.userId,
      createdAt: nowIso(),
    });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'obligation_exemption',
      entityId: Number(row.id),
      orgPath: org.path,
      after: { ...input, orgId: org.id },
    });
    return Number(row.id);
  });
  return toExemptionDto((await repo.findExemptionById(ctx.db, id))!);
}

export async function deleteExemption(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const row = await repo.findExemptionById(ctx.db, id);
  if (!row || !isPathInScope(scopeOf(actor, 'life:read'), row.orgPath)) throw notFound('免于考核记录');
  await orgForExemption(ctx, actor, Number(row.orgId));
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteExemption(trx, id);
    await recordAudit(trx, actor, {
      action: 'delete',
      entity: 'obligation_exemption',
      entityId: id,
      orgPath: row.orgPath,
      before: toExemptionDto(row),
    });
  });
}

export { rewriteLifePaths } from './life.repo.js';
