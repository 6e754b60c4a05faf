import type { Generated, Insertable, Selectable } from 'kysely';

// 党建联系点: a leader linked to an org for a period (valid_to null = still in force).
export interface ContactLinkTable {
  id: Generated<number>;
  orgId: number;
  orgPath: string;
  leaderName: string;
  leaderPosition: string;
  validFrom: string;
  validTo: string | null;
  note: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export type ContactLinkRow = Selectable<ContactLinkTable>;

// A visit under a link; org_id / org_path are the link's.
export interface ContactVisitTable {
  id: Generated<number>;
  linkId: number;
  orgId: number;
  orgPath: string;
  visitedOn: string;
  content: string;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export type ContactVisitRow = Selectable<ContactVisitTable>;

// A problem raised at a visit; solved once solved_on is set.
export interface ContactProblemTable {
  id: Generated<number>;
  visitId: number;
  seq: number;
  text: string;
  solvedOn: string | null;
}
export type NewContactProblemRow = Insertable<ContactProblemTable>;
