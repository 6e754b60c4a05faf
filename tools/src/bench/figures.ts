// One shape for a dashboard's figures, so the counters, the peer and the in-memory scan can be checked to agree
// before their speeds are compared: a fast wrong answer would make every ratio meaningless.
import { AGE_BANDS, EDUCATIONS, GENDERS, MEMBER_STATUSES, OCCUPATIONS, ORG_KINDS } from '@grassroots/domain';

export interface NodeFigures {
  members: {
    total: number;
    byStatus: Record<string, number>;
    byGender: Record<string, number>;
    byEducation: Record<string, number>;
    byAgeBand: Record<string, number>;
    byOccupation: Record<string, number>;
  };
  orgs: { total: number; byKind: Record<string, number> };
}

export interface DashboardFigures extends NodeFigures {
  orgId: number;
  children: Array<NodeFigures & { orgId: number }>;
}

/** The member dimensions in a fixed order, with their value tuples (codes are indexes into these). */
export const MEMBER_DIMENSIONS = [
  ['byStatus', MEMBER_STATUSES],
  ['byGender', GENDERS],
  ['byEducation', EDUCATIONS],
  ['byAgeBand', AGE_BANDS],
  ['byOccupation', OCCUPATIONS],
] as const;

const zeros = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0]));

export function emptyNodeFigures(): NodeFigures {
  return {
    members: {
      total: 0,
      byStatus: zeros(MEMBER_STATUSES),
      byGender: zeros(GENDERS),
      byEducation: zeros(EDUCATIONS),
      byAgeBand: zeros(AGE_BANDS),
      byOccupation: zeros(OCCUPATIONS),
    },
    orgs: { total: 0, byKind: zeros(ORG_KINDS) },
  };
}

interface StatsLike extends NodeFigures {
  orgId: number;
  children: Array<NodeFigures & { orgId: number }>;
}

/** getOrgStats' answer reduced to the compared figures (children by id, names and dates dropped). */
export function figuresFromOrgStats(stats: StatsLike): DashboardFigures {
  const pick = (s: NodeFigures): NodeFigures => ({
    members: {
      total: s.members.total,
      byStatus: { ...s.members.byStatus },
      byGender: { ...s.members.byGender },
      byEducation: { ...s.members.byEducation },
      byAgeBand: { ...s.members.byAgeBand },
      byOccupation: { ...s.members.byOccupation },
    },
    orgs: { total: s.orgs.total, byKind: { ...s.orgs.byKind } },
  });
  return {
    orgId: stats.orgId,
    ...pick(stats),
    children: stats.children.map((c) => ({ orgId: c.orgId, ...pick(c) })).sort((a, b) => a.orgId - b.orgId),
  };
}

/** The first difference between two answers as a readable path, or null when they agree exactly. */
export function diffFigures(a: DashboardFigures, b: DashboardFigures): string | null {
  const walk = (x: unknown, y: unknown, path: string): string | null => {
    if (typeof x === 'object' && x !== null && typeof y === 'object' && y !== null) {
      const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
      for (const k of keys) {
        const d = walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${path}.${k}`);
        if (d) return d;
      }
      return null;
    }
    return x === y ? null : `${path}: ${String(x)} ≠ ${String(y)}`;
  };
  return walk(a, b, '$');
}
