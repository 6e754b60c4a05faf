import { ORG_KIND_LABELS, type OrgWarning, SECTOR_LABELS, termEnd } from '@grassroots/domain';
import type { OrgRow } from './orgs.table.js';

export function committeeOf(row: Pick<OrgRow, 'committee'>): string[] {
  try {
    const v: unknown = JSON.parse(row.committee);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function toOrgDto(row: OrgRow) {
  return {
    id: row.id,
    parentId: row.parentId,
    path: row.path,
    depth: row.depth,
    name: row.name,
    shortName: row.shortName,
    kind: row.kind,
    kindLabel: ORG_KIND_LABELS[row.kind],
    sector: row.sector,
    sectorLabel: SECTOR_LABELS[row.sector],
    code: row.code,
    secretaryName: row.secretaryName,
    committee: committeeOf(row),
    foundedOn: row.foundedOn,
    termStart: row.termStart,
    termYears: row.termYears,
    termEnd: row.termStart && row.termYears ? termEnd(row.termStart, row.termYears) : null,
    contactPhone: row.contactPhone,
    address: row.address,
    closedAt: row.closedAt,
    closedReason: row.closedReason,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type OrgDto = ReturnType<typeof toOrgDto>;

export interface OrgCounts {
  memberCount: number;
  fullMemberCount: number;
  childCount: number;
}

export function toOrgNodeDto(row: OrgRow, counts: OrgCounts, warnings: OrgWarning[]) {
  return { ...toOrgDto(row), ...counts, hasChildren: counts.childCount > 0, warnings };
}

/** What the audit log keeps of an org. */
export function toOrgAuditSnapshot(row: OrgRow) {
  const { nameInitials, createdAt, updatedAt, ...rest } = row;
  return { ...rest, committee: committeeOf(row) };
}
