import { completionRate } from '@grassroots/domain';
import type { LinkWithOrg, VisitWithNames } from './contact-points.repo.js';

/** In force on `day`: started, and not ended before it. */
export const isLinkActive = (l: { validFrom: string; validTo: string | null }, day: string) =>
  l.validFrom <= day && (l.validTo === null || l.validTo >= day);

export function toLinkDto(row: LinkWithOrg, today: string) {
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: row.orgName,
    leaderName: row.leaderName,
    leaderPosition: row.leaderPosition,
    validFrom: row.validFrom,
    validTo: row.validTo,
    active: isLinkActive(row, today),
    note: row.note,
    visits: Number(row.visits ?? 0),
    version: row.version,
    updatedAt: row.updatedAt,
  };
}
export type ContactLinkDto = ReturnType<typeof toLinkDto>;

export interface ProblemDto {
  text: string;
  solved: boolean;
  solvedOn: string | null;
}

export function toVisitDto(row: VisitWithNames, problems: readonly ProblemDto[]) {
  return {
    id: row.id,
    linkId: row.linkId,
    orgId: row.orgId,
    orgName: row.orgName,
    leaderName: row.leaderName,
    leaderPosition: row.leaderPosition,
    linkValidFrom: row.linkValidFrom,
    linkValidTo: row.linkValidTo,
    visitedOn: row.visitedOn,
    content: row.content,
    problems,
    raised: problems.length,
    solved: problems.filter((p) => p.solved).length,
    version: row.version,
    updatedAt: row.updatedAt,
  };
}
export type ContactVisitDto = ReturnType<typeof toVisitDto>;

export function toFiguresDto(
  year: number,
  r: { visits: unknown; raised: unknown; solved: unknown; orgsCovered: unknown; leaders: unknown },
) {
  const raised = Number(r.raised ?? 0);
  const solved = Number(r.solved ?? 0);
  return {
    year,
    visits: Number(r.visits ?? 0),
    raised,
    solved,
    unsolved: raised - solved,
    solvedRate: completionRate(solved, raised),
    orgsCovered: Number(r.orgsCovered ?? 0),
    leaders: Number(r.leaders ?? 0),
  };
}

/** Audit snapshots: the record's own columns (a visit's with its problems), without joined names and counts. */
export function linkAudit(row: LinkWithOrg) {
  const { orgName, visits, createdAt, updatedAt, ...rest } = row;
  return rest;
}

export function visitAudit(row: VisitWithNames, problems: readonly ProblemDto[]) {
  const { orgName, leaderName, leaderPosition, linkValidFrom, linkValidTo, createdAt, updatedAt, ...rest } = row;
  return { ...rest, problems };
}
