// 书记项目 and 实事 as .xlsx under the list pages' filters. Both read through the list services, so scope and filters
// are theirs; the first page is read before the reply starts (an org out of scope is a 404, not a broken file).
import type { TMatterQuery, TProjectQuery } from '@grassroots/domain';
import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { type ExportColumn, preparePagedExport } from '../../platform/list-export.js';
import type { MatterDto, ProjectDto } from './projects.mapper.js';
import { listMatters, listProjects } from './projects.service.js';

const PROJECT_COLUMNS: ReadonlyArray<ExportColumn<ProjectDto>> = [
  { header: '年度', width: 8, cell: (p) => p.year },
  { header: '党组织', width: 30, cell: (p) => p.orgName },
  { header: '项目名称', width: 30, cell: (p) => p.title },
  { header: '书记', width: 10, cell: (p) => p.secretaryName },
  { header: '项目目标', width: 36, cell: (p) => p.goal },
  { header: '计划完成时间', width: 14, cell: (p) => p.targetDate },
  { header: '阶段', width: 10, cell: (p) => p.stageLabel },
  { header: '项目成效', width: 36, cell: (p) => p.result ?? '' },
  { header: '评比等次', width: 10, cell: (p) => p.gradeLabel ?? '' },
  { header: '领办实事(件)', width: 12, cell: (p) => p.matters },
  { header: '已办结(件)', width: 12, cell: (p) => p.mattersDone },
];

const MATTER_COLUMNS: ReadonlyArray<ExportColumn<MatterDto>> = [
  { header: '年度', width: 8, cell: (m) => m.year },
  { header: '党组织', width: 30, cell: (m) => m.orgName },
  { header: '类别', width: 12, cell: (m) => m.kindLabel },
  { header: '事项', width: 36, cell: (m) => m.title },
  { header: '提出人（来源）', width: 16, cell: (m) => m.raisedBy },
  { header: '责任人', width: 10, cell: (m) => m.ownerName },
  { header: '承诺完成时间', width: 14, cell: (m) => m.targetDate },
  { header: '办理状态', width: 10, cell: (m) => m.statusLabel },
  { header: '是否逾期', width: 10, cell: (m) => (m.overdue ? '是' : '否') },
  { header: '办理结果', width: 36, cell: (m) => m.result ?? '' },
  { header: '办结日期', width: 12, cell: (m) => m.doneOn ?? '' },
  { header: '群众满意度', width: 12, cell: (m) => m.satisfactionLabel ?? '' },
  { header: '领办书记项目', width: 30, cell: (m) => m.projectTitle ?? '' },
];

export function prepareProjectExport(ctx: AppContext, actor: Actor, q: Omit<TProjectQuery, 'page' | 'pageSize'>) {
  return preparePagedExport(ctx, actor, {
    q,
    list: (p) => listProjects(ctx, actor, p),
    sheet: '书记项目',
    columns: PROJECT_COLUMNS,
    entity: 'secretary_project',
  });
}

export function prepareMatterExport(ctx: AppContext, actor: Actor, q: Omit<TMatterQuery, 'page' | 'pageSize'>) {
  return preparePagedExport(ctx, actor, {
    q,
    list: (p) => listMatters(ctx, actor, p),
    sheet: '实事',
    columns: MATTER_COLUMNS,
    entity: 'practical_matter',
  });
}
