// The workflow engine (DESIGN.md "Workflows"): a declared transition table per workflow, each transition an event
// row in the one `workflow_events` table written in the same transaction as the record's new state and version and
// its audit row. A record's state is a cache of its last event (`stateFromEvents` rebuilds it); each state has a
// class open | closed | fixed so "closed without fixing" is never counted as solved; overdue is derived from a
// deadline, never a state.
//
// Who may act is declared, not coded per module: a permission (403 without it) and a relation of the actor to the
// record's org — `responsible` (the permission's scope reaches the org: the org itself or a level above) or `upper`
// (reached from an anchor strictly above: the verifier, never the rectifying org itself) or `issuer` (the scope
// reaches the org that issued the record, e.g. a task list's issuer, rather than an ancestor of the record's org).
import { AppError, type ErrorCode, type Permission } from '@grassroots/domain';
import type { Db } from '../db/database.js';
import type { Actor } from './actor.js';
import { type AttachmentEntity, attachmentsOf, linkAttachments } from './attachments.js';
import { recordAudit } from './audit.js';
import { nowIso } from './clock.js';
import { forbidden } from './errors.js';
import { hasPermission, isPathBelowScopeAnchor, isPathInScope, scopeOf } from './scope.js';
import type { WorkflowEventRow } from './workflow.table.js';

export type StateClass = 'open' | 'closed' | 'fixed';
export type WorkflowRelation = 'responsible' | 'upper' | 'issuer';
export type WorkflowInput = 'reason' | 'evidence';

export interface WorkflowTransition<S extends string> {
  from: readonly S[];
  to: S;
  /** Other states the caller may choose instead of `to` (a progress report marked complete goes to 待验收). */
  outcomes?: readonly S[];
  permission: Permission;
  relation: WorkflowRelation;
  requires?: readonly WorkflowInput[];
}

export interface WorkflowDefinition<S extends string, A extends string> {
  /** Stored in workflow_events.workflow and used as the audit entity. */
  name: string;
  /** What the record is called in messages (问题). */
  recordLabel: string;
  /** Where files given as evidence of a transition are kept (attachments of the event). */
  evidenceEntity: AttachmentEntity;
  initial: S;
  states: Record<S, { label: string; class: StateClass }>;
  actions: Record<A, { label: string } & WorkflowTransition<S>>;
  /** The codes (and relation messages) a workflow's API answered before it ran on the engine; WORKFLOW_* otherwise. */
  refusals?: {
    wrongState?: ErrorCode;
    relation?: Partial<Record<WorkflowRelation, { code: ErrorCode; message: string }>>;
  };
}

/** A record as the engine sees it: its id, state, version and the org path relations are judged on. */
export interface WorkflowRecord<S extends string> {
  id: number;
  state: S;
  version: number;
  orgPath: string;
  /** The issuing org's path, for `issuer` actions. */
  issuerPath?: string;
}

export interface TransitionInput {
  version: number;
  reason?: string | null;
  evidence?: string | null;
  attachmentIds?: readonly number[];
}

export function isOpenState<S extends string>(def: WorkflowDefinition<S, string>, state: S): boolean {
  return def.states[state].class === 'open';
}

/** Overdue: still open and today is after the deadline (the deadline day itself is on time). */
export function isWorkflowOverdue<S extends string>(
  def: WorkflowDefinition<S, string>,
  record: { state: S; deadline: string },
  today: string,
): boolean {
  return isOpenState(def, record.state) && today > record.deadline;
}

/** The states of a class, for SQL filters and figures (`state in (…)`). */
export function statesOfClass<S extends string>(def: WorkflowDefinition<S, string>, cls: StateClass): S[] {
  return (Object.keys(def.states) as S[]).filter((s) => def.states[s].class === cls);
}

type RelationTarget = { orgPath: string; issuerPath?: string };

function hasRelation(actor: Actor, record: RelationTarget, t: WorkflowTransition<string>): boolean {
  const scope = scopeOf(actor, t.permission);
  if (t.relation === 'upper') return isPathBelowScopeAnchor(scope, record.orgPath);
  if (t.relation === 'issuer') return record.issuerPath !== undefined && isPathInScope(scope, record.issuerPath);
  return isPathInScope(scope, record.orgPath);
}

