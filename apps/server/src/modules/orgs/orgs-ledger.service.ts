// 组织台账: the import template; the import as a job (every row checked first, then all rows written in one
// transaction, matched on the org code, so that importing the same file again changes nothing); the export of a
// subtree with its member counts, streamed.
import {
  AppError,
  ORG_KIND_LABELS,
  type OrgKind,
  pinyinInitials,
  SECTOR_LABELS,
  type Sector,
  ZOrgCreate,
} from '@grassroots/domain';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { type AuditEntry, recordAudit } from '../../platform/audit.js';
import { recordAuditBatch } from '../../platform/audit-batch.js';
import { nowIso, today } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { counterBatch } from '../../platform/counter-batch.js';
import { readCounters } from '../../platform/counters.js';
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
import { hasPermission, isPathInScope, type Scope, scopeOf, whereInScope } from '../../platform/scope.js';
import type { ReceivedUpload } from '../../platform/uploads.js';
import * as members from '../members/members.service.js';
import { orgCounters } from './orgs.counters.js';
import { committeeOf, toOrgAuditSnapshot } from './orgs.mapper.js';
import * as repo from './orgs.repo.js';
import { getOrgInScope } from './orgs.service.js';
import type { OrgRow } from './orgs.table.js';
import {
  ORG_COLUMNS,
  ORG_EXPORT_COUNT_HEADERS,
  ORG_IMPORT_COLUMNS,
  ORG_KIND_BY_LABEL,
  ORG_TEMPLATE_NOTES,
  type OrgColumnKey,
  SECTOR_BY_LABEL,
} from './orgs-ledger.columns.js';
import * as ledgerRepo from './orgs-ledger.repo.js';

export const ORG_IMPORT_JOB = 'import.orgs';

/** The import template, for those who may write orgs. */
export function orgTemplate(_ctx: AppContext, actor: Actor): Promise<Buffer> {
  scopeOf(actor, 'orgs:write');
  return buildTemplate({ sheetName: '组织信息', columns: ORG_IMPORT_COLUMNS, notes: ORG_TEMPLATE_NOTES });
}

/** Orgs by code for other modules' imports (members name their org by its code): id, path, state. */
export async function findOrgsByCodes(db: Db, codes: readonly string[]) {
  const rows = await ledgerRepo.findOrgsByCodes(db, codes);
  return rows.map((o) => ({ id: o.id, code: o.code, name: o.name, path: o.path, closedAt: o.closedAt }));
}

/** Orgs by id (current path and state), for other modules' imports to re-check inside their write transaction. */
export function findOrgsByIds(db: Db, ids: readonly number[]) {
  return ledgerRepo.findOrgsByIds(db, ids);
}

// ---- import

/** One valid row of the org ledger, normalised (what the write pass reads back). */
interface OrgRecord {
  row: number;
  code: string;
  parentCode: string;
  name: string;
  shortName: string | null;
  kind: OrgKind;
  sector: Sector;
  secretaryName: string | null;
  committee: string[];
  foundedOn: string | null;
  termStart: string | null;
  termYears: number | null;
  contactPhone: string | null;
  address: string | null;
}

const H = (k: OrgColumnKey) => ORG_COLUMNS[k].header;
const orNull = (s: string) => (s === '' ? null : s);
const FIELD_COLUMN: Record<string, OrgColumnKey> = {
  name: 'name',
  shortName: 'shortName',
  kind: 'kind',
  sector: 'sector',
  code: 'code',
  secretaryName: 'secretaryName',
  committee: 'committee',
  foundedOn: 'foundedOn',
  termStart: 'termStart',
  termYears: 'termYears',
  contactPhone: 'contactPhone',
  address: 'address',
};

