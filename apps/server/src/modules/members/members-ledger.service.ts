// 党员台账: the import template; the import as a job (every row checked first, then all rows written in one
// transaction, matched on the ID number, so that importing the same file again changes nothing); the export of the
// member list as filtered on screen, streamed, PII masked.
import {
  AppError,
  EDUCATION_LABELS,
  ETHNICITIES,
  GENDER_LABELS,
  MEMBER_FLAG_LABELS,
  MEMBER_STATUS_LABELS,
  type MemberFlag,
  memberRecordErrors,
  OCCUPATION_LABELS,
  parseIdNumber,
  pinyinInitials,
  type TMemberListQuery,
  ZMemberFields,
} from '@grassroots/domain';
import type { FastifyBaseLogger } from 'fastify';
import type { Actor } from '../../platform/actor.js';
import { type AuditEntry, recordAudit } from '../../platform/audit.js';
import { recordAuditBatch } from '../../platform/audit-batch.js';
import { nowIso, today } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { counterBatch } from '../../platform/counter-batch.js';
import { readCounters } from '../../platform/counters.js';
import { validationFailed } from '../../platform/errors.js';
import {
  buildTemplate,
  cellDate,
  cellText,
  fileDate,
  type RowError,
  styleHeaderRow,
  type WorkbookStream,
} from '../../platform/excel.js';
import {
  finishImportWrite,
  holdsValues,
  type ImportRow,
  type LedgerImport,
  rowReader,
  startLedgerImport,
} from '../../platform/excel-import.js';
import type { JobDto } from '../../platform/jobs.js';
import { isPathInScope, narrowScope, type Scope, scopeOf, whereInScope } from '../../platform/scope.js';
import type { ReceivedUpload } from '../../platform/uploads.js';
import { getOrgInScope } from '../orgs/orgs.service.js';
import { findOrgsByCodes, findOrgsByIds } from '../orgs/orgs-ledger.service.js';
import { memberCounters } from './members.counters.js';
import { flagColumnsOf, toMemberAuditSnapshot, toMemberDto } from './members.mapper.js';
import * as repo from './members.repo.js';
import { NAME_FIRST_THRESHOLD } from './members.service.js';
import type { MemberRow, NewMemberRow } from './members.table.js';
import {
  EDUCATION_BY_LABEL,
  FLAG_BY_LABEL,
  GENDER_BY_LABEL,
  MEMBER_COLUMNS,
  MEMBER_EXPORT_COLUMNS,
  MEMBER_EXPORT_KEYS,
  MEMBER_IMPORT_COLUMNS,
  MEMBER_TEMPLATE_NOTES,
  type MemberColumnKey,
  type MemberExportColumn,
  OCCUPATION_BY_LABEL,
  STATUS_BY_LABEL,
} from './members-ledger.columns.js';
import * as ledgerRepo from './members-ledger.repo.js';

export const MEMBER_IMPORT_JOB = 'import.members';

/** The import template, for those who may write members. */
export function memberTemplate(_ctx: AppContext, actor: Actor): Promise<Buffer> {
  scopeOf(actor, 'members:write');
  return buildTemplate({ sheetName: '党员信息', columns: MEMBER_IMPORT_COLUMNS, notes: MEMBER_TEMPLATE_NOTES });
}

// ---- import

/** One valid row, normalised (what the write pass reads back from the job's rows file). */
interface MemberRecord {
  row: number;
  orgId: number;
  name: string;
  gender: MemberRow['gender'];
  ethnicity: MemberRow['ethnicity'];
  birthDate: string;
  idNumber: string;
  education: MemberRow['education'];
  occupation: MemberRow['occupation'];
  joinedOn: string;
  fullOn: string | null;
  status: MemberRow['status'];
  phone: string | null;
  address: string | null;
  flags: MemberFlag[];
}

type Parsed = Omit<MemberRecord, 'orgId'> & { orgCode: string };

const H = (k: MemberColumnKey) => MEMBER_COLUMNS[k].header;
const orNull = (s: string) => (s === '' ? null : s);
const FIELD_COLUMN: Record<string, MemberColumnKey> = {
  name: 'name',
  gender: 'gender',
  ethnicity: 'ethnicity',
  birthDate: 'birthDate',
  idNumber: 'idNumber',
  education: 'education',
  occupation: 'occupation',
  joinedOn: 'joinedOn',
  fullOn: 'fullOn',
  status: 'status',
  phone: 'phone',
  address: 'address',
  flags: 'flags',
};

