// 清单导出: a list's tree (task → measure → one row per assignment) and the assignment list under the page's
// filters, as .xlsx. Both read through the list and assignment services, so scope and filters are theirs; the
// first read happens before the reply starts (a list or org out of scope is a 404, not a broken file).
import type { TAssignmentQuery } from '@grassroots/domain';
import type ExcelJS from 'exceljs';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { fileDate, styleHeaderRow, type WorkbookStream } from '../../platform/excel.js';
import type { AssignmentDto } from './tasks.mapper.js';
import { findTaskListById } from './tasks.repo.js';
import { getTaskList, listAssignments } from './tasks.service.js';

const ASSIGNMENT_COLUMNS = [
  { header: '重点任务', width: 30 },
  { header: '推进措施', width: 40 },
  { header: '完成时限', width: 12 },
  { header: '责任单位', width: 28 },
  { header: '责任人', width: 12 },
  { header: '状态', width: 10 },
  { header: '是否逾期', width: 10 },
  { header: '逾期天数', width: 10 },
  { header: '完成进度(%)', width: 12 },
  { header: '阶段性进展', width: 24 },
  { header: '最近进展', width: 40 },
] as const;

function assignmentCells(a: AssignmentDto, measureTitle: string, taskTitle: string) {
  return [
    taskTitle,
    measureTitle,
    a.deadline,
    a.orgName,
    a.responsiblePerson ?? '',
    a.statusLabel,
    a.overdue ? '是' : '否',
    a.daysOverdue || '',
    a.percent,
    a.milestone ?? '',
    a.lastNote ?? '',
  ];
}

function startSheet(out: WorkbookStream, name: string, first: ReadonlyArray<{ header: string; width: number }>) {
  const ws = out.workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [...first, ...ASSIGNMENT_COLUMNS].map((c) => ({ header: c.header, width: c.width }));
  styleHeaderRow(ws.getRow(1));
  ws.getRow(1).commit();
  return ws;
}

function auditExport(ctx: AppContext, actor: Actor, entity: string, entityId: number | null, orgPath: string | null) {
  return (after: object) =>
    ctx.db
      .transaction()
      .execute((trx) => recordAudit(trx, actor, { action: 'export', entity, entityId, orgPath, after }));
}

/** One row per assignment the actor may see, in task and measure order; a measure not yet assigned has one row. */
export async function prepareTaskListExport(ctx: AppContext, actor: Actor, id: number) {
  const list = await getTaskList(ctx, actor, id);
  let rows = 0;
  const produce = async (out: WorkbookStream) => {
    const ws = startSheet(out, '任务清单', [{ header: '序号', width: 8 }]);
    list.tasks.forEach((t, ti) => {
      for (const m of t.measures) {
        const seq = `${ti + 1}.${m.seq}`;
        if (m.assignments.length === 0) ws.addRow([seq, t.title, m.title, m.deadline]).commit();
        for (const a of m.assignments) ws.addRow([seq, ...assignmentCells(a, m.title, t.title)]).commit();
        rows += Math.max(1, m.assignments.length);
      }
    });
    ws.commit();
  };
  const issuer = await findTaskListById(ctx.db, id);
  const audit = auditExport(ctx, actor, 'task_list', list.id, issuer?.orgPath ?? null);
  return {
    fileName: `${list.title}-${fileDate()}.xlsx`,
    produce,
    audit: (completed: boolean) => audit({ rows, completed }),
  };
}

const PAGE = 200;

/** The assignments under the list page's filters and sort, every page of them. */
export async function prepareAssignmentExport(
  ctx: AppContext,
  actor: Actor,
  q: Omit<TAssignmentQuery, 'page' | 'pageSize'>,
) {
  const first = await listAssignments(ctx, actor, { ...q, page: 1, pageSize: PAGE });
  let rows = 0;
  const produce = async (out: WorkbookStream) => {
    const ws: ExcelJS.Worksheet = startSheet(out, '任务', [{ header: '所属清单', width: 30 }]);
    let page = first;
    for (let n = 1; ; ) {
      for (const a of page.items) ws.addRow([a.listTitle, ...assignmentCells(a, a.measureTitle, a.taskTitle)]).commit();
      rows += page.items.length;
      await out.drain(ws);
      if (out.aborted || n * PAGE >= page.total) break;
      n++;
      page = await listAssignments(ctx, actor, { ...q, page: n, pageSize: PAGE });
    }
    ws.commit();
  };
  const audit = auditExport(ctx, actor, 'task_assignment', null, null);
  return {
    fileName: `任务-${fileDate()}.xlsx`,
    produce,
    audit: (completed: boolean) => audit({ rows, filter: q, completed }),
  };
}
