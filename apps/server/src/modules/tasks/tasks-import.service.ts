// A whole 重点任务清单 from Excel: one row per measure (task / measure / how / deadline / units / person), rows of the
// same key task grouped under it in order of first appearance; units matched by org name, short name or code among
// the open orgs below the issuer. Runs on the shared two-pass ledger import: every unmatched unit is reported with
// its row and column, and nothing is written unless every row is right.
import { AppError, isValidIsoDate, type TTaskListImportQuery } from '@grassroots/domain';
import type { FastifyBaseLogger } from 'fastify';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { buildTemplate, cellDate, cellText, type LedgerColumn, type RowError } from '../../platform/excel.js';
import { type LedgerImport, startLedgerImport } from '../../platform/excel-import.js';
import type { JobDto } from '../../platform/jobs.js';
import { scopeOf } from '../../platform/scope.js';
import type { ReceivedUpload } from '../../platform/uploads.js';
import { getOrgInScope } from '../orgs/orgs.service.js';
import * as repo from './tasks.repo.js';
import { writeAssignments } from './tasks.service.js';

export const TASK_LIST_IMPORT_JOB = 'import.task_list';

const COLUMNS = {
  task: { header: '重点任务', required: true, note: '同一重点任务的各条措施，本列填写相同的内容', width: 30 },
  title: { header: '推进措施', required: true, note: '做什么（定任务）', width: 40 },
  method: { header: '具体举措', required: false, note: '怎么做（定措施）', width: 40 },
  deadline: {
    header: '完成时限',
    required: true,
    note: '日期，如 2026-06-30（定时限）',
    text: true,
    example: '2026-06-30',
    width: 14,
  },
  units: {
    header: '责任单位',
    required: true,
    note: '组织名称或组织代码，多个单位用顿号“、”分隔；须是下达单位的下级组织（定单位）',
    width: 40,
  },
  person: { header: '责任人', required: false, note: '姓名', width: 12 },
} as const satisfies Record<string, LedgerColumn>;
type Key = keyof typeof COLUMNS;
const TASK_LIST_COLUMNS: readonly LedgerColumn[] = Object.values(COLUMNS);
const NOTES = [
  '每行一条推进措施；同一重点任务的措施，“重点任务”列填写相同的内容。',
  '责任单位可填组织名称、简称或组织代码，多个单位用顿号分隔；每个责任单位单独跟踪进展。',
  '清单名称、年度、领域和下达单位在导入页面选择，不在表格中填写。',
  '任何一行有错误时不导入任何数据；错误会标明行号和列名。',
];

export function taskListTemplate(_ctx: AppContext, actor: Actor): Promise<Buffer> {
  scopeOf(actor, 'tasks:write');
  return buildTemplate({ sheetName: '重点任务清单', columns: TASK_LIST_COLUMNS, notes: NOTES });
}

interface MeasureRecord {
  row: number;
  task: string;
  title: string;
  method: string | null;
  deadline: string;
  person: string | null;
  orgs: Array<{ id: number; path: string }>;
}

const H = (k: Key) => COLUMNS[k].header;
const splitUnits = (s: string) =>
  s
    .split(/[、,，;；\n]+/)
    .map((t) => t.trim())
    .filter(Boolean);

