// 党费 (DOMAIN.md §2, 2008 rules): per-member bases with their history, payments by month, the subtree figures
// (应缴/实缴) and the arrears list.
//
// Decisions where DOMAIN.md is silent:
// - Dues are owed from the month of the member's first base: the platform cannot know what was owed before the
//   branch recorded a base. A base cannot start before the month the member joined.
// - A base applies from its month until the next base's month; earlier months keep the amount of the base then in
//   force. Recorded payments keep the due amount of their day (dueFen) whatever later corrections say.
// - A month's dues fall due at its end: arrears count months that have ended (up to last month by default).
// - Paying more than due is allowed (党员自愿多交党费不限, 2008 rules); paying less needs a reason in the note (e.g. 经
//   支部同意减交) and is still counted as that month paid; 实缴 shows the money actually received.
// - Receipt numbers are unique per collecting org (the member's org when paid): one receipt may cover several months
//   of one member (预交/补交), never two members.
import {
  AppError,
  DUES_CATEGORY_LABELS,
  DUES_MAX_MONTHS_AHEAD,
  type DuesArrears,
  duesArrears,
  duesRate,
  monthEnd,
  monthsBetween,
  shiftMonth,
  type TDuesArrearsQuery,
  type TDuesBaseCreate,
  type TDuesBaseUpdate,
  type TDuesFiguresQuery,
  type TDuesPaymentCreate,
  type TDuesPaymentUpdate,
} from '@grassroots/domain';
import type { Actor } from '../../platform/actor.js';
import { type AuditEntry, recordAudit } from '../../platform/audit.js';
import { recordAuditBatch } from '../../platform/audit-batch.js';
import { nowIso, today } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { notFound, staleVersion } from '../../platform/errors.js';
import type { Page } from '../../platform/paging.js';
import { narrowScope, scopeOf, whereInScope } from '../../platform/scope.js';
import { getOrgInScope } from '../orgs/orgs.service.js';
import {
  toDuesBaseAuditSnapshot,
  toDuesBaseDto,
  toDuesPaymentAuditSnapshot,
  toDuesPaymentDto,
  toFen,
  yuan,
} from './dues.mapper.js';
import * as repo from './dues.repo.js';
import type { DuesBaseRow, DuesPaymentRow, NewDuesPaymentRow } from './dues.table.js';

const MEMBER = '党员';
const BASE = '党费基数';
const PAYMENT = '党费交纳记录';
/** Months of the member panel's schedule before the current month. */
const SCHEDULE_MONTHS_BACK = 24;

export const currentMonth = () => today().slice(0, 7);
/** The last month that has ended: arrears are counted up to it. */
export const lastEndedMonth = () => shiftMonth(currentMonth(), -1);

/** The base in force in `month` among a member's bases (sorted by fromMonth), or null before the first. */
export function baseInForce(bases: readonly DuesBaseRow[], month: string): DuesBaseRow | null {
  let found: DuesBaseRow | null = null;
  for (const b of bases) if (b.fromMonth <= month) found = b;
  return found;
}

async function memberInScope(ctx: AppContext, actor: Actor, permission: 'dues:read' | 'dues:write', id: number) {
  const m = await repo.findMemberInScope(ctx.db, id, whereInScope(scopeOf(actor, permission), 'm.orgPath'));
  if (!m) throw notFound(MEMBER);
  return m;
}

/** A month a member can owe: not before joining, not more than DUES_MAX_MONTHS_AHEAD ahead. */
function monthRangeError(month: string, joinedOn: string): string | null {
  if (month < joinedOn.slice(0, 7)) return `早于入党时间（${joinedOn.slice(0, 7)}）`;
  if (month > shiftMonth(currentMonth(), DUES_MAX_MONTHS_AHEAD)) return `最多预交${DUES_MAX_MONTHS_AHEAD}个月`;
  return null;
}

const isUniqueViolation = (err: unknown) => {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
};

// ---- the member's dues