function label<K>(map: Map<string, K>, text: string, what: string, all: readonly string[], fail: (m: string) => void) {
  if (text === '') {
    fail(`请填写${what}`);
    return undefined;
  }
  const v = map.get(text);
  if (v === undefined) fail(`“${text}”不是有效的${what}，应为：${all.join('、')}`);
  return v;
}

/** A row's own checks (no database): Chinese labels read back, the domain schema, the record rules. */
function parseMemberRow(r: ImportRow, todayIso: string): { record: Parsed | null; errors: RowError[] } {
  const { errors, cell, text, failIssues, ...row } = rowReader(r, H);
  const fail = (key: MemberColumnKey) => (reason: string) => row.fail(key, reason);

  const idCell = cell('idNumber');
  if (typeof idCell === 'number')
    fail('idNumber')('身份证号码须以文本格式填写（存成数字会丢失末位），请把该列设为文本后重新输入');
  const idNumber = text('idNumber').replace(/\s/g, '').toUpperCase();
  const fromId = parseIdNumber(idNumber, todayIso);
  const genderText = text('gender');
  const gender =
    genderText === '' && fromId.ok
      ? fromId.value.gender
      : label(GENDER_BY_LABEL, genderText, '性别', [...GENDER_BY_LABEL.keys()], fail('gender'));
  const birthText = cellDate(cell('birthDate'));
  const birthDate = birthText === '' && fromId.ok ? fromId.value.birthDate : birthText;
  let ethnicity = text('ethnicity');
  if (ethnicity && !ethnicity.endsWith('族') && (ETHNICITIES as readonly string[]).includes(`${ethnicity}族`)) {
    ethnicity = `${ethnicity}族`;
  }
  const education = label(
    EDUCATION_BY_LABEL,
    text('education'),
    '学历',
    [...EDUCATION_BY_LABEL.keys()],
    fail('education'),
  );
  const occupation = label(
    OCCUPATION_BY_LABEL,
    text('occupation'),
    '职业类别',
    [...OCCUPATION_BY_LABEL.keys()],
    fail('occupation'),
  );
  const status = label(STATUS_BY_LABEL, text('status'), '党员类别', [...STATUS_BY_LABEL.keys()], fail('status'));
  const flags: MemberFlag[] = [];
  for (const f of text('flags')
    .split(/[、,，;；\s]+/)
    .filter(Boolean)) {
    const flag = FLAG_BY_LABEL.get(f);
    if (flag) {
      if (!flags.includes(flag)) flags.push(flag);
    } else fail('flags')(`“${f}”不是有效的标记，可填：${[...FLAG_BY_LABEL.keys()].join('、')}`);
  }
  const orgCode = text('orgCode');
  if (!orgCode) fail('orgCode')('请填写组织代码');

  const input = {
    name: text('name'),
    gender: gender ?? 'male',
    ethnicity,
    birthDate,
    idNumber,
    education: education ?? 'bachelor',
    occupation: occupation ?? 'other',
    joinedOn: cellDate(cell('joinedOn')),
    fullOn: orNull(cellDate(cell('fullOn'))),
    status: status ?? 'full',
    phone: orNull(text('phone')),
    address: orNull(text('address')),
    flags,
  };
  const parsed = ZMemberFields.safeParse(input);
  if (!parsed.success) {
    failIssues(parsed.error.issues, FIELD_COLUMN);
  } else {
    const v = parsed.data;
    const rules = memberRecordErrors(
      {
        idNumber: v.idNumber,
        birthDate: v.birthDate,
        gender: v.gender,
        joinedOn: v.joinedOn,
        fullOn: v.fullOn ?? null,
        status: v.status,
      },
      todayIso,
    );
    for (const [field, message] of Object.entries(rules)) {
      const key = FIELD_COLUMN[field];
      if (key) fail(key)(message);
    }
  }
  if (errors.length > 0 || !parsed.success) return { record: null, errors };
  const v = parsed.data;
  return {
    errors,
    record: {
      row: r.row,
      orgCode,
      name: v.name,
      gender: v.gender,
      ethnicity: v.ethnicity,
      birthDate: v.birthDate,
      idNumber: v.idNumber,
      education: v.education,
      occupation: v.occupation,
      joinedOn: v.joinedOn,
      fullOn: v.fullOn ?? null,
      status: v.status,
      phone: v.phone ?? null,
      address: v.address ?? null,
      flags: v.flags ?? [],
    },
  };
}

