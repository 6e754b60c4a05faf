// Demo rows of 清单管理 (tools/src/generator/tasks.ts): the county's list with its tasks, measures, assignments and
// their progress events (the timeline's and the workflow engine's); the 书记项目 with their workflow events and their
// 实事. One transaction, multi-row inserts.

import type { ProjectStage, TaskAssignmentAction } from '@grassroots/domain';
import type { Dataset } from '@grassroots/tools/generator/generate.js';
import { generateTasks } from '@grassroots/tools/generator/tasks.js';
import type { Insertable } from 'kysely';
import { SECRETARY_PROJECT } from '../modules/projects/projects.workflow.js';
import type { TaskAssignmentEventTable } from '../modules/tasks/tasks.table.js';
import { TASK_ASSIGNMENT } from '../modules/tasks/tasks.workflow.js';
import type { WorkflowEventTable } from '../platform/workflow.table.js';
import type { Db } from './database.js';

const CHUNK = 200;
const at = (date: string) => `${date}T02:00:00.000Z`;
const SEEDER = '演示数据';

async function insertWorkflowEvents(trx: Db, events: ReadonlyArray<Insertable<WorkflowEventTable>>) {
  for (let i = 0; i < events.length; i += CHUNK) {
    await trx
      .insertInto('workflowEvents')
      .values(events.slice(i, i + CHUNK))
      .execute();
  }
}

export async function seedTasks(db: Db, dataset: Dataset, today: string, now: string) {
  const g = generateTasks(dataset, today);
  const pathOf = new Map(dataset.orgs.map((o) => [o.id, o.path]));
  await db.transaction().execute(async (trx) => {
    const { id: listId } = await trx
      .insertInto('taskLists')
      .values({
        ...g.list,
        orgPath: pathOf.get(g.list.orgId)!,
        sector: 'rural',
        description: '定任务、定措施、定时限、定单位，逐项推进、对账销号',
        createdAt: now,
        updatedAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    let measureSeq = 0;
    for (const [ti, t] of g.tasks.entries()) {
      const { id: taskId } = await trx
        .insertInto('tasks')
        .values({ listId, seq: ti + 1, title: t.title, createdAt: now, updatedAt: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const m of t.measures) {
        const { assignments, ...measure } = m;
        const { id: measureId } = await trx
          .insertInto('taskMeasures')
          .values({ ...measure, listId, taskId, seq: ++measureSeq, createdAt: now, updatedAt: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        // In chunks: a province assigns a measure to thousands of townships, more than one statement may bind.
        const ids: Array<{ id: number }> = [];
        for (let c = 0; c < assignments.length; c += CHUNK) {
          ids.push(
            ...(await trx
              .insertInto('taskAssignments')
              .values(
                assignments.slice(c, c + CHUNK).map((a) => ({
                  listId,
                  taskId,
                  measureId,
                  orgId: a.orgId,
                  orgPath: pathOf.get(a.orgId)!,
                  deadline: m.deadline,
                  state: a.state,
                  percent: a.percent,
                  milestone: a.milestone,
                  responsiblePerson: m.responsiblePerson,
                  lastNote: a.note,
                  reportedAt: a.reportedOn ? at(a.reportedOn) : null,
                  completedAt: a.completedOn ? at(a.completedOn) : null,
                  version: a.state === 'not_started' ? 0 : a.state === 'completed' ? 2 : 1,
                  createdAt: now,
                  updatedAt: now,
                })),
              )
              .returning('id')
              .execute()),
          );
        }
        // The events behind each state: 下达, then a report (complete or not), then the acceptance.
        const events = assignments.flatMap((a, i) => {
          const assignmentId = Number(ids[i]!.id);
          const base = { assignmentId, userId: null, userName: null };
          const out: Array<Insertable<TaskAssignmentEventTable>> = [
            {
              ...base,
              action: 'assign',
              fromState: null,
              toState: 'not_started',
              note: null,
              percent: null,
              milestone: null,
              at: now,
            },
          ];
          if (a.reportedOn) {
            out.push({
              ...base,
              action: 'report',
              fromState: 'not_started',
              toState: a.state === 'in_progress' ? 'in_progress' : 'submitted',
              note: a.note,
              percent: a.percent,
              milestone: a.milestone,
              at: at(a.reportedOn),
            });
          }
          if (a.completedOn) {
            out.push({
              ...base,
              action: 'accept',
              fromState: 'submitted',
              toState: 'completed',
              note: null,
              percent: null,
              milestone: null,
              at: at(a.completedOn),
            });
          }
          return out;
        });
        for (let i = 0; i < events.length; i += CHUNK) {
          await trx
            .insertInto('taskAssignmentEvents')
            .values(events.slice(i, i + CHUNK))
            .execute();
        }
        await insertWorkflowEvents(
          trx,
          events.map((e) => ({
            workflow: TASK_ASSIGNMENT.name,
            recordId: e.assignmentId,
            action: e.action === 'assign' ? 'create' : e.action,
            fromState: e.fromState ?? null,
            toState: e.toState,
            reason: e.note ?? null,
            evidence: null,
            relation: e.action === 'assign' ? null : TASK_ASSIGNMENT.actions[e.action as TaskAssignmentAction].relation,
            userId: null,
            userName: SEEDER,
            at: e.at,
          })),
        );
      }
    }

    for (let i = 0; i < g.projects.length; i += CHUNK) {
      const chunk = g.projects.slice(i, i + CHUNK);
      const ids = await trx
        .insertInto('secretaryProjects')
        .values(
          chunk.map(({ matters, ...p }) => ({
            ...p,
            orgPath: pathOf.get(p.orgId)!,
            year: g.list.year,
            content: null,
            acceptedAt: p.stage === 'accepted' || p.stage === 'rated' ? now : null,
            ratedAt: p.stage === 'rated' ? now : null,
            version: 0,
            createdAt: now,
            updatedAt: now,
          })),
        )
        .returning('id')
        .execute();
      // 立项, then each stage up to the project's own.
      const stages: ProjectStage[] = ['approved', 'in_progress', 'accepted', 'rated'];
      const actions = ['start', 'accept', 'rate'] as const;
      await insertWorkflowEvents(
        trx,
        chunk.flatMap((p, k) =>
          stages.slice(0, stages.indexOf(p.stage) + 1).map((toState, n) => ({
            workflow: SECRETARY_PROJECT.name,
            recordId: Number(ids[k]!.id),
            action: n === 0 ? 'create' : actions[n - 1]!,
            fromState: n === 0 ? null : stages[n - 1]!,
            toState,
            reason: null,
            evidence: null,
            relation: n === 0 ? null : SECRETARY_PROJECT.actions[actions[n - 1]!].relation,
            userId: null,
            userName: SEEDER,
            at: now,
          })),
        ),
      );
      const matters = chunk.flatMap((p, k) =>
        p.matters.map((m) => ({
          ...m,
          orgId: p.orgId,
          orgPath: pathOf.get(p.orgId)!,
          // Urgent needs are taken up on their own; practical matters are led by the secretary's project (领办).
          projectId: m.kind === 'practical_matter' ? Number(ids[k]!.id) : null,
          year: g.list.year,
          createdAt: now,
          updatedAt: now,
        })),
      );
      for (let j = 0; j < matters.length; j += CHUNK) {
        await trx
          .insertInto('practicalMatters')
          .values(matters.slice(j, j + CHUNK))
          .execute();
      }
    }
  });
}
