// The one scope function (DESIGN.md "Access"): (actor, permission) → the org-path anchors the actor may act on,
// compiled to one SQL condition for every list, detail, count, export and statistic.
import { type Permission, roleHasPermission } from '@grassroots/domain';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Database, Db } from '../db/database.js';
import type { Actor } from './actor.js';
import { forbidden } from './errors.js';

export interface ScopeAnchor {
  path: string;
  includeSubtree: boolean;
}
export type Scope = readonly ScopeAnchor[];

/** Paths sort byte-wise and '~' sorts after every digit and '/', so a subtree is [path, path~). */
export function subtreeEnd(path: string): string {
  return `${path}~`;
}

/** The tables that carry an org_path, so that an org move rewrites them. */
export type OrgPathTable = {
  [T in keyof Database]: Database[T] extends { orgPath: string } ? T : never;
}[keyof Database];

/** Moves a table's org paths along with an org subtree that moved from `oldPath` to `newPath`. */
export async function rewriteSubtreePaths(db: Db, table: OrgPathTable, oldPath: string, newPath: string) {
  await db
    .updateTable(table)
    .set({ orgPath: sql`${newPath} || substr(org_path, ${oldPath.length + 1})` })
    .where('orgPath', '>=', oldPath)
    .where('orgPath', '<', subtreeEnd(oldPath))
    .execute();
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.grants.some((g) => roleHasPermission(g.role, permission));
}

/**
 * The union of the anchors of the actor's grants whose role holds the permission — never the widest scope of any
 * role. Throws 403 when no grant holds it. Anchors inside another subtree anchor are dropped.
 */
export function scopeOf(actor: Actor, permission: Permission): Scope {
  const anchors = actor.grants
    .filter((g) => roleHasPermission(g.role, permission))
    .map((g) => ({ path: g.orgPath, includeSubtree: g.includeSubtree }));
  if (anchors.length === 0) throw forbidden();
  const subtrees = anchors.filter((a) => a.includeSubtree);
  const kept: ScopeAnchor[] = [];
  for (const a of anchors) {
    const covered = subtrees.some(
      (s) => s !== a && a.path.startsWith(s.path) && (a.path !== s.path || !a.includeSubtree),
    );
    const duplicate = kept.some((k) => k.path === a.path && k.includeSubtree === a.includeSubtree);
    if (!covered && !duplicate) kept.push(a);
  }
  return kept;
}

/** The same rule as `whereInScope`, for a path already in memory. */
export function isPathInScope(scope: Scope, path: string): boolean {
  return scope.some((a) => (a.includeSubtree ? path.startsWith(a.path) : path === a.path));
}

/**
 * The SQL condition: `column` (an org path column) lies in the scope. Each subtree is an index range scan; with
 * `useIndex: false` the path test is written so no planner uses the path index for it (large subtrees listed in
 * name order read the name index instead, DESIGN.md "Data").
 */
export function whereInScope(scope: Scope, column: string, options: { useIndex?: boolean } = {}): Expression<SqlBool> {
  const ref = options.useIndex === false ? sql`(${sql.ref(column)} || '')` : sql.ref(column);
  const parts = scope.map((a) =>
    a.includeSubtree
      ? sql<SqlBool>`(${ref} >= ${a.path} and ${ref} < ${subtreeEnd(a.path)})`
      : sql<SqlBool>`${ref} = ${a.path}`,
  );
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/** Restricts a scope to the subtree of `path` (the org the user picked in the tree); empty when disjoint. */
export function narrowScope(scope: Scope, path: string): Scope {
  const out: ScopeAnchor[] = [];
  for (const a of scope) {
    if (a.includeSubtree && path.startsWith(a.path)) return [{ path, includeSubtree: true }];
    if (a.path.startsWith(path)) out.push(a);
  }
  return out;
}

/**
 * The scope reaches `path` from a subtree anchor strictly above it: the upper level's authority (验收, 星级评定),
 * which an actor anchored at the org itself does not have.
 */
export function isPathBelowScopeAnchor(scope: Scope, path: string): boolean {
  return scope.some((a) => a.includeSubtree && path.startsWith(a.path) && path !== a.path);
}