/** A row's own checks (no database): the domain schema on the values read from their Chinese labels. */
function parseOrgRow(r: ImportRow): { record: OrgRecord | null; errors: RowError[] } {
  const { errors, fail, cell, text, failIssues } = rowReader(r, H);

  const kindLabel = text('kind');
  const kind = ORG_KIND_BY_LABEL.get(kindLabel);
  if (!kind)
    fail(
      'kind',
      kindLabel ? `“${kindLabel}”不是有效的组织类别，应为：${ORG_COLUMNS.kind.options.join('、')}` : '请填写组织类别',
    );
  const sectorLabel = text('sector');
  const sector = SECTOR_BY_LABEL.get(sectorLabel);
  if (!sector)
    fail(
      'sector',
      sectorLabel
        ? `“${sectorLabel}”不是有效的所属领域，应为：${ORG_COLUMNS.sector.options.join('、')}`
        : '请填写所属领域',
    );
  const termText = text('termYears').replace(/年$/, '');
  const termYears = termText === '' ? null : /^\d+$/.test(termText) ? Number(termText) : termText;
  const committee = text('committee')
    .split(/[、,，;；\s]+/)
    .filter(Boolean);
  const parentCode = text('parentCode');
  if (!parentCode) fail('parentCode', '请填写上级组织代码');

  const input = {
    parentId: 1,
    name: text('name'),
    shortName: orNull(text('shortName')),
    kind: kind ?? 'branch',
    sector: sector ?? 'rural',
    code: text('code'),
    secretaryName: orNull(text('secretaryName')),
    committee,
    foundedOn: orNull(cellDate(cell('foundedOn'))),
    termStart: orNull(cellDate(cell('termStart'))),
    termYears,
    contactPhone: orNull(text('contactPhone')),
    address: orNull(text('address')),
  };
  const parsed = ZOrgCreate.safeParse(input);
  if (!parsed.success) {
    failIssues(parsed.error.issues, FIELD_COLUMN);
  }
  if (parentCode && parentCode === input.code) fail('parentCode', '上级组织不能是本组织');
  if (errors.length > 0 || !parsed.success || !kind || !sector) return { record: null, errors };
  const v = parsed.data;
  return {
    errors,
    record: {
      row: r.row,
      code: v.code,
      parentCode,
      name: v.name,
      shortName: v.shortName ?? null,
      kind,
      sector,
      secretaryName: v.secretaryName ?? null,
      committee: v.committee ?? [],
      foundedOn: v.foundedOn ?? null,
      termStart: v.termStart ?? null,
      termYears: v.termYears ?? null,
      contactPhone: v.contactPhone ?? null,
      address: v.address ?? null,
    },
  };
}

const NOT_FOUND_PARENT = '上级组织代码不存在或不在您的管辖范围内（新建的上级组织须排在本行之前）';