export async function getMemberDues(ctx: AppContext, actor: Actor, memberId: number) {
  const m = await memberInScope(ctx, actor, 'dues:read', memberId);
  const [bases, payments] = await Promise.all([repo.findBases(ctx.db, m.id), repo.findPayments(ctx.db, m.id)]);
  const upTo = lastEndedMonth();
  const paidByMonth = new Map(payments.map((p) => [p.month, p]));
  const first = bases[0]?.fromMonth ?? null;
  const arrears: DuesArrears | null =
    first === null
      ? null
      : duesArrears(
          payments.map((p) => p.month),
          { from: first, to: null },
          upTo,
        );
  const scheduleFrom = [shiftMonth(currentMonth(), -SCHEDULE_MONTHS_BACK), m.joinedOn.slice(0, 7)].sort().at(-1)!;
  const schedule = monthsBetween(scheduleFrom, shiftMonth(currentMonth(), DUES_MAX_MONTHS_AHEAD))
    .reverse()
    .map((month) => {
      const b = baseInForce(bases, month);
      const p = paidByMonth.get(month);
      return {
        month,
        due: b ? (yuan(b.monthlyFen) as number) : null,
        paid: p ? (yuan(p.amountFen) as number) : null,
        paymentId: p?.id ?? null,
        owed: first !== null && month >= first && month <= upTo,
      };
    });
  const current = baseInForce(bases, currentMonth());
  return {
    member: { id: m.id, name: m.name, orgId: m.orgId, orgName: m.orgName, joinedOn: m.joinedOn, status: m.status },
    upTo,
    current: current ? toDuesBaseDto(current) : null,
    bases: bases.map(toDuesBaseDto).reverse(),
    payments: payments.map(toDuesPaymentDto),
    schedule,
    arrears,
  };
}

// ---- bases

function monthlyFenOf(input: Pick<TDuesBaseCreate, 'category' | 'base'>): {
  baseFen: number | null;
  monthlyFen: number;
} {
  const base = input.base ?? null;
  const { monthly } = duesRate(input.category, base);
  const fixed = input.category !== 'employed' && input.category !== 'retired';
  return { baseFen: fixed || base === null ? null : toFen(base), monthlyFen: toFen(monthly) };
}

function checkBaseMonth(fromMonth: string, joinedOn: string) {
  const err = monthRangeError(fromMonth, joinedOn);
  if (err) throw new AppError('DUES_MONTH_OUT_OF_RANGE', `起始月份${err}`, { fromMonth: `起始月份${err}` });
}

const baseExists = (fromMonth: string) =>
  new AppError('DUES_BASE_EXISTS', `${fromMonth}起已有党费基数，请修改该条记录`, {
    fromMonth: `${fromMonth}起已有党费基数`,
  });

export async function createBase(ctx: AppContext, actor: Actor, memberId: number, input: TDuesBaseCreate) {
  await memberInScope(ctx, actor, 'dues:read', memberId);
  const m = await memberInScope(ctx, actor, 'dues:write', memberId);
  checkBaseMonth(input.fromMonth, m.joinedOn);
  const amounts = monthlyFenOf(input);
  const now = nowIso();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const existing = await repo.findBases(trx, m.id);
    if (existing.some((b) => b.fromMonth === input.fromMonth)) throw baseExists(input.fromMonth);
    const newId = await repo
      .insertBase(trx, {
        memberId: m.id,
        category: input.category,
        ...amounts,
        fromMonth: input.fromMonth,
        untilMonth: null,
        note: input.note ?? null,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .catch((err) => {
        throw isUniqueViolation(err) ? baseExists(input.fromMonth) : err;
      });
    await repo.rechainBases(trx, m.id);
    const row = (await repo.findBaseById(trx, newId))!;
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'dues_base',
      entityId: newId,
      orgPath: m.orgPath,
      after: toDuesBaseAuditSnapshot(row),
    });
    return newId;
  });
  return toDuesBaseDto((await repo.findBaseById(ctx.db, id))!);
}

export async function updateBase(ctx: AppContext, actor: Actor, id: number, input: TDuesBaseUpdate) {
  // Without dues:read the answer is 403 whether or not the base exists.
  scopeOf(actor, 'dues:read');
  const current = await repo.findBaseById(ctx.db, id);
  if (!current) throw notFound(BASE);
  await memberInScope(ctx, actor, 'dues:read', current.memberId).catch(() => {
    throw notFound(BASE);
  });
  const m = await memberInScope(ctx, actor, 'dues:write', current.memberId);
  if (current.version !== input.version) throw staleVersion(BASE, toDuesBaseDto(current));
  checkBaseMonth(input.fromMonth, m.joinedOn);
  const amounts = monthlyFenOf(input);
  await ctx.db.transaction().execute(async (trx) => {
    const others = (await repo.findBases(trx, m.id)).filter((b) => b.id !== id);
    if (others.some((b) => b.fromMonth === input.fromMonth)) throw baseExists(input.fromMonth);
    const ok = await repo.updateBaseVersioned(trx, id, input.version, {
      category: input.category,
      ...amounts,
      fromMonth: input.fromMonth,
      note: input.note ?? null,
      updatedAt: nowIso(),
    });
    if (!ok) throw staleVersion(BASE, toDuesBaseDto(current));
    await repo.rechainBases(trx, m.id);
    const after = (await repo.findBaseById(trx, id))!;
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'dues_base',
      entityId: id,
      orgPath: m.orgPath,
      before: toDuesBaseAuditSnapshot(current),
      after: toDuesBaseAuditSnapshot(after),
    });
  });
  return toDuesBaseDto((await repo.findBaseById(ctx.db, id))!);
}

