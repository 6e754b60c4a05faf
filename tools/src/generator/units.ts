// Units (单位) for the 应建未建 ledger: every enterprise, institution and organ that has its own party org is a
// covered unit; each township also oversees a few units with no party org, some of them with ≥ 3 formal members.
import { type Sector, UNIT_TYPES, type UnitType } from '@grassroots/domain';
import type { Dataset, GeneratedOrg } from './generate.js';
import { Rng } from './prng.js';

export interface GeneratedUnit {
  orgId: number;
  name: string;
  unitType: UnitType;
  fullMembers: number;
  employees: number;
  coveringOrgId: number | null;
}

const UNCOVERED_NAMES = [
  '商贸有限公司',
  '物流有限公司',
  '建材有限公司',
  '农业专业合作社',
  '物业服务有限公司',
  '电子商务有限公司',
  '养老服务中心',
  '餐饮管理有限公司',
];
const UNCOVERED_TYPES: readonly UnitType[] = [
  'private_enterprise',
  'private_enterprise',
  'private_enterprise',
  'social_organization',
  'private_enterprise',
  'new_economy',
  'social_organization',
  'private_enterprise',
];
const isUnitType = (s: Sector): s is UnitType => (UNIT_TYPES as readonly string[]).includes(s);

/**
 * `fullMembersOf(orgId)`: formal members in an org's subtree (the loader knows them from its counters).
 * Deterministic for the dataset's seed.
 */
export function generateUnits(dataset: Dataset, fullMembersOf: (orgId: number) => number): GeneratedUnit[] {
  const byId = new Map(dataset.orgs.map((o) => [o.id, o]));
  const units: GeneratedUnit[] = [];
  const rng = new Rng(dataset.seed, 7_000_001);
  // A unit's own org: the top org of a non-rural, non-community sector under an org of another sector or kind.
  const isUnitOrg = (o: GeneratedOrg) => {
    const parent = o.parentId === null ? null : byId.get(o.parentId);
    return (
      isUnitType(o.sector) &&
      o.kind !== 'group' &&
      o.kind !== 'working_committee' &&
      parent !== null &&
      parent !== undefined &&
      (parent.sector !== o.sector || parent.kind === 'working_committee')
    );
  };
  for (const o of dataset.orgs) {
    if (!isUnitOrg(o) || !isUnitType(o.sector)) continue;
    const name = (o.shortName ?? o.name).replace(/(联合党支部|党总支|党支部|党委)$/, '');
    const full = fullMembersOf(o.id);
    units.push({
      orgId: o.parentId!,
      name,
      unitType: o.sector,
      fullMembers: full,
      employees: full * rng.range(3, 12),
      coveringOrgId: o.id,
    });
  }
  // Townships and streets: rural or community committees directly under a (county) government-sector committee.
  const townships = dataset.orgs.filter(
    (o) =>
      (o.kind === 'committee' || o.kind === 'working_committee') &&
      (o.sector === 'rural' || o.sector === 'urban_community') &&
      o.parentId !== null &&
      byId.get(o.parentId)?.sector === 'government',
  );
  for (const t of townships) {
    const place = (t.shortName ?? t.name).replace(/(党委|党工委)$/, '');
    const n = rng.range(1, 4);
    for (let i = 0; i < n; i++) {
      const k = rng.int(UNCOVERED_NAMES.length);
      units.push({
        orgId: t.id,
        name: `${place}${['宏达', '兴旺', '顺通', '鑫源', '惠民', '康泰', '绿源', '恒信'][rng.int(8)]}${UNCOVERED_NAMES[k]}`,
        unitType: UNCOVERED_TYPES[k]!,
        // About half of them should have an org by now (≥ 3 formal members): the 应建未建 list.
        fullMembers: rng.chance(0.5) ? rng.range(3, 9) : rng.range(0, 2),
        employees: rng.range(8, 120),
        coveringOrgId: null,
      });
    }
  }
  return units;
}