function relationRefusal(def: WorkflowDefinition<string, string>, t: WorkflowTransition<string> & { label: string }) {
  const own = def.refusals?.relation?.[t.relation];
  if (own) return new AppError(own.code, own.message);
  if (t.relation === 'responsible')
    return new AppError('WORKFLOW_NOT_RESPONSIBLE', `只有整改单位或其上级可以${t.label}`);
  const by = t.relation === 'issuer' ? '下达单位' : '上级';
  return new AppError(
    'WORKFLOW_SELF_ACCEPTANCE',
    `${t.label}须由${by}进行，整改单位不能${t.label}本单位的${def.recordLabel}`,
  );
}

/**
 * Why the actor may not take `action` now, as the error the API answers: 403 without the permission, 422 from the
 * wrong state, 422 from the wrong relation (self-acceptance), 422 naming a missing input. Null when allowed.
 */
export function refusal<S extends string, A extends string>(
  def: WorkflowDefinition<S, A>,
  actor: Actor,
  record: { state: S } & RelationTarget,
  action: A,
  input: Omit<TransitionInput, 'version'> | null = null,
): AppError | null {
  const t = def.actions[action];
  if (!hasPermission(actor, t.permission)) return forbidden(`您没有${t.label}的权限`);
  if (!t.from.includes(record.state)) {
    return new AppError(
      def.refusals?.wrongState ?? 'WORKFLOW_WRONG_STATE',
      `该${def.recordLabel}当前为“${def.states[record.state].label}”，不能${t.label}`,
    );
  }
  if (!hasRelation(actor, record, t)) return relationRefusal(def, t);
  if (input) {
    const fields: Record<string, string> = {};
    if (t.requires?.includes('reason') && !input.reason) fields.reason = `${t.label}须说明原因`;
    if (t.requires?.includes('evidence') && !input.evidence && (input.attachmentIds ?? []).length === 0) {
      fields.evidence = `${t.label}须提供整改材料（文字说明或附件）`;
    }
    const first = Object.values(fields)[0];
    if (first) return new AppError('WORKFLOW_INPUT_REQUIRED', first, fields);
  }
  return null;
}

/** The actions the actor may take on the record now (for the buttons the web shows). */
export function allowedActions<S extends string, A extends string>(
  def: WorkflowDefinition<S, A>,
  actor: Actor,
  record: { state: S } & RelationTarget,
): A[] {
  return (Object.keys(def.actions) as A[]).filter((a) => refusal(def, actor, record, a) === null);
}

/** The state a record's events lead to, replaying each against the table; throws on an event the table forbids. */
export function stateFromEvents<S extends string, A extends string>(
  def: WorkflowDefinition<S, A>,
  events: ReadonlyArray<Pick<WorkflowEventRow, 'action' | 'toState'>>,
): S {
  let state: S | null = null;
  for (const e of events) {
    if (state === null) {
      state = e.toState as S;
      continue;
    }
    const t = def.actions[e.action as A];
    if (!t?.from.includes(state) || !(t.to === e.toState || t.outcomes?.includes(e.toState as S))) {
      throw new Error(`${def.name}: event ${e.action} from ${state} to ${e.toState} is not in the table`);
    }
    state = e.toState as S;
  }
  if (state === null) throw new Error(`${def.name}: no events`);
  return state;
}