function taskListImport(
  ctx: AppContext,
  actor: Actor,
  issuer: { id: number; path: string },
  list: TTaskListImportQuery,
  fileName: string,
): LedgerImport<MeasureRecord> {
  return {
    columns: TASK_LIST_COLUMNS,

    async validate(rows) {
      const tokens = new Set<string>();
      for (const r of rows) for (const t of splitUnits(cellText(r.cells[H('units')] ?? null))) tokens.add(t);
      const found = await repo.findOrgsByNameOrCode(ctx.db, issuer.path, [...tokens]);
      const matches = (t: string) => {
        const byCode = found.filter((o) => o.code === t);
        return byCode.length > 0 ? byCode : found.filter((o) => o.name === t || o.shortName === t);
      };
      return rows.map((r) => {
        const errors: RowError[] = [];
        const fail = (k: Key, reason: string) => errors.push({ row: r.row, column: H(k), reason });
        const text = (k: Key) => cellText(r.cells[H(k)] ?? null);
        const task = text('task');
        const title = text('title');
        if (!task) fail('task', '请填写重点任务');
        else if (task.length > 200) fail('task', '重点任务不能超过200个字');
        if (!title) fail('title', '请填写推进措施');
        else if (title.length > 500) fail('title', '推进措施不能超过500个字');
        const deadline = cellDate(r.cells[H('deadline')] ?? null);
        if (!deadline) fail('deadline', '请填写完成时限');
        else if (!isValidIsoDate(deadline)) fail('deadline', `“${deadline}”不是有效日期（如 2026-06-30）`);
        const unitTexts = splitUnits(text('units'));
        const orgs: Array<{ id: number; path: string }> = [];
        if (unitTexts.length === 0) fail('units', '请填写责任单位');
        const unmatched: string[] = [];
        for (const t of unitTexts) {
          const m = matches(t);
          if (m.length === 0) unmatched.push(t);
          else if (m.length > 1) fail('units', `“${t}”对应多个组织，请改填组织代码`);
          else if (!orgs.some((o) => o.id === m[0]!.id)) orgs.push({ id: m[0]!.id, path: m[0]!.path });
        }
        if (unmatched.length > 0) {
          fail('units', `未找到责任单位：${unmatched.join('、')}（须是下达单位的下级组织，填写名称或组织代码）`);
        }
        if (errors.length > 0) return errors;
        return {
          row: r.row,
          task,
          title,
          method: text('method') || null,
          deadline,
          person: text('person') || null,
          orgs,
        };
      });
    },

    async write(trx, chunks) {
      const now = nowIso();
      const listId = await repo.insertTaskList(trx, {
        orgId: issuer.id,
        orgPath: issuer.path,
        year: list.year,
        sector: list.sector,
        title: list.title,
        description: null,
        createdAt: now,
        updatedAt: now,
      });
      const taskIds = new Map<string, number>();
      let measures = 0;
      let assignments = 0;
      for await (const chunk of chunks) {
        for (const r of chunk) {
          let taskId = taskIds.get(r.task);
          if (taskId === undefined) {
            taskId = await repo.insertTask(trx, {
              listId,
              seq: taskIds.size + 1,
              title: r.task,
              createdAt: now,
              updatedAt: now,
            });
            taskIds.set(r.task, taskId);
          }
          measures++;
          const measure = {
            listId,
            taskId,
            title: r.title,
            method: r.method,
            deadline: r.deadline,
            responsiblePerson: r.person,
          };
          const measureId = await repo.insertMeasure(trx, {
            ...measure,
            seq: measures,
            createdAt: now,
            updatedAt: now,
          });
          assignments += await writeAssignments(trx, actor, { ...measure, measureId }, r.orgs, now);
        }
      }
      await recordAudit(trx, actor, {
        action: 'import',
        entity: 'task_list',
        entityId: listId,
        orgPath: issuer.path,
        after: { fileName, ...list, tasks: taskIds.size, measures, assignments },
      });
      return { created: measures, updated: 0, unchanged: 0 };
    },
  };
}

/** Checks the issuer (tasks:write over it) before the upload is read, then runs the import as a job. */
export async function startTaskListImport(
  ctx: AppContext,
  actor: Actor,
  list: TTaskListImportQuery,
  receive: () => Promise<ReceivedUpload>,
  log: FastifyBaseLogger,
): Promise<JobDto> {
  const issuer = await getOrgInScope(ctx, actor, 'tasks:write', list.orgId);
  if (issuer.closedAt !== null) throw new AppError('ORG_CLOSED', '下达单位已撤销，不能下达清单');
  return startLedgerImport(ctx, actor, {
    kind: TASK_LIST_IMPORT_JOB,
    permission: 'tasks:write',
    receive,
    log,
    ledger: (_scope, fileName) => taskListImport(ctx, actor, issuer, list, fileName),
  });
}
