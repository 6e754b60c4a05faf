// Roles are sets of permission strings (DESIGN.md "Access"); a user's scope for a permission is the union of the
// anchors of the grants whose role holds it.

export const PERMISSIONS = [
  'orgs:read',
  'orgs:write',
  'members:read',
  'members:write',
  'members:transfer',
  'pii:reveal',
  'stats:read',
  'users:read',
  'users:manage',
  'audit:read',
  // 发展党员: record steps; approve is the upper committee's 审批 (township or county).
  'development:read',
  'development:write',
  'development:approve',
  // 组织生活: meetings and exemptions; the obligation catalogue is the county's.
  'life:read',
  'life:write',
  'obligations:manage',
  // 党费
  'dues:read',
  'dues:write',
  // 软弱涣散整顿, 星级评定 (designation and acceptance by the upper level).
  'ratings:read',
  'ratings:write',
  // 清单管理, 书记项目, 实事: report progress and keep lists; acceptance also needs the issuer's scope.
  'tasks:read',
  'tasks:write',
  // 督导检查与整改: verify is the upper level's 验收销号, never the rectifying org itself.
  'inspections:read',
  'inspections:write',
  'inspections:verify',
  // 工作汇报: save report drafts and templates (reading them, and every figure in them, is stats:read and each
  // metric's own permission).
  'reports:write',
  // 统计表 (一表通): define the forms of an org's subtree — the county's (and the system's); filling one is stats:read.
  'forms:write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = [
  'system_admin',
  'org_department_admin',
  'township_admin',
  'branch_secretary',
  'grid_worker',
  'readonly_leader',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  system_admin: '系统管理员',
  org_department_admin: '组织部管理员',
  township_admin: '乡镇(街道)党(工)委管理员',
  branch_secretary: '支部书记',
  grid_worker: '网格员',
  readonly_leader: '只读领导',
};

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  system_admin: PERMISSIONS,
  org_department_admin: [
    'orgs:read',
    'orgs:write',
    'members:read',
    'members:write',
    'members:transfer',
    'pii:reveal',
    'stats:read',
    'users:read',
    'users:manage',
    'audit:read',
    'development:read',
    'development:write',
    'development:approve',
    'life:read',
    'life:write',
    'obligations:manage',
    'dues:read',
    'dues:write',
    'ratings:read',
    'ratings:write',
    'tasks:read',
    'tasks:write',
    'inspections:read',
    'inspections:write',
    'inspections:verify',
    'reports:write',
    'forms:write',
  ],
  township_admin: [
    'orgs:read',
    'orgs:write',
    'members:read',
    'members:write',
    'members:transfer',
    'pii:reveal',
    'stats:read',
    'users:read',
    'audit:read',
    'development:read',
    'development:write',
    'development:approve',
    'life:read',
    'life:write',
    'dues:read',
    'dues:write',
    'ratings:read',
    'ratings:write',
    'tasks:read',
    'tasks:write',
    'inspections:read',
    'inspections:write',
    'inspections:verify',
    'reports:write',
  ],
  branch_secretary: [
    'orgs:read',
    'members:read',
    'members:write',
    'members:transfer',
    'pii:reveal',
    'stats:read',
    'development:read',
    'development:write',
    'life:read',
    'life:write',
    'dues:read',
    'dues:write',
    'ratings:read',
    'tasks:read',
    'tasks:write',
    'inspections:read',
    'inspections:write',
  ],
  grid_worker: ['orgs:read', 'members:read', 'stats:read', 'life:read'],
  readonly_leader: [
    'orgs:read',
    'members:read',
    'stats:read',
    'audit:read',
    'development:read',
    'life:read',
    'dues:read',
    'ratings:read',
    'tasks:read',
    'inspections:read',
  ],
};

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export interface Grant {
  role: Role;
  orgId: number;
  includeSubtree: boolean;
  /** YYYY-MM-DD inclusive, or null for open-ended. */
  validFrom: string | null;
  validTo: string | null;
}

export function isGrantActive(grant: Pick<Grant, 'validFrom' | 'validTo'>, today: string): boolean {
  return (grant.validFrom === null || grant.validFrom <= today) && (grant.validTo === null || today <= grant.validTo);
}
