// 督导整改 on paper: the problems as an .xlsx with the list's filters, and the notice (通报) of a round as a .docx —
// its figures, the units commended (every problem accepted) and criticised (problems overdue).
import type { TProblemExportQuery } from '@grassroots/domain';
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { today } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { fileDate, styleHeaderRow, type WorkbookStream } from '../../platform/excel.js';
import { narrowScope, scopeOf, whereInScope } from '../../platform/scope.js';
import { getOrgInScope } from '../orgs/orgs.service.js';
import { toFigures, toProblemDto, toRoundDto } from './inspections.mapper.js';
import * as repo from './inspections.repo.js';

const EXPORT_BATCH = 1000;

/** The problems the list shows with the same filters, all pages, in the list's order. */
export async function prepareProblemExport(ctx: AppContext, actor: Actor, query: TProblemExportQuery) {
  const { orgId, ...filter } = query;
  const org = orgId === undefined ? null : await getOrgInScope(ctx, actor, 'inspections:read', orgId);
  const scope = org ? narrowScope(scopeOf(actor, 'inspections:read'), org.path) : scopeOf(actor, 'inspections:read');
  const asOf = today();
  const fileName = `督导问题清单-${org?.name ?? '全部'}-${fileDate()}.xlsx`;
  let rows = 0;
  const produce = async (out: WorkbookStream) => {
    const ws = out.workbook.addWorksheet('督导问题', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [
      { header: '问题描述', width: 60 },
      { header: '党组织', width: 36 },
      { header: '检查轮次', width: 36 },
      { header: '问题类别', width: 14 },
      { header: '严重程度', width: 10 },
      { header: '整改责任人', width: 12 },
      { header: '发现日期', width: 12 },
      { header: '整改期限', width: 12 },
      { header: '整改状态', width: 12 },
      { header: '是否逾期', width: 10 },
    ];
    styleHeaderRow(ws.getRow(1));
    ws.getRow(1).commit();
    if (scope.length === 0) return;
    let after: { deadline: string; id: number } | null = null;
    while (!out.aborted) {
      const batch = await repo.findProblemsAfter(
        ctx.db,
        whereInScope(scope, 'p.orgPath'),
        filter,
        asOf,
        after,
        EXPORT_BATCH,
      );
      if (batch.length === 0) break;
      for (const p of batch.map((r) => toProblemDto(r, asOf))) {
        ws.addRow([
          p.description,
          p.orgName,
          p.roundTitle,
          p.categoryLabel,
          p.severityLabel,
          p.responsiblePerson,
          p.foundOn,
          p.deadline,
          p.stateLabel,
          p.overdue ? '逾期' : '',
        ]).commit();
        after = { deadline: p.deadline, id: p.id };
      }
      rows += batch.length;
      await out.drain(ws);
    }
  };
  const audit = async (completed: boolean) => {
    await ctx.db.transaction().execute((trx) =>
      recordAudit(trx, actor, {
        action: 'export',
        entity: 'problem',
        entityId: org?.id ?? null,
        orgPath: org?.path ?? null,
        after: { rows, filter, completed },
      }),
    );
  };
  return { fileName, produce, audit };
}

const rateText = (rate: number | null) => (rate === null ? '—' : `${rate}%`);
const para = (text: string, o: { indent?: boolean; align?: 'center' | 'right'; bold?: boolean; size?: number } = {}) =>
  new Paragraph({
    alignment:
      o.align === 'center' ? AlignmentType.CENTER : o.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
    indent: o.indent ? { firstLine: 640 } : undefined,
    spacing: { line: 560 },
    children: [new TextRun({ text, bold: o.bold, size: o.size })],
  });

/**
 * The notice of a round as the user may see it: figures of the problems in scope (those of the figures endpoint),
 * units whose every problem was accepted (commended) and units with problems past their deadline (criticised).
 * Text users typed goes into text runs, which docx escapes: no markup gets into the document.
 */
export async function buildRoundNotice(ctx: AppContext, actor: Actor, roundId: number) {
  const row = await repo.findRoundById(ctx.db, roundId, repo.whereRoundVisible(scopeOf(actor, 'inspections:read')));
  if (!row) throw notFound('检查轮次');
  const round = toRoundDto(row);
  const inScope = whereInScope(scopeOf(actor, 'inspections:read'), 'p.orgPath');
  const asOf = today();
  const [figures, byOrg] = await Promise.all([
    repo.problemFigures(ctx.db, inScope, roundId, [], asOf),
    repo.roundFiguresByOrg(ctx.db, inScope, roundId, asOf),
  ]);
  const total = toFigures(figures.total);
  const units = byOrg.map((r) => ({ orgName: r.orgName, ...toFigures(r) }));
  const commended = units.filter((u) => u.rectified === u.found);
  const criticised = units.filter((u) => u.overdue > 0);
  const title = `关于${round.title}情况的通报`;
  const list = (items: string[]) =>
    items.length ? items.map((t) => para(t, { indent: true })) : [para('无', { indent: true })];

  const doc = new Document({
    title,
    creator: actor.name,
    styles: { default: { document: { run: { font: '仿宋', size: 32 } } } },
    sections: [
      {
        children: [
          para(title, { align: 'center', bold: true, size: 44 }),
          para(`${round.orgName}所属各党组织：`),
          para(
            `${round.startsOn}至${round.endsOn}，${round.team}对${round.orgName}所属党组织开展了${round.kindLabel}。` +
              `截至${asOf}，本轮共发现问题${total.found}个，已整改到位${total.rectified}个，正在整改${total.inProgress}个，` +
              `其中逾期未整改${total.overdue}个，整改率${rateText(total.rate)}。现将有关情况通报如下。`,
            { indent: true },
          ),
          para('一、予以表扬的单位', { bold: true, indent: true }),
          para('以下单位发现的问题已全部整改到位并通过验收销号：', { indent: true }),
          ...list(commended.map((u) => `${u.orgName}（整改问题${u.found}个）`)),
          para('二、予以通报批评的单位', { bold: true, indent: true }),
          para('以下单位存在逾期未整改的问题，请立即整改，并于整改完成后提交整改材料申请验收：', { indent: true }),
          ...list(criticised.map((u) => `${u.orgName}（逾期未整改${u.overdue}个）`)),
          para(round.orgName, { align: 'right' }),
          para(asOf, { align: 'right' }),
        ],
      },
    ],
  });
  const buffer = await Packer.toBuffer(doc);
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, actor, {
      action: 'export',
      entity: 'inspection_round',
      entityId: round.id,
      orgPath: row.orgPath,
      after: { notice: title, commended: commended.length, criticised: criticised.length },
    }),
  );
  return { fileName: `${title}.docx`, buffer };
}
