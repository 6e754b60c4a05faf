import { isOrgGap, UNIT_TYPE_LABELS } from '@grassroots/domain';
import type { UnitRow } from './units.table.js';

export function toUnitDto(row: UnitRow & { orgName: string; coveringOrgName: string | null }) {
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: row.orgName,
    name: row.name,
    unitType: row.unitType,
    unitTypeLabel: UNIT_TYPE_LABELS[row.unitType],
    fullMembers: row.fullMembers,
    employees: row.employees,
    coveringOrgId: row.coveringOrgId,
    coveringOrgName: row.coveringOrgName,
    isOrgGap: isOrgGap(row),
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type UnitDto = ReturnType<typeof toUnitDto>;

export function toUnitAuditSnapshot(row: UnitRow) {
  const { nameInitials, createdAt, updatedAt, ...rest } = row;
  return rest;
}