const ORG_NOT_FOUND = '组织代码不存在或不在您的管辖范围内';

export function memberLedgerImport(
  ctx: AppContext,
  actor: Actor,
  scope: Scope,
  fileName: string,
): LedgerImport<MemberRecord> {
  const todayIso = today();
  /** ID numbers seen so far in the file, and the row of each. */
  const inFile = new Map<string, number>();
  const orgsByCode = new Map<string, { id: number; path: string; name: string; closedAt: string | null } | null>();
  const orgIds = new Set<number>();

  return {
    columns: MEMBER_IMPORT_COLUMNS,

    async validate(rows) {
      const parsed = rows.map((r) => parseMemberRow(r, todayIso));
      const newCodes = new Set<string>();
      const idNumbers = new Set<string>();
      for (const p of parsed) {
        if (p.record && !orgsByCode.has(p.record.orgCode)) newCodes.add(p.record.orgCode);
        if (p.record) idNumbers.add(p.record.idNumber);
      }
      if (newCodes.size > 0) {
        const found = new Map((await findOrgsByCodes(ctx.db, [...newCodes])).map((o) => [o.code, o]));
        for (const code of newCodes) orgsByCode.set(code, found.get(code) ?? null);
      }
      const existing = new Map(
        (await ledgerRepo.findMembersByIdNumbers(ctx.db, [...idNumbers])).map((m) => [m.idNumber, m]),
      );

      return rows.map((r, i): RowError[] | MemberRecord => {
        const { record, errors } = parsed[i]!;
        const err = (key: MemberColumnKey, reason: string) => errors.push({ row: r.row, column: H(key), reason });
        const idText = record?.idNumber ?? cellText(r.cells[H('idNumber')] ?? null).toUpperCase();
        const earlier = idText ? inFile.get(idText) : undefined;
        if (idText && earlier === undefined) inFile.set(idText, r.row);
        if (!record) return errors;
        if (earlier !== undefined) err('idNumber', `与第${earlier}行的身份证号码重复`);
        const org = orgsByCode.get(record.orgCode) ?? null;
        if (!org || !isPathInScope(scope, org.path)) err('orgCode', ORG_NOT_FOUND);
        else if (org.closedAt !== null) err('orgCode', `该组织（${org.name}）已撤销，不能导入党员`);
        const ex = existing.get(record.idNumber);
        if (ex && org && earlier === undefined) {
          if (!isPathInScope(scope, ex.orgPath)) err('idNumber', '该身份证号码已登记为党员，且不在您管辖的组织中');
          else if (ex.orgId !== org.id) {
            err(
              'orgCode',
              `该党员现在“${ex.orgName}”（${ex.orgCode}），调整所在组织请办理组织关系转接，不能通过导入调整`,
            );
          }
        }
        if (errors.length > 0 || !org) return errors;
        orgIds.add(org.id);
        const { orgCode, ...rest } = record;
        return { ...rest, orgId: org.id };
      });
    },

    async write(trx, chunks) {
      const changedMeanwhile = () =>
        new AppError('STALE_VERSION', '导入期间党员或组织数据已被他人修改，未导入任何数据，请重新导入');
      // The orgs as they are now, inside the transaction (a move or a close since the check must not slip by).
      const orgs = new Map<number, { path: string }>();
      const ids = [...orgIds];
      for (let i = 0; i < ids.length; i += 500) {
        for (const o of await findOrgsByIds(trx, ids.slice(i, i + 500))) {
          if (o.closedAt !== null || !isPathInScope(scope, o.path)) throw changedMeanwhile();
          orgs.set(o.id, { path: o.path });
        }
      }
      const counters = counterBatch(todayIso);
      let created = 0;
      let updated = 0;
      let unchanged = 0;
      for await (const chunk of chunks) {
        const existing = new Map(
          (
            await ledgerRepo.findMembersByIdNumbers(
              trx,
              chunk.map((r) => r.idNumber),
            )
          ).map((m) => [m.idNumber, m]),
        );
        const inserts: NewMemberRow[] = [];
        const updates: Array<{ before: MemberRow }> = [];
        const now = nowIso();
        for (const r of chunk) {
          const org = orgs.get(r.orgId);
          if (!org) throw changedMeanwhile();
          const ex = existing.get(r.idNumber);
          if (!ex) {
            inserts.push({
              orgId: r.orgId,
              orgPath: org.path,
              ...memberFields(r),
              pendingTransferId: null,
              createdAt: now,
              updatedAt: now,
            });
          } else if (ex.orgId !== r.orgId) {
            throw changedMeanwhile();
          } else if (holdsValues(ex, comparedFields(r))) {
            unchanged++;
          } else {
            const ok = await repo.updateMemberVersioned(trx, ex.id, ex.version, { ...memberFields(r), updatedAt: now });
            if (!ok) throw changedMeanwhile();
            const { orgName, orgCode, ...before } = ex;
            updates.push({ before });
          }
        }
        const audits: AuditEntry[] = [];
        const inserted = await ledgerRepo.insertMembers(trx, inserts);
        for (const row of inserted) {
          counters.change(memberCounters, null, { orgPath: row.orgPath, row });
          audits.push({
            action: 'create',
            entity: 'member',
            entityId: row.id,
            orgPath: row.orgPath,
            after: toMemberAuditSnapshot(row),
          });
        }
        created += inserted.length;
        const afterRows = new Map(
          (
            await ledgerRepo.findMembersByIds(
              trx,
              updates.map((u) => u.before.id),
            )
          ).map((m) => [m.id, m]),
        );
        for (const { before } of updates) {
          const after = afterRows.get(before.id)!;
          counters.change(
            memberCounters,
            { orgPath: before.orgPath, row: before },
            { orgPath: after.orgPath, row: after },
          );
          audits.push({
            action: 'update',
            entity: 'member',
            entityId: before.id,
            orgPath: before.orgPath,
            before: toMemberAuditSnapshot(before),
            after: toMemberAuditSnapshot(after),
          });
        }
        updated += updates.length;
        await recordAuditBatch(trx, actor, audits);
      }
      const counts = { created, updated, unchanged };
      return finishImportWrite(trx, actor, { entity: 'member', scope, fileName, counters, counts });
    },
  };
}