function orgLedgerImport(ctx: AppContext, actor: Actor, scope: Scope, fileName: string): LedgerImport<OrgRecord> {
  /** Codes seen so far in the file: their row, whether the row was valid, the kind it gives the org. */
  const inFile = new Map<string, { row: number; valid: boolean; kind: OrgKind | null }>();

  return {
    columns: ORG_IMPORT_COLUMNS,

    async validate(rows) {
      const parsed = rows.map(parseOrgRow);
      const lookups = new Set<string>();
      rows.forEach((r, i) => {
        const rec = parsed[i]!.record;
        const code = rec?.code ?? cellText(r.cells[H('code')] ?? null);
        if (code) lookups.add(code);
        if (rec?.parentCode && !inFile.has(rec.parentCode)) lookups.add(rec.parentCode);
      });
      const inDb = new Map((await ledgerRepo.findOrgsByCodes(ctx.db, [...lookups])).map((o) => [o.code, o]));

      return rows.map((r, i) => {
        const { record, errors } = parsed[i]!;
        const code = record?.code ?? cellText(r.cells[H('code')] ?? null);
        const err = (key: OrgColumnKey, reason: string) => errors.push({ row: r.row, column: H(key), reason });
        const earlier = code ? inFile.get(code) : undefined;
        if (earlier) err('code', `与第${earlier.row}行的组织代码重复`);
        if (record && !earlier) {
          const existing = inDb.get(record.code);
          if (existing) {
            if (!isPathInScope(scope, existing.path)) err('code', '该组织代码已被您管辖范围以外的组织使用');
            else if (existing.closedAt !== null) err('code', '该组织已撤销，不能修改');
            else if ((existing.parentCode ?? '') !== record.parentCode) {
              err(
                'parentCode',
                `与系统中该组织的上级（${existing.parentCode ?? '无'}）不一致；调整隶属关系请在“组织概况”中操作`,
              );
            }
          } else {
            const fileParent = inFile.get(record.parentCode);
            const dbParent = inDb.get(record.parentCode);
            if (fileParent) {
              if (!fileParent.valid) err('parentCode', `上级组织（第${fileParent.row}行）有错误，请先改正该行`);
              else if (fileParent.kind === 'group') err('parentCode', '党小组下不能再设组织');
            } else if (!dbParent || !isPathInScope(scope, dbParent.path)) {
              err('parentCode', NOT_FOUND_PARENT);
            } else if (dbParent.closedAt !== null) err('parentCode', '上级组织已撤销，不能在其下设立组织');
            else if (dbParent.kind === 'group') err('parentCode', '党小组下不能再设组织');
          }
        }
        if (code && !earlier) inFile.set(code, { row: r.row, valid: errors.length === 0, kind: record?.kind ?? null });
        return errors.length > 0 || !record ? errors : record;
      });
    },

    async write(trx, chunks) {
      const counters = counterBatch(today());
      const resolved = new Map<string, Pick<OrgRow, 'id' | 'path' | 'depth' | 'kind' | 'closedAt'>>();
      let created = 0;
      let updated = 0;
      let unchanged = 0;
      const changedMeanwhile = () =>
        new AppError('STALE_VERSION', '导入期间组织数据已被他人修改，未导入任何数据，请重新导入');
      for await (const chunk of chunks) {
        const codes = new Set<string>();
        for (const r of chunk) {
          codes.add(r.code);
          if (!resolved.has(r.parentCode)) codes.add(r.parentCode);
        }
        const inDb = new Map((await ledgerRepo.findOrgsByCodes(trx, [...codes])).map((o) => [o.code, o]));
        const audits: AuditEntry[] = [];
        for (const r of chunk) {
          const parentFromFile = resolved.get(r.parentCode);
          const parent = parentFromFile ?? inDb.get(r.parentCode);
          const existing = inDb.get(r.code);
          if (existing) {
            if (existing.closedAt !== null || !isPathInScope(scope, existing.path)) throw changedMeanwhile();
            if ((parent?.id ?? null) !== existing.parentId) throw changedMeanwhile();
            resolved.set(r.code, { ...existing, kind: r.kind });
            if (holdsValues({ ...existing, committee: JSON.stringify(committeeOf(existing)) }, comparedFields(r))) {
              unchanged++;
              continue;
            }
            const ok = await repo.updateOrgVersioned(trx, existing.id, existing.version, {
              ...orgFields(r),
              updatedAt: nowIso(),
            });
            if (!ok) throw changedMeanwhile();
            const after = (await repo.findOrgByIdUnscoped(trx, existing.id))!;
            counters.change(
              orgCounters,
              { orgPath: existing.path, row: existing },
              { orgPath: after.path, row: after },
            );
            audits.push({
              action: 'update',
              entity: 'org',
              entityId: existing.id,
              orgPath: existing.path,
              before: toOrgAuditSnapshot(existing),
              after: toOrgAuditSnapshot(after),
            });
            updated++;
          } else {
            if (!parent || parent.closedAt !== null || parent.kind === 'group') throw changedMeanwhile();
            if (!parentFromFile && !isPathInScope(scope, parent.path)) throw changedMeanwhile();
            const now = nowIso();
            const id = await repo.insertOrg(trx, {
              parentId: parent.id,
              path: `${parent.path}new-${r.code}/`,
              depth: parent.depth + 1,
              ...orgFields(r),
              closedAt: null,
              closedReason: null,
              createdAt: now,
              updatedAt: now,
            });
            const path = `${parent.path}${id}/`;
            await ledgerRepo.setOrgPath(trx, id, path);
            const row = (await repo.findOrgByIdUnscoped(trx, id))!;
            resolved.set(r.code, row);
            counters.change(orgCounters, null, { orgPath: path, row });
            audits.push({
              action: 'create',
              entity: 'org',
              entityId: id,
              orgPath: path,
              after: toOrgAuditSnapshot(row),
            });
            created++;
          }
        }
        await recordAuditBatch(trx, actor, audits);
      }
      const counts = { created, updated, unchanged };
      return finishImportWrite(trx, actor, { entity: 'org', scope, fileName, counters, counts });
    },
  };
}

/** What a re-import compares: the columns a row sets, but the code (the match) and the initials (derived). */
function comparedFields(r: OrgRecord) {
  return {
    name: r.name,
    shortName: r.shortName,
    kind: r.kind,
    sector: r.sector,
    secretaryName: r.secretaryName,
    committee: JSON.stringify(r.committee),
    foundedOn: r.foundedOn,
    termStart: r.termStart,
    termYears: r.termYears,
    contactPhone: r.contactPhone,
    address: r.address,
  };
}

function orgFields(r: OrgRecord) {
  return { ...comparedFields(r), code: r.code, nameInitials: pinyinInitials(r.name) };
}

/** Starts an org import (orgs:write); see startLedgerImport. */
export function startOrgImport(
  ctx: AppContext,
  actor: Actor,
  receive: () => Promise<ReceivedUpload>,
  log: FastifyBaseLogger,
): Promise<JobDto> {
  return startLedgerImport(ctx, actor, {
    kind: ORG_IMPORT_JOB,
    permission: 'orgs:write',
    receive,
    log,
    ledger: (scope, fileName) => orgLedgerImport(ctx, actor, scope, fileName),
  });
}

