// Compliance of a whole subtree from four reads — the catalogue, the subtree's bound orgs, its exemptions and ONE
// aggregate of meetings per org, kind and month — then obligations.ts per org in memory. A county (~1000 orgs,
// a few tens of thousands of meetings a year) is a few thousand aggregate rows, not a query per org.
import {
  MEETING_KIND_LABELS,
  type MeetingForCompliance,
  type MeetingKind,
  type Obligation,
  type ObligationCompliance,
  type ObligationExemption,
  type OrgForObligations,
  type OrgKind,
  orgCompliance,
  periodOf,
  type Sector,
  todayIso,
  worstStatus,
} from '@grassroots/domain';
import type { Db } from '../../db/database.js';
import { isPathInScope, type Scope } from '../../platform/scope.js';
import * as repo from './life.repo.js';
import type { ObligationRow } from './life.table.js';

export interface CatalogueEntry extends Obligation {
  id: number;
  version: number;
}

export function toObligation(r: ObligationRow): CatalogueEntry {
  return {
    id: Number(r.id),
    version: r.version,
    kind: r.kind,
    cycle: r.cycle,
    expected: r.expected,
    orgKinds: JSON.parse(r.orgKinds) as OrgKind[],
    sectors: r.sectors === null ? null : (JSON.parse(r.sectors) as Sector[]),
    requiresCommittee: r.requiresCommittee === 1,
    startsOn: r.startsOn,
  };
}

export async function loadCatalogue(db: Db): Promise<CatalogueEntry[]> {
  return (await repo.findObligations(db)).map(toObligation);
}

export interface BoundOrg extends OrgForObligations {
  id: number;
  parentId: number | null;
  path: string;
  name: string;
}

export interface SubtreeLife {
  catalogue: CatalogueEntry[];
  orgs: BoundOrg[];
  /** Meetings held, one entry per meeting dated on the first of its month (enough for every cycle). */
  meetingsOf(orgId: number): MeetingForCompliance[];
  exemptionsOf(orgId: number): ObligationExemption[];
}

/** The orgs of a subtree some obligation could bind, with their meetings between `from` and `to`. */
export async function loadSubtreeLife(db: Db, path: string, from: string, to: string): Promise<SubtreeLife> {
  const catalogue = await loadCatalogue(db);
  const kinds = [...new Set(catalogue.flatMap((o) => o.orgKinds))];
  const [orgRows, counts, exemptions] = await Promise.all([
    repo.subtreeOrgsForObligations(db, path, kinds),
    repo.meetingCountsByMonth(db, path, from, to),
    repo.exemptionsInSubtree(db, path),
  ]);
  const meetings = new Map<number, MeetingForCompliance[]>();
  for (const c of counts) {
    const list = meetings.get(c.orgId) ?? [];
    for (let i = 0; i < c.n; i++) list.push({ kind: c.kind, date: `${c.month}-01` });
    meetings.set(c.orgId, list);
  }
  const exempt = new Map<number, ObligationExemption[]>();
  for (const e of exemptions) {
    const list = exempt.get(Number(e.orgId)) ?? [];
    list.push({ kind: e.kind, periodKey: e.periodKey, reason: e.reason });
    exempt.set(Number(e.orgId), list);
  }
  const orgs = orgRows.map((o) => ({
    id: Number(o.id),
    parentId: o.parentId === null ? null : Number(o.parentId),
    path: o.path,
    name: o.name,
    kind: o.kind,
    sector: o.sector,
    hasCommittee: (JSON.parse(o.committee) as string[]).length > 0,
    foundedOn: o.foundedOn,
    // closed_at is a moment; the org existed through that day in China.
    closedOn: o.closedAt === null ? null : todayIso(new Date(o.closedAt)),
  }));
  return {
    catalogue,
    orgs,
    meetingsOf: (id) => meetings.get(id) ?? [],
    exemptionsOf: (id) => exempt.get(id) ?? [],
  };
}

/** "应召开1次，实际召开0次" — the shortfall in words. */
export function shortfallMessage(row: Pick<ObligationCompliance, 'kind' | 'expected' | 'held'>): string {
  return `${MEETING_KIND_LABELS[row.kind]}应召开${row.expected}次，实际召开${row.held}次`;
}

/** The statuses an org (or one meeting kind of it) is tallied by: not_applicable rows are left out before. */
export const TALLY_STATUSES = ['met', 'short', 'in_progress', 'exempt'] as const;
export type TallyStatus = (typeof TALLY_STATUSES)[number];

export interface OrgKindCompliance {
  kind: MeetingKind;
  held: number;
  expected: number;
  status: TallyStatus;
  /** The periods behind the status (a quarter's three months). */
  periods: Array<{ key: string; held: number; expected: number; status: string; reason: string | null }>;
}

function byKind(rows: ObligationCompliance[]): OrgKindCompliance[] {
  const out = new Map<MeetingKind, ObligationCompliance[]>();
  for (const r of rows) out.set(r.kind, [...(out.get(r.kind) ?? []), r]);
  return [...out].map(([kind, rs]) => ({
    kind,
    held: rs.reduce((s, r) => s + r.held, 0),
    expected: rs.filter((r) => r.status !== 'exempt').reduce((s, r) => s + r.expected, 0),
    status: worstStatus(rs.map((r) => r.status)) as TallyStatus,
    periods: rs.map((r) => ({
      key: r.period.key,
      held: r.held,
      expected: r.expected,
      status: r.status,
      reason: r.reason,
    })),
  }));
}

export interface OrgLifeCompliance {
  orgId: number;
  name: string;
  path: string;
  orgKind: OrgKind;
  /** The worst status of its meeting kinds: short as soon as one period ended short. */
  status: TallyStatus;
  kinds: OrgKindCompliance[];
}

/**
 * Held vs expected for every org of the subtree at `path` in the scope that an obligation binds in [from, to], in
 * tree order: the one computation of the 完成情况 page and of the 组织生活 metrics. Obligations of another cycle
 * count by their own periods that overlap [from, to] (a quarter holds three monthly periods and lies in one yearly
 * period), so meetings are read for the whole years the range touches; `today` decides which periods are over.
 */
export async function subtreeCompliance(
  db: Db,
  path: string,
  scope: Scope,
  from: string,
  to: string,
  today: string,
): Promise<{ catalogue: CatalogueEntry[]; orgs: OrgLifeCompliance[] }> {
  const life = await loadSubtreeLife(db, path, periodOf('year', from).start, periodOf('year', to).end);
  const orgs: OrgLifeCompliance[] = [];
  for (const org of life.orgs) {
    if (!isPathInScope(scope, org.path)) continue;
    const result = orgCompliance(
      org,
      life.meetingsOf(org.id),
      from,
      to,
      { today, exemptions: life.exemptionsOf(org.id) },
      life.catalogue,
    );
    if (result.rows.length === 0) continue;
    const kinds = byKind(result.rows);
    const status = worstStatus(kinds.map((k) => k.status)) as TallyStatus;
    orgs.push({ orgId: org.id, name: org.name, path: org.path, orgKind: org.kind, status, kinds });
  }
  return { catalogue: life.catalogue, orgs };
}
