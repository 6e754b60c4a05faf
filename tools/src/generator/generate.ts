// Deterministic demo data: an org tree and a member stream for a county, a city or a province, as a pure function of
// (scale, seed, today). The member stream is a generator, so the province's 3 million members are never all held.
import type { Education, Ethnicity, Gender, MemberStatus, Occupation, OrgKind, Sector } from '@grassroots/domain';
import { isValidIsoDate } from '@grassroots/domain';
import { DayTable } from './day-table.js';
import { memberStream } from './member-stream.js';
import { buildOrgTree } from './org-tree.js';

export type Scale = 'county' | 'city' | 'province';

export interface GeneratedOrg {
  id: number;
  parentId: number | null;
  /** '/1/7/42/': the ids from the root down to this org. */
  path: string;
  /** The root is 0. */
  depth: number;
  name: string;
  /** pinyinInitials(name). */
  nameInitials: string;
  shortName: string | null;
  kind: OrgKind;
  sector: Sector;
  /** Unique, [A-Za-z0-9-]{1,32}. */
  code: string;
  secretaryName: string | null;
  /** Committee member names (the secretary first); empty where the org has no committee. */
  committee: string[];
  foundedOn: string | null;
  termStart: string | null;
  termYears: 3 | 5 | null;
  contactPhone: string | null;
  address: string | null;
}

export interface GeneratedMember {
  id: number;
  orgId: number;
  orgPath: string;
  name: string;
  nameInitials: string;
  gender: Gender;
  ethnicity: Ethnicity;
  birthDate: string;
  idNumber: string;
  education: Education;
  occupation: Occupation;
  joinedOn: string;
  fullOn: string | null;
  status: MemberStatus;
  phone: string | null;
  address: string | null;
  isMobile: 0 | 1;
  isLostContact: 0 | 1;
  isHardship: 0 | 1;
  isVeteran: 0 | 1;
}

export interface DemoAnchors {
  root: number;
  /** The 城关镇 township. */
  township: number;
  /** A village branch under that township with 党小组 and at least 30 members. */
  villageBranch: number;
  /** A 党小组 under villageBranch. */
  grid: number;
  /** Another township of the same county. */
  otherTownship: number;
}

export interface Dataset {
  scale: Scale;
  seed: number;
  orgs: GeneratedOrg[];
  expectedMembers: number;
  /** Streams the members in id order (1..expectedMembers); every call yields the identical sequence. */
  members(): Generator<GeneratedMember>;
  anchors: DemoAnchors;
}

export function generateDataset(opts: { scale: Scale; seed: number; today: string }): Dataset {
  const { scale, seed, today } = opts;
  if (!isValidIsoDate(today)) throw new Error(`today must be a YYYY-MM-DD date, got ${today}`);
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  const days = new DayTable(today);
  const tree = buildOrgTree(scale, seed, days, today);
  return {
    scale,
    seed,
    orgs: tree.orgs,
    expectedMembers: tree.totalMembers,
    members: () => memberStream(seed, days, tree.leaves),
    anchors: tree.anchors,
  };
}