/** What a re-import compares: the columns a row sets, but the ID number (the match) and the initials (derived). */
function comparedFields(r: MemberRecord) {
  return {
    name: r.name,
    gender: r.gender,
    ethnicity: r.ethnicity,
    birthDate: r.birthDate,
    education: r.education,
    occupation: r.occupation,
    joinedOn: r.joinedOn,
    fullOn: r.fullOn,
    status: r.status,
    phone: r.phone,
    address: r.address,
    ...flagColumnsOf(r.flags),
  };
}

function memberFields(r: MemberRecord) {
  return {
    ...comparedFields(r),
    idNumber: r.idNumber,
    nameInitials: pinyinInitials(r.name, { personName: true }),
  };
}

/** Starts a member import (members:write); see startLedgerImport. */
export function startMemberImport(
  ctx: AppContext,
  actor: Actor,
  receive: () => Promise<ReceivedUpload>,
  log: FastifyBaseLogger,
): Promise<JobDto> {
  return startLedgerImport(ctx, actor, {
    kind: MEMBER_IMPORT_JOB,
    permission: 'members:write',
    receive,
    log,
    ledger: (scope, fileName) => memberLedgerImport(ctx, actor, scope, fileName),
  });
}

// ---- export

const EXPORT_BATCH = 1000;

export type MemberExportQuery = Omit<TMemberListQuery, 'page' | 'pageSize' | 'cursor'> & {
  columns?: string | undefined;
};

