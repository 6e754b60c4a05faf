import { describe, expect, it } from 'vitest';
import {
  isGrantActive,
  PERMISSIONS,
  type Permission,
  ROLE_LABELS,
  ROLE_PERMISSIONS,
  ROLES,
  roleHasPermission,
} from './access.js';

const WRITES = PERMISSIONS.filter((p) => !p.endsWith(':read') && p !== 'pii:reveal' && p !== 'stats:read');

describe('roles and permissions', () => {
  it.each(ROLES)('%s: permissions are a subset of PERMISSIONS, without duplicates', (role) => {
    const perms = ROLE_PERMISSIONS[role];
    for (const p of perms) expect(PERMISSIONS).toContain(p);
    expect(new Set(perms).size).toBe(perms.length);
  });

  it.each(ROLES)('%s has a Chinese label and can read orgs, members and statistics', (role) => {
    expect(ROLE_LABELS[role]).toMatch(/[\u4e00-\u9fff]/);
    for (const p of ['orgs:read', 'members:read', 'stats:read'] as const) expect(roleHasPermission(role, p)).toBe(true);
  });

  it('system_admin holds every permission', () => {
    for (const p of PERMISSIONS) expect(roleHasPermission('system_admin', p)).toBe(true);
  });

  it.each(['grid_worker', 'readonly_leader'] as const)('%s cannot write anything or reveal PII', (role) => {
    expect(WRITES).toContain('members:transfer');
    expect(WRITES).toContain('development:approve');
    for (const p of [...WRITES, 'pii:reveal'] as Permission[]) expect(roleHasPermission(role, p)).toBe(false);
  });

  it('readonly_leader may read the audit log; grid_worker may not', () => {
    expect(roleHasPermission('readonly_leader', 'audit:read')).toBe(true);
    expect(roleHasPermission('grid_worker', 'audit:read')).toBe(false);
  });

  it('only the county edits the obligation catalogue; only township and up approve development steps', () => {
    expect(ROLES.filter((r) => roleHasPermission(r, 'obligations:manage'))).toEqual([
      'system_admin',
      'org_department_admin',
    ]);
    expect(ROLES.filter((r) => roleHasPermission(r, 'development:approve'))).toEqual([
      'system_admin',
      'org_department_admin',
      'township_admin',
    ]);
  });

  it('only system and org-department admins manage users', () => {
    expect(ROLES.filter((r) => roleHasPermission(r, 'users:manage'))).toEqual(['system_admin', 'org_department_admin']);
  });

  it('every role that may reveal PII may also read members (a reveal is of a record one can see)', () => {
    for (const r of ROLES)
      if (roleHasPermission(r, 'pii:reveal')) expect(roleHasPermission(r, 'members:read')).toBe(true);
  });

  it('branch secretaries edit and transfer members but not orgs or users', () => {
    expect(roleHasPermission('branch_secretary', 'members:write')).toBe(true);
    expect(roleHasPermission('branch_secretary', 'members:transfer')).toBe(true);
    expect(roleHasPermission('branch_secretary', 'orgs:write')).toBe(false);
    expect(roleHasPermission('branch_secretary', 'users:read')).toBe(false);
    expect(roleHasPermission('branch_secretary', 'audit:read')).toBe(false);
  });
});

describe('isGrantActive', () => {
  const from = '2025-07-01';
  const to = '2025-12-31';

  it('an open-ended grant is always active', () => {
    expect(isGrantActive({ validFrom: null, validTo: null }, '1900-01-01')).toBe(true);
    expect(isGrantActive({ validFrom: null, validTo: null }, '2099-12-31')).toBe(true);
  });

  it('starts on validFrom (inclusive)', () => {
    expect(isGrantActive({ validFrom: from, validTo: null }, '2025-06-30')).toBe(false);
    expect(isGrantActive({ validFrom: from, validTo: null }, from)).toBe(true);
    expect(isGrantActive({ validFrom: from, validTo: null }, '2025-07-02')).toBe(true);
  });

  it('ends after validTo (inclusive)', () => {
    expect(isGrantActive({ validFrom: null, validTo: to }, '2025-12-30')).toBe(true);
    expect(isGrantActive({ validFrom: null, validTo: to }, to)).toBe(true);
    expect(isGrantActive({ validFrom: null, validTo: to }, '2026-01-01')).toBe(false);
  });

  it('a bounded grant is active from validFrom through validTo', () => {
    const g = { validFrom: from, validTo: to };
    expect(['2025-06-30', from, '2025-09-15', to, '2026-01-01'].map((d) => isGrantActive(g, d))).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
  });

  it('a one-day grant is active on that day only', () => {
    const g = { validFrom: from, validTo: from };
    expect(isGrantActive(g, '2025-06-30')).toBe(false);
    expect(isGrantActive(g, from)).toBe(true);
    expect(isGrantActive(g, '2025-07-02')).toBe(false);
  });
});