// ---- payments

const monthPaid = (fields: Record<string, string>, first: Pick<DuesPaymentRow, 'month' | 'paidOn' | 'receiptNo'>) =>
  new AppError(
    'DUES_MONTH_PAID',
    `${first.month}的党费已于${first.paidOn}交纳${first.receiptNo ? `（收据号${first.receiptNo}）` : ''}，不能重复登记`,
    fields,
  );

const receiptTaken = (receiptNo: string, holder: string) =>
  new AppError('DUES_RECEIPT_TAKEN', `收据号${receiptNo}已用于党员${holder}的党费，请核对收据号`, {
    receiptNo: `已用于党员${holder}`,
  });

/** The amount rule: at least the due amount, or less with a reason in the note. */
export function shortPaymentError(amountFen: number, dueFen: number | null, note: string | null): string | null {
  if (dueFen === null || amountFen >= dueFen || (note && note.trim() !== '')) return null;
  return `低于应交金额${(dueFen / 100).toFixed(2)}元；少交须在备注中说明原因`;
}

export async function recordPayment(ctx: AppContext, actor: Actor, input: TDuesPaymentCreate) {
  await memberInScope(ctx, actor, 'dues:read', input.memberId);
  const m = await memberInScope(ctx, actor, 'dues:write', input.memberId);
  const fields: Record<string, string> = {};
  if (input.paidOn > today()) fields.paidOn = '交纳日期不能晚于今天';
  const bases = await repo.findBases(ctx.db, m.id);
  const note = input.note ?? null;
  const rows: NewDuesPaymentRow[] = [];
  const now = nowIso();
  input.months.forEach((x, i) => {
    const rangeErr = monthRangeError(x.month, m.joinedOn);
    if (rangeErr) fields[`months.${i}.month`] = rangeErr;
    const dueFen = baseInForce(bases, x.month)?.monthlyFen ?? null;
    const amountFen = toFen(x.amount);
    const shortErr = shortPaymentError(amountFen, dueFen, note);
    if (shortErr) fields[`months.${i}.amount`] = shortErr;
    rows.push({
      memberId: m.id,
      month: x.month,
      amountFen,
      dueFen,
      paidOn: input.paidOn,
      payer: input.payer,
      payerName: input.payer === 'proxy' ? (input.payerName ?? null) : null,
      receiptNo: input.receiptNo || null,
      orgId: m.orgId,
      note,
      recordedBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
  });
  const ruleFields = Object.entries(fields);
  if (ruleFields.length > 0) {
    const code = ruleFields.some(([k]) => k.endsWith('.amount'))
      ? 'DUES_AMOUNT_SHORT'
      : ruleFields.some(([k]) => k.endsWith('.month'))
        ? 'DUES_MONTH_OUT_OF_RANGE'
        : 'VALIDATION_FAILED';
    throw new AppError(code, `输入有误：${ruleFields[0]![1]}`, fields);
  }
  const created = await ctx.db.transaction().execute(async (trx) => {
    const paid = await repo.findPaymentsOf(
      trx,
      [m.id],
      rows.map((r) => r.month),
    );
    if (paid.length > 0) {
      const dup: Record<string, string> = {};
      input.months.forEach((x, i) => {
        const p = paid.find((r) => r.month === x.month);
        if (p) dup[`months.${i}.month`] = `该月已于${p.paidOn}交纳`;
      });
      throw monthPaid(dup, paid.sort((a, b) => (a.month < b.month ? -1 : 1))[0]!);
    }
    if (input.receiptNo) {
      const holder = (await repo.findReceiptHolders(trx, [{ orgId: m.orgId, receiptNo: input.receiptNo }])).find(
        (h) => h.memberId !== m.id,
      );
      if (holder) throw receiptTaken(input.receiptNo, holder.memberName);
    }
    const inserted = await repo.insertPayments(trx, rows).catch((err) => {
      throw isUniqueViolation(err)
        ? monthPaid({ months: '所选月份已交纳' }, { ...rows[0]!, receiptNo: rows[0]!.receiptNo ?? null })
        : err;
    });
    await recordAuditBatch(
      trx,
      actor,
      inserted.map(
        (r): AuditEntry => ({
          action: 'create',
          entity: 'dues_payment',
          entityId: r.id,
          orgPath: m.orgPath,
          after: toDuesPaymentAuditSnapshot(r),
        }),
      ),
    );
    return inserted;
  });
  return { items: created.map(toDuesPaymentDto) };
}

async function paymentInScope(ctx: AppContext, actor: Actor, id: number) {
  const read = await repo.findPaymentInScope(ctx.db, id, whereInScope(scopeOf(actor, 'dues:read'), 'm.orgPath'));
  if (!read) throw notFound(PAYMENT);
  const row = await repo.findPaymentInScope(ctx.db, id, whereInScope(scopeOf(actor, 'dues:write'), 'm.orgPath'));
  if (!row) throw notFound(PAYMENT);
  return row;
}

export async function updatePayment(ctx: AppContext, actor: Actor, id: number, input: TDuesPaymentUpdate) {
  const { orgPath, ...current } = await paymentInScope(ctx, actor, id);
  if (current.version !== input.version) throw staleVersion(PAYMENT, toDuesPaymentDto(current));
  const { version, amount, ...rest } = input;
  const next = {
    amountFen: amount === undefined ? current.amountFen : toFen(amount),
    paidOn: rest.paidOn ?? current.paidOn,
    payer: rest.payer ?? current.payer,
    payerName: rest.payerName === undefined ? current.payerName : rest.payerName,
    receiptNo: rest.receiptNo === undefined ? current.receiptNo : rest.receiptNo || null,
    note: rest.note === undefined ? current.note : rest.note,
  };
  if (next.payer === 'self') next.payerName = null;
  if (next.payer === 'proxy' && !next.payerName) {
    throw new AppError('VALIDATION_FAILED', '输入有误：他人代交时请填写代交人', {
      payerName: '他人代交时请填写代交人',
    });
  }
  if (next.paidOn > today()) {
    throw new AppError('VALIDATION_FAILED', '输入有误：交纳日期不能晚于今天', { paidOn: '交纳日期不能晚于今天' });
  }
  const shortErr = shortPaymentError(next.amountFen, current.dueFen, next.note);
  if (shortErr) throw new AppError('DUES_AMOUNT_SHORT', `输入有误：${shortErr}`, { amount: shortErr });
  await ctx.db.transaction().execute(async (trx) => {
    if (next.receiptNo && next.receiptNo !== current.receiptNo) {
      const holder = (await repo.findReceiptHolders(trx, [{ orgId: current.orgId, receiptNo: next.receiptNo }])).find(
        (h) => h.memberId !== current.memberId,
      );
      if (holder) throw receiptTaken(next.receiptNo, holder.memberName);
    }
    const ok = await repo.updatePaymentVersioned(trx, id, version, { ...next, updatedAt: nowIso() });
    if (!ok) throw staleVersion(PAYMENT, toDuesPaymentDto(current));
    const after = (await repo.findPaymentById(trx, id))!;
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'dues_payment',
      entityId: id,
      orgPath,
      before: toDuesPaymentAuditSnapshot(current),
      after: toDuesPaymentAuditSnapshot(after),
    });
  });
  return toDuesPaymentDto((await repo.findPaymentById(ctx.db, id))!);
}