function exportCell(key: MemberExportColumn, m: ReturnType<typeof toMemberDto>): string {
  switch (key) {
    case 'gender':
      return GENDER_LABELS[m.gender];
    case 'education':
      return EDUCATION_LABELS[m.education];
    case 'occupation':
      return OCCUPATION_LABELS[m.occupation];
    case 'status':
      return MEMBER_STATUS_LABELS[m.status];
    case 'flags':
      return [...(m.pendingTransferId ? ['转接中'] : []), ...m.flags.map((f) => MEMBER_FLAG_LABELS[f])].join('、');
    default:
      return m[key] ?? '';
  }
}

/**
 * The member list as filtered on screen (the same filters, sort and scope as GET /api/members), every page of it,
 * in keyset batches; the chosen columns; ID number and phone masked as in the list.
 */
export async function prepareMemberExport(ctx: AppContext, actor: Actor, query: MemberExportQuery) {
  let scope = scopeOf(actor, 'members:read');
  const columns = (query.columns ? query.columns.split(',').map((c) => c.trim()) : MEMBER_EXPORT_KEYS).filter(Boolean);
  const unknown = columns.filter((c) => !(c in MEMBER_EXPORT_COLUMNS));
  if (unknown.length > 0 || columns.length === 0) {
    throw validationFailed({ columns: `导出列无效：${unknown.join('、') || '未选择任何列'}` });
  }
  const keys = [...new Set(columns)] as MemberExportColumn[];
  let org: { id: number; name: string; path: string } | null = null;
  let subtreeOrgId: number | null = null;
  if (query.orgId !== undefined) {
    org = await getOrgInScope(ctx, actor, 'orgs:read', query.orgId);
    scope = narrowScope(scope, org.path);
    if (scope.length === 1 && scope[0]!.includeSubtree && scope[0]!.path === org.path) subtreeOrgId = org.id;
  } else if (scope.length === 1 && scope[0]!.includeSubtree) {
    subtreeOrgId = actor.grants.find((g) => g.orgPath === scope[0]!.path)?.orgId ?? null;
  }
  const { orgId, sort, columns: _columns, ...filter } = query;
  // The index strategy of the list: a large subtree in name order reads the name index (DESIGN.md "Data").
  let nameFirst = false;
  if (subtreeOrgId !== null && (sort === 'name' || sort === '-name') && !filter.q) {
    const size = await readCounters(ctx.db, [subtreeOrgId], 'member');
    nameFirst = Number(size.find((c) => c.dimension === 'member')?.count ?? 0) > NAME_FIRST_THRESHOLD;
  }
  const fileName = `党员台账-${org?.name ?? actor.grants[0]?.orgName ?? '全部'}-${fileDate()}.xlsx`;
  let rows = 0;

  const produce = async (out: WorkbookStream) => {
    const ws = out.workbook.addWorksheet('党员信息', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = keys.map((k) => ({
      header: MEMBER_EXPORT_COLUMNS[k],
      width: k === 'orgName' || k === 'address' ? 30 : k === 'idNumberMasked' || k === 'occupation' ? 22 : 13,
    }));
    styleHeaderRow(ws.getRow(1));
    ws.getRow(1).commit();
    if (scope.length === 0) {
      ws.commit();
      return;
    }
    const where = whereInScope(scope, 'm.orgPath', { useIndex: !nameFirst });
    let after: { value: string | number; id: number } | null = null;
    for (;;) {
      const { items, sortKey } = await repo.findMembers(ctx.db, where, filter, today(), {
        sort,
        page: 1,
        pageSize: EXPORT_BATCH,
        after,
        knownTotal: 0,
      });
      for (const row of items) {
        const m = toMemberDto(row);
        ws.addRow(keys.map((k) => exportCell(k, m))).commit();
      }
      rows += items.length;
      const last = items.at(-1);
      if (!last || items.length < EXPORT_BATCH || out.aborted) break;
      after = { value: last[sortKey], id: last.id };
      await out.drain(ws);
    }
    ws.commit();
  };

  const audit = async (completed: boolean) => {
    await ctx.db.transaction().execute((trx) =>
      recordAudit(trx, actor, {
        action: 'export',
        entity: 'member',
        entityId: null,
        orgPath: org?.path ?? scope[0]?.path ?? null,
        after: { filters: { orgId: orgId ?? null, ...filter }, sort, columns: keys, rows, completed },
      }),
    );
  };
  return { fileName, produce, audit };
}
