// 清单导出: a list's tree (task → measure → one row per assignment) and the assignment list under the page's
// filters, as .xlsx. Both read through the list and assignment services, so scope and filters are theirs; the
// first read happens before the reply starts (a list or org out of scope is a 404, not a broken file).
import type { TAssignmentQuery } from '@grassroots/domain';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { fileDate, styleHeaderRow, type WorkbookStream } from '../../platform/excel.js';
import { type ExportColumn, preparePagedExport } from '../../platform/list-export.js';
import type { AssignmentDto } from './tasks.mapper.js';
import { findTaskListById } from './tasks.repo.js';
import { getTaskList, listAssignments } from './tasks.service.js';

const ASSIGNMENT_COLUMNS: ReadonlyArray<ExportColumn<AssignmentDto>> = [
  { header: '重点任务', width: 30, cell: (a) => a.taskTitle },
  { header: '推进措施', width: 40, cell: (a) => a.measureTitle },
  { header: '完成时限', width: 12, cell: (a) => a.deadline },
  { header: '责任单位', width: 28, cell: (a) => a.orgName },
  { header: '责任人', width: 12, cell: (a) => a.responsiblePerson ?? '' },
  { header: '状态', width: 10, cell: (a) => a.statusLabel },
  { header: '是否逾期', width: 10, cell: (a) => (a.overdue ? '是' : '否') },
  { header: '逾期天数', width: 10, cell: (a) => a.daysOverdue || '' },
  { header: '完成进度(%)', width: 12, cell: (a) => a.percent },
  { header: '阶段性进展', width: 24, cell: (a) => a.milestone ?? '' },
  { header: '最近进展', width: 40, cell: (a) => a.lastNote ?? '' },
];

/** One row per assignment the actor may see, in task and measure order; a measure not yet assigned has one row. */
export async function prepareTaskListExport(ctx: AppContext, actor: Actor, id: number) {
  const list = await getTaskList(ctx, actor, id);
  let rows = 0;
  const produce = async (out: WorkbookStream) => {
    const ws = out.workbook.addWorksheet('任务清单', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [{ header: '序号', width: 8 }, ...ASSIGNMENT_COLUMNS].map((c) => ({
      header: c.header,
      width: c.width,
    }));
    styleHeaderRow(ws.getRow(1));
    ws.getRow(1).commit();
    list.tasks.forEach((t, ti) => {
      for (const m of t.measures) {
        const seq = `${ti + 1}.${m.seq}`;
        if (m.assignments.length === 0) ws.addRow([seq, t.title, m.title, m.deadline]).commit();
        for (const a of m.assignments) ws.addRow([seq, ...ASSIGNMENT_COLUMNS.map((c) => c.cell(a))]).commit();
        rows += Math.max(1, m.assignments.length);
      }
    });
    ws.commit();
  };
  const issuer = await findTaskListById(ctx.db, id);
  return {
    fileName: `${list.title}-${fileDate()}.xlsx`,
    produce,
    audit: (completed: boolean) =>
      ctx.db.transaction().execute((trx) =>
        recordAudit(trx, actor, {
          action: 'export',
          entity: 'task_list',
          entityId: list.id,
          orgPath: issuer?.orgPath ?? null,
          after: { rows, completed },
        }),
      ),
  };
}

/** The assignments under the list page's filters and sort, every page of them. */
export function prepareAssignmentExport(ctx: AppContext, actor: Actor, q: Omit<TAssignmentQuery, 'page' | 'pageSize'>) {
  return preparePagedExport(ctx, actor, {
    q,
    list: (p) => listAssignments(ctx, actor, p),
    sheet: '任务',
    columns: [{ header: '所属清单', width: 30, cell: (a) => a.listTitle }, ...ASSIGNMENT_COLUMNS],
    entity: 'task_assignment',
  });
}