/** 冲销: a payment entered by mistake is removed (the audit log keeps it). */
export async function deletePayment(ctx: AppContext, actor: Actor, id: number, version: number) {
  const { orgPath, ...current } = await paymentInScope(ctx, actor, id);
  if (current.version !== version) throw staleVersion(PAYMENT, toDuesPaymentDto(current));
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.deletePaymentVersioned(trx, id, version))) throw staleVersion(PAYMENT, toDuesPaymentDto(current));
    await recordAudit(trx, actor, {
      action: 'delete',
      entity: 'dues_payment',
      entityId: id,
      orgPath,
      before: toDuesPaymentAuditSnapshot(current),
    });
  });
}

// ---- figures

/** The months of a figures query: one month, or a year up to the current month. */
export function figureMonths(q: Pick<TDuesFiguresQuery, 'month' | 'year'>): string[] {
  if (q.month) return [q.month];
  const now = currentMonth();
  const last = `${q.year}-12` < now ? `${q.year}-12` : now;
  return monthsBetween(`${q.year}-01`, last);
}

export async function getFigures(ctx: AppContext, actor: Actor, q: TDuesFiguresQuery) {
  const org = await getOrgInScope(ctx, actor, 'dues:read', q.orgId);
  const months = figureMonths(q);
  const scope = narrowScope(scopeOf(actor, 'dues:read'), org.path);
  const empty = { dueCount: 0, dueMonths: 0, due: 0, paidCount: 0, paidMonths: 0, paid: 0 };
  if (months.length === 0) {
    return { org: { id: org.id, name: org.name }, months: { from: null, to: null }, total: empty, rows: [] };
  }
  const raw = await repo.figures(ctx.db, org, months, whereInScope(scope, 'm.orgPath'));
  const rows = raw
    .filter((r) => r.closedAt === null || r.dueCount > 0 || r.paidCount > 0)
    .filter((r) => r.orgId !== null || r.dueCount > 0 || r.paidCount > 0)
    .map((r) => ({
      orgId: r.orgId ?? org.id,
      orgName: r.orgName ?? `${org.name}（本级）`,
      own: r.orgId === null,
      dueCount: r.dueCount,
      dueMonths: r.dueMonths,
      due: r.dueFen / 100,
      paidCount: r.paidCount,
      paidMonths: r.paidMonths,
      paid: r.paidFen / 100,
    }))
    .sort((a, b) => (a.own === b.own ? a.orgName.localeCompare(b.orgName, 'zh-CN') : a.own ? -1 : 1));
  const total = { ...empty };
  let dueFen = 0;
  let paidFen = 0;
  for (const r of raw) {
    total.dueCount += r.dueCount;
    total.dueMonths += r.dueMonths;
    total.paidCount += r.paidCount;
    total.paidMonths += r.paidMonths;
    dueFen += r.dueFen;
    paidFen += r.paidFen;
  }
  total.due = dueFen / 100;
  total.paid = paidFen / 100;
  return { org: { id: org.id, name: org.name }, months: { from: months[0]!, to: months.at(-1)! }, total, rows };
}

