// Demo rows of 清单管理 (tools/src/generator/tasks.ts): the county's lists (one per domain) with its tasks, measures, assignments and
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
import type { Db, DbHandle } from './database.js';

// 200 rows × at most 16 columns: far below SQLite's 32766 bound variables (and PG's 65535).
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

type Cell = string | number | null;
type BulkInsert = (
  handle: DbHandle,
  table: string,
  columns: readonly string[],
  rows: Iterable<Cell[]>,
) => Promise<number>;

const EVENT_COLUMNS = ['assignmentId', 'action', 'fromState', 'toState', 'note', 'percent', 'milestone', 'at'] as const;
const WORKFLOW_COLUMNS = [
  'workflow',
  'recordId',
  'action',
  'fromState',
  'toState',
  'reason',
  'relation',
  'userName',
  'at',
] as const;

export async function seedTasks(
  handle: DbHandle,
  dataset: Dataset,
  today: string,
  now: string,
  bulkInsert: BulkInsert,
) {
  const db = handle.db;
  const g = generateTasks(dataset, today);
  // The assignments' events (tens of thousands) go in after the transaction through the seed's bulk loader.
  const assignmentEvents: Array<Insertable<TaskAssignmentEventTable>> = [];
  const pathOf = new Map(dataset.orgs.map((o) => [o.id, o.path]));
  // Assigned when the lists were issued, early in the year: before any progress report, so a past period's figures
  // (metrics read the events) see an assignment before its progress.
  const issuedOn = `${g.year}-01-10`;
  const assignedAt = at(issuedOn < today ? issuedOn : today);
  await db.transaction().execute(async (trx) => {
    for (const { list, tasks } of g.lists) {
      const { id: listId } = await trx
        .insertInto('taskLists')
        .values({
          ...list,
          orgPath: pathOf.get(list.orgId)!,
          description: '定任务、定措施、定时限、定单位，逐项推进、对账销号',
          createdAt: now,
          updatedAt: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // Multi-row inserts, ids back in insertion order: a list's tasks, then its measures, then all their assignments.
      const taskIds = await trx
        .insertInto('tasks')
        .values(tasks.map((t, ti) => ({ listId, seq: ti + 1, title: t.title, createdAt: now, updatedAt: now })))
        .returning('id')
        .execute();
      const measures = tasks.flatMap((t, ti) => t.measures.map((m) => ({ m, taskId: Number(taskIds[ti]!.id) })));
      const measureIds: Array<{ id: number }> = [];
      for (let c = 0; c < measures.length; c += CHUNK) {
        measureIds.push(
          ...(await trx
            .insertInto('taskMeasures')
            .values(
              measures.slice(c, c + CHUNK).map(({ m: { assignments: _, ...measure }, taskId }, k) => ({
                ...measure,
                listId,
                taskId,
                seq: c + k + 1,
                createdAt: now,
                updatedAt: now,
              })),
            )
            .returning('id')
            .execute()),
        );
      }
      // In chunks: a province assigns a measure to thousands of townships, more than one statement may bind.
      const assignments = measures.flatMap(({ m, taskId }, k) =>
        m.assignments.map((a) => ({ a, m, taskId, measureId: Number(measureIds[k]!.id) })),
      );
      const ids: Array<{ id: number }> = [];
      for (let c = 0; c < assignments.length; c += CHUNK) {
        ids.push(
          ...(await trx
            .insertInto('taskAssignments')
            .values(
              assignments.slice(c, c + CHUNK).map(({ a, m, taskId, measureId }) => ({
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
      const events = assignments.flatMap(({ a }, i) => {
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
            at: assignedAt,
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
      assignmentEvents.push(...events);
    }

    for (let i = 0; i < g.projects.length; i += CHUNK) {
      const chunk = g.projects.slice(i, i + CHUNK);
      const ids = await trx
        .insertInto('secretaryProjects')
        .values(
          chunk.map(({ matters, ...p }) => ({
            ...p,
            orgPath: pathOf.get(p.orgId)!,
            year: g.year,
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
          year: g.year,
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
  await bulkInsert(
    handle,
    'task_assignment_events',
    EVENT_COLUMNS,
    assignmentEvents.map((e) => EVENT_COLUMNS.map((c) => (e[c] ?? null) as Cell)),
  );
  await bulkInsert(
    handle,
    'workflow_events',
    WORKFLOW_COLUMNS,
    assignmentEvents.map((e) => [
      TASK_ASSIGNMENT.name,
      e.assignmentId as number,
      e.action === 'assign' ? 'create' : (e.action as string),
      (e.fromState ?? null) as Cell,
      e.toState as string,
      (e.note ?? null) as Cell,
      e.action === 'assign' ? null : TASK_ASSIGNMENT.actions[e.action as TaskAssignmentAction].relation,
      SEEDER,
      e.at as string,
    ]),
  );
}