// ---- export

const EXPORT_BATCH = 1000;

/**
 * The subtree of an org as a ledger (open orgs, or all with `includeClosed`), in tree order, with member counts of
 * each org's subtree; the columns are the import's, so an exported file can be edited and imported back.
 */
export async function prepareOrgExport(ctx: AppContext, actor: Actor, id: number, includeClosed: boolean) {
  const org = await getOrgInScope(ctx, actor, 'orgs:read', id);
  const readScope = scopeOf(actor, 'orgs:read');
  const memberScope = hasPermission(actor, 'members:read') ? scopeOf(actor, 'members:read') : null;
  const wholeSubtree = memberScope?.some((a) => a.includeSubtree && org.path.startsWith(a.path)) ?? false;
  // A user who may read only part of the members below gets counts of that part, counted from the records.
  let partialCounts: Map<string, { total: number; full: number }> | null = null;
  if (memberScope && !wholeSubtree) {
    partialCounts = new Map();
    for (const r of await members.countByOrgPath(ctx.db, org.path)) {
      if (!isPathInScope(memberScope, r.orgPath)) continue;
      const ids = r.orgPath.split('/').filter(Boolean);
      for (let i = 0; i < ids.length; i++) {
        const p = `/${ids.slice(0, i + 1).join('/')}/`;
        const c = partialCounts.get(p) ?? { total: 0, full: 0 };
        c.total += Number(r.n);
        if (r.status === 'full') c.full += Number(r.n);
        partialCounts.set(p, c);
      }
    }
  }
  const fileName = `组织台账-${org.name}-${fileDate()}.xlsx`;
  let rows = 0;

  const produce = async (out: WorkbookStream) => {
    const ws = out.workbook.addWorksheet('组织信息', { views: [{ state: 'frozen', ySplit: 1 }] });
    const keys = Object.keys(ORG_COLUMNS) as OrgColumnKey[];
    ws.columns = [
      ...keys.map((k) => ({ header: ORG_COLUMNS[k].header, width: ORG_COLUMNS[k].width ?? 14 })),
      ...ORG_EXPORT_COUNT_HEADERS.map((h) => ({ header: h, width: 18 })),
    ];
    styleHeaderRow(ws.getRow(1));
    ws.getRow(1).commit();
    let after: string | null = null;
    for (;;) {
      const batch = await ledgerRepo.findSubtreePage(
        ctx.db,
        whereInScope(readScope, 'o.path'),
        org.path,
        after,
        EXPORT_BATCH,
        includeClosed,
      );
      if (batch.length === 0 || out.aborted) break;
      const counts = new Map<number, { total: number; full: number }>();
      if (memberScope && wholeSubtree) {
        for (const c of await readCounters(
          ctx.db,
          batch.map((o) => o.id),
          'member',
        )) {
          const e = counts.get(Number(c.orgId)) ?? { total: 0, full: 0 };
          if (c.dimension === 'member') e.total = Number(c.count);
          if (c.dimension === 'member.status' && c.value === 'full') e.full = Number(c.count);
          counts.set(Number(c.orgId), e);
        }
      }
      for (const o of batch) {
        const c = memberScope ? (partialCounts?.get(o.path) ?? counts.get(o.id) ?? { total: 0, full: 0 }) : null;
        ws.addRow([
          o.name,
          o.code,
          o.parentCode ?? '',
          ORG_KIND_LABELS[o.kind],
          SECTOR_LABELS[o.sector],
          o.shortName ?? '',
          o.secretaryName ?? '',
          committeeOf(o).join('、'),
          o.foundedOn ?? '',
          o.termStart ?? '',
          o.termYears === null ? '' : String(o.termYears),
          o.contactPhone ?? '',
          o.address ?? '',
          c ? c.total : '',
          c ? c.full : '',
          c ? c.total - c.full : '',
          o.closedAt ? '已撤销' : '正常',
        ]).commit();
        rows++;
      }
      after = batch.at(-1)!.path;
      await out.drain(ws);
      if (batch.length < EXPORT_BATCH) break;
    }
    ws.commit();
  };

  const audit = async (completed: boolean) => {
    await ctx.db.transaction().execute((trx) =>
      recordAudit(trx, actor, {
        action: 'export',
        entity: 'org',
        entityId: org.id,
        orgPath: org.path,
        after: { rows, includeClosed, completed },
      }),
    );
  };
  return { fileName, produce, audit };
}