// ---- arrears

export async function listArrears(ctx: AppContext, actor: Actor, q: TDuesArrearsQuery) {
  const org = await getOrgInScope(ctx, actor, 'dues:read', q.orgId);
  const scope = narrowScope(scopeOf(actor, 'dues:read'), org.path);
  const upTo = q.upTo ?? lastEndedMonth();
  const page: Page<ReturnType<typeof arrearsItem>> & { upTo: string } = {
    items: [],
    total: 0,
    page: q.page,
    pageSize: q.pageSize,
    upTo,
  };
  if (scope.length === 0) return page;
  const filter = {
    upTo,
    q: q.q,
    minMonths: q.minMonths,
    flagged: q.flagged === undefined ? undefined : q.flagged === 'true',
  };
  const { items, total } = await repo.findArrears(
    ctx.db,
    whereInScope(scope, 'm.orgPath'),
    filter,
    q.sort,
    q.page,
    q.pageSize,
  );
  // The exact months of the page's members, by the domain rule (the SQL gave the counts to filter, sort and page).
  const paid = new Map<number, string[]>();
  for (const p of await repo.findPaidMonths(
    ctx.db,
    items.map((i) => i.memberId),
    upTo,
  )) {
    paid.set(p.memberId, [...(paid.get(p.memberId) ?? []), p.month]);
  }
  const bases = new Map<number, DuesBaseRow[]>();
  for (const b of await repo.findBasesOf(
    ctx.db,
    items.map((i) => i.memberId),
  )) {
    bases.set(b.memberId, [...(bases.get(b.memberId) ?? []), b]);
  }
  page.items = items.map((r) => arrearsItem(r, paid.get(r.memberId) ?? [], bases.get(r.memberId) ?? [], upTo));
  page.total = total;
  return page;
}

function arrearsItem(r: repo.ArrearsRow, paidMonths: string[], bases: DuesBaseRow[], upTo: string) {
  const a = duesArrears(paidMonths, { from: r.fromMonth, to: null }, upTo);
  const current = baseInForce(bases, upTo);
  return {
    memberId: r.memberId,
    name: r.name,
    orgId: r.orgId,
    orgName: r.orgName,
    category: current?.category ?? null,
    categoryLabel: current ? DUES_CATEGORY_LABELS[current.category] : null,
    monthly: current ? (yuan(current.monthlyFen) as number) : null,
    owedAmount: a.unpaidMonths.reduce((s, m) => s + (baseInForce(bases, m)?.monthlyFen ?? 0), 0) / 100,
    ...a,
    firstUnpaid: a.unpaidMonths[0] ?? null,
    firstUnpaidDue: a.unpaidMonths[0] ? monthEnd(a.unpaidMonths[0]) : null,
  };
}
