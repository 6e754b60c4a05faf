// A list page as .xlsx: every page of the list service under the page's filters, one row per item, streamed through
// sendWorkbook, then one audit row (action 'export') with how many rows went out. The first page is read before the
// reply starts, so the list's own scope check answers (an org out of scope is a 404, not a broken file).
import type { Actor } from './actor.js';
import { recordAudit } from './audit.js';
import type { AppContext } from './context.js';
import { fileDate, styleHeaderRow, type WorkbookStream } from './excel.js';
import type { Page } from './paging.js';

const PAGE = 200;

export type ExportColumn<T> = { header: string; width: number; cell: (item: T) => string | number };

/** Every page of a list in its order, one row per item, then the audit row. */
export async function preparePagedExport<T, Q extends object>(
  ctx: AppContext,
  actor: Actor,
  spec: {
    q: Q;
    list: (q: Q & { page: number; pageSize: number }) => Promise<Page<T>>;
    sheet: string;
    columns: ReadonlyArray<ExportColumn<T>>;
    entity: string;
  },
) {
  const first = await spec.list({ ...spec.q, page: 1, pageSize: PAGE });
  let rows = 0;
  const produce = async (out: WorkbookStream) => {
    const ws = out.workbook.addWorksheet(spec.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = spec.columns.map((c) => ({ header: c.header, width: c.width }));
    styleHeaderRow(ws.getRow(1));
    ws.getRow(1).commit();
    let page = first;
    for (let n = 1; ; ) {
      for (const item of page.items) ws.addRow(spec.columns.map((c) => c.cell(item))).commit();
      rows += page.items.length;
      await out.drain(ws);
      if (out.aborted || n * PAGE >= page.total) break;
      n++;
      page = await spec.list({ ...spec.q, page: n, pageSize: PAGE });
    }
    ws.commit();
  };
  return {
    fileName: `${spec.sheet}-${fileDate()}.xlsx`,
    produce,
    audit: (completed: boolean) =>
      ctx.db.transaction().execute((trx) =>
        recordAudit(trx, actor, {
          action: 'export',
          entity: spec.entity,
          entityId: null,
          orgPath: null,
          after: { rows, filter: spec.q, completed },
        }),
      ),
  };
}
