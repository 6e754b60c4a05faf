// 走访记录 as .xlsx under the list page's filters, one row per visit with its problems raised and solved. Read
// through the list service, so scope and filters are its own; an org out of scope is a 404 before the file starts.
import type { TContactVisitQuery } from '@grassroots/domain';
import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { type ExportColumn, preparePagedExport } from '../../platform/list-export.js';
import type { ContactVisitDto } from './contact-points.mapper.js';
import { listVisits } from './contact-points.service.js';

const VISIT_COLUMNS: ReadonlyArray<ExportColumn<ContactVisitDto>> = [
  { header: '走访日期', width: 12, cell: (v) => v.visitedOn },
  { header: '联系领导', width: 12, cell: (v) => v.leaderName },
  { header: '职务', width: 16, cell: (v) => v.leaderPosition },
  { header: '联系点（党组织）', width: 30, cell: (v) => v.orgName },
  { header: '走访内容', width: 40, cell: (v) => v.content },
  { header: '提出问题(个)', width: 12, cell: (v) => v.raised },
  { header: '已解决(个)', width: 12, cell: (v) => v.solved },
  {
    header: '问题及解决情况',
    width: 60,
    cell: (v) =>
      v.problems
        .map((p) => `${p.text}（${p.solved ? `已解决${p.solvedOn ? ` ${p.solvedOn}` : ''}` : '未解决'}）`)
        .join('；'),
  },
];

export function prepareVisitExport(ctx: AppContext, actor: Actor, q: Omit<TContactVisitQuery, 'page' | 'pageSize'>) {
  return preparePagedExport(ctx, actor, {
    q,
    list: (p) => listVisits(ctx, actor, p),
    sheet: '走访记录',
    columns: VISIT_COLUMNS,
    entity: 'contact_visit',
  });
}
