import type { Generated, Selectable } from 'kysely';

// One event of any workflow (DESIGN.md "Workflows"): the source of truth a record's current state is rebuilt from.
export interface WorkflowEventTable {
  id: Generated<number>;
  /** The workflow's name (e.g. 'rectification'); with recordId it names the record. */
  workflow: string;
  recordId: number;
  /** 'create' for the first event, otherwise an action of the workflow's transition table. */
  action: string;
  fromState: string | null;
  toState: string;
  reason: string | null;
  /** The evidence described in words; files are attachments of this event. */
  evidence: string | null;
  /** The actor's relation to the record that allowed the action ('responsible' | 'upper'). */
  relation: string | null;
  userId: number | null;
  userName: string;
  at: string;
}
export type WorkflowEventRow = Selectable<WorkflowEventTable>;