async function appendEvent(
  trx: Db,
  def: WorkflowDefinition<string, string>,
  actor: Pick<Actor, 'userId' | 'name'>,
  e: { recordId: number; orgId: number; action: string; from: string | null; to: string; relation: string | null },
  input: Omit<TransitionInput, 'version'>,
): Promise<number> {
  const { id } = await trx
    .insertInto('workflowEvents')
    .values({
      workflow: def.name,
      recordId: e.recordId,
      action: e.action,
      fromState: e.from,
      toState: e.to,
      reason: input.reason ?? null,
      evidence: input.evidence ?? null,
      relation: e.relation,
      userId: actor.userId,
      userName: actor.name,
      at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const eventId = Number(id);
  if ((input.attachmentIds ?? []).length > 0) {
    await linkAttachments(
      trx,
      { entity: def.evidenceEntity, entityId: eventId, orgId: e.orgId },
      input.attachmentIds ?? [],
    );
  }
  return eventId;
}

/** The first event of a new record (in the transaction that inserts it). */
export async function recordCreation<S extends string, A extends string>(
  trx: Db,
  def: WorkflowDefinition<S, A>,
  actor: Pick<Actor, 'userId' | 'name'>,
  record: { id: number; orgId: number },
  reason: string | null = null,
): Promise<void> {
  await appendEvent(
    trx,
    def,
    actor,
    { recordId: record.id, orgId: record.orgId, action: 'create', from: null, to: def.initial, relation: null },
    { reason },
  );
}

/**
 * One transition as one transaction: the version (409 via `stale`), the refusal rules (403/422), then the event, the
 * record's new state and version (`write`, false when the version moved meanwhile) and the audit row with who and
 * why. Nothing is written when anything refuses.
 */
export async function runTransition<S extends string, A extends string>(
  db: Db,
  def: WorkflowDefinition<S, A>,
  actor: Actor,
  args: {
    record: WorkflowRecord<S> & { orgId: number };
    action: A;
    /** One of the action's `outcomes` instead of its `to`. */
    to?: S;
    input: TransitionInput;
    stale: () => AppError;
    write: (trx: Db, to: S, version: number) => Promise<boolean>;
  },
): Promise<S> {
  const { record, action, input } = args;
  const t = def.actions[action];
  const to = args.to ?? t.to;
  if (to !== t.to && !t.outcomes?.includes(to)) throw new Error(`${def.name}: ${action} cannot lead to ${to}`);
  if (!hasPermission(actor, t.permission)) throw forbidden(`您没有${t.label}的权限`);
  if (record.version !== input.version) throw args.stale();
  const refused = refusal(def, actor, record, action, input);
  if (refused) throw refused;
  await db.transaction().execute(async (trx) => {
    if (!(await args.write(trx, to, input.version))) throw args.stale();
    await appendEvent(
      trx,
      def,
      actor,
      { recordId: record.id, orgId: record.orgId, action, from: record.state, to, relation: t.relation },
      input,
    );
    await recordAudit(trx, actor, {
      action,
      entity: def.name,
      entityId: record.id,
      orgPath: record.orgPath,
      before: { state: record.state, version: record.version },
      after: {
        state: to,
        version: record.version + 1,
        ...(input.reason ? { reason: input.reason } : {}),
        ...(input.evidence ? { evidence: input.evidence } : {}),
        ...((input.attachmentIds ?? []).length > 0 ? { attachmentIds: input.attachmentIds } : {}),
      },
    });
  });
  return to;
}

/** A record's timeline: every event in order with its labels and evidence files. */
export async function timelineOf<S extends string, A extends string>(
  db: Db,
  def: WorkflowDefinition<S, A>,
  recordId: number,
) {
  const events = await db
    .selectFrom('workflowEvents')
    .selectAll()
    .where('workflow', '=', def.name)
    .where('recordId', '=', recordId)
    .orderBy('id')
    .execute();
  const files = await attachmentsOf(
    db,
    def.evidenceEntity,
    events.map((e) => Number(e.id)),
  );
  return events.map((e) => ({
    id: Number(e.id),
    action: e.action,
    actionLabel: e.action === 'create' ? '创建' : (def.actions[e.action as A]?.label ?? e.action),
    fromState: e.fromState,
    toState: e.toState,
    toStateLabel: def.states[e.toState as S]?.label ?? e.toState,
    reason: e.reason,
    evidence: e.evidence,
    attachments: files.filter((f) => f.entityId === Number(e.id)).map(({ orgPath, ...f }) => f),
    userName: e.userName,
    at: e.at,
  }));
}
