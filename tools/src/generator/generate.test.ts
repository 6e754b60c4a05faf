import {
  addMonths,
  addYears,
  ageOn,
  isValidIsoDate,
  type OrgWarningKind,
  orgWarnings,
  parseIdNumber,
  pinyinInitials,
  termEnd,
} from '@grassroots/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Dataset, type GeneratedMember, type GeneratedOrg, generateDataset } from './generate.js';

const TODAY = '2025-06-30';

function take<T>(it: Iterator<T>, n: number): T[] {
  const out: T[] = [];
  for (let r = it.next(); !r.done && out.length < n; r = it.next()) out.push(r.value);
  return out;
}

function isTownship(o: GeneratedOrg): boolean {
  return o.depth === 1 && (o.sector === 'rural' || o.sector === 'urban_community');
}

describe('generateDataset, county scale', () => {
  let county: Dataset;
  let members: GeneratedMember[];
  let byId: Map<number, GeneratedOrg>;
  let parents: Set<number>;

  beforeAll(() => {
    county = generateDataset({ scale: 'county', seed: 42, today: TODAY });
    members = [...county.members()];
    byId = new Map(county.orgs.map((o) => [o.id, o]));
    parents = new Set(county.orgs.map((o) => o.parentId).filter((p) => p !== null));
  });

  const share = (list: GeneratedMember[], pred: (m: GeneratedMember) => boolean) =>
    list.filter(pred).length / list.length;

  it('is deterministic for the same seed and differs for another', () => {
    const again = generateDataset({ scale: 'county', seed: 42, today: TODAY });
    expect(again.orgs).toEqual(county.orgs);
    expect(again.anchors).toEqual(county.anchors);
    expect(take(again.members(), 1000)).toEqual(members.slice(0, 1000));
    // The stream restarts identically on every call.
    expect(take(county.members(), 1000)).toEqual(members.slice(0, 1000));

    const other = generateDataset({ scale: 'county', seed: 43, today: TODAY });
    expect(other.orgs.map((o) => o.name)).not.toEqual(county.orgs.map((o) => o.name));
    expect(take(other.members(), 100).map((m) => m.idNumber)).not.toEqual(members.slice(0, 100).map((m) => m.idNumber));
  });

  it('has the size of a county', () => {
    const townships = county.orgs.filter(isTownship);
    expect(townships.length).toBeGreaterThanOrEqual(12);
    expect(townships.length).toBeLessThanOrEqual(18);
    const villagesAndCommunities = county.orgs.filter(
      (o) => o.depth === 2 && o.kind !== 'group' && (o.sector === 'rural' || o.sector === 'urban_community'),
    );
    expect(villagesAndCommunities.length).toBeGreaterThanOrEqual(120);
    expect(villagesAndCommunities.length).toBeLessThanOrEqual(200);
    expect(members.length).toBeGreaterThanOrEqual(18_000);
    expect(members.length).toBeLessThanOrEqual(22_000);
    expect(county.expectedMembers).toBe(members.length);
    expect(county.orgs.some((o) => o.kind === 'working_committee' && o.sector === 'urban_community')).toBe(true);
    expect(county.orgs.some((o) => o.kind === 'group' && o.name === '第一党小组')).toBe(true);
  });

  it('keeps the tree consistent: dense ids, parents first, paths, depths, unique codes, initials', () => {
    const codes = new Set<string>();
    county.orgs.forEach((o, i) => {
      expect(o.id).toBe(i + 1);
      if (o.parentId === null) {
        expect(o.path).toBe(`/${o.id}/`);
        expect(o.depth).toBe(0);
      } else {
        const parent = byId.get(o.parentId) as GeneratedOrg;
        expect(parent.id).toBeLessThan(o.id);
        expect(o.path).toBe(`${parent.path}${o.id}/`);
        expect(o.depth).toBe(parent.depth + 1);
      }
      expect(o.code).toMatch(/^[A-Za-z0-9-]{1,32}$/);
      codes.add(o.code);
      expect(o.nameInitials).toBe(pinyinInitials(o.name));
      for (const date of [o.foundedOn, o.termStart]) {
        if (date !== null) expect(isValidIsoDate(date) && date <= TODAY).toBe(true);
      }
    });
    expect(codes.size).toBe(county.orgs.length);
    expect(county.orgs.filter((o) => o.parentId === null)).toHaveLength(1);
  });

  it('hangs every member on a leaf org, with that org’s path and dense ids', () => {
    members.forEach((m, i) => {
      expect(m.id).toBe(i + 1);
      const org = byId.get(m.orgId) as GeneratedOrg;
      expect(m.orgPath).toBe(org.path);
      expect(parents.has(m.orgId)).toBe(false);
    });
  });

  it('gives every member a valid, unique ID number matching birth date and gender', () => {
    const seen = new Set<string>();
    for (const m of members) {
      const parsed = parseIdNumber(m.idNumber, TODAY);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) {
        expect(parsed.value.birthDate).toBe(m.birthDate);
        expect(parsed.value.gender).toBe(m.gender);
      }
      seen.add(m.idNumber);
    }
    expect(seen.size).toBe(members.length);
  });

  it('keeps join and full-membership dates consistent', () => {
    for (const m of members) {
      expect(m.joinedOn >= addYears(m.birthDate, 18)).toBe(true);
      expect(m.joinedOn <= TODAY).toBe(true);
      if (m.status === 'full') {
        expect(m.fullOn).not.toBeNull();
        expect((m.fullOn as string) >= addYears(m.joinedOn, 1)).toBe(true);
        expect((m.fullOn as string) <= TODAY).toBe(true);
      } else {
        expect(m.fullOn).toBeNull();
        expect(m.joinedOn > addYears(TODAY, -1)).toBe(true);
      }
    }
    const probationary = share(members, (m) => m.status === 'probationary');
    expect(probationary).toBeGreaterThan(0.015);
    expect(probationary).toBeLessThan(0.035);
  });

  it('has realistic shares of women, minorities, age, flags and phones', () => {
    const women = share(members, (m) => m.gender === 'female');
    expect(women).toBeGreaterThanOrEqual(0.25);
    expect(women).toBeLessThanOrEqual(0.4);
    const minorities = share(members, (m) => m.ethnicity !== '汉族');
    expect(minorities).toBeGreaterThan(0.03);
    expect(minorities).toBeLessThan(0.15);
    const old = share(members, (m) => ageOn(m.birthDate, TODAY) >= 61);
    expect(old).toBeGreaterThan(0.2);
    expect(old).toBeLessThan(0.45);
    const mobile = share(members, (m) => m.isMobile === 1);
    expect(mobile).toBeGreaterThan(0.02);
    expect(mobile).toBeLessThan(0.07);
    const hardship = share(members, (m) => m.isHardship === 1);
    expect(hardship).toBeGreaterThan(0.015);
    expect(hardship).toBeLessThan(0.05);
    const noPhone = share(members, (m) => m.phone === null);
    expect(noPhone).toBeGreaterThan(0.02);
    expect(noPhone).toBeLessThan(0.1);
    for (const m of members) if (m.phone !== null) expect(m.phone).toMatch(/^1[3-9]\d{9}$/);
  });

  it('keeps occupation, education and the veteran flag consistent with age', () => {
    const veteranJoin = addYears(TODAY, -50);
    for (const m of members) {
      const age = ageOn(m.birthDate, TODAY);
      if (m.occupation === 'student') expect(age).toBeLessThanOrEqual(30);
      if (m.occupation === 'retired') expect(age).toBeGreaterThanOrEqual(50);
      const veteran = (m.status === 'full' && m.joinedOn <= veteranJoin) || age >= 75;
      expect(m.isVeteran).toBe(veteran ? 1 : 0);
    }
  });

  it('computes member initials that equal pinyinInitials in person-name mode', () => {
    const step = Math.floor(members.length / 2000);
    for (let i = 0; i < 2000; i++) {
      const m = members[i * step] as GeneratedMember;
      expect(m.nameInitials).toBe(pinyinInitials(m.name, { personName: true }));
    }
  });

  it('finds 城关镇 by the initials prefix "cgz" and places the demo anchors', () => {
    const { anchors } = county;
    const cgz = county.orgs.filter((o) => isTownship(o) && o.nameInitials.startsWith('cgz'));
    expect(cgz.map((o) => o.id)).toEqual([anchors.township]);
    expect((byId.get(anchors.township) as GeneratedOrg).name).toContain('城关镇');
    expect(anchors.root).toBe(1);

    const village = byId.get(anchors.villageBranch) as GeneratedOrg;
    expect(village.parentId).toBe(anchors.township);
    expect(village.kind).toBe('branch');
    expect(village.sector).toBe('rural');
    const groups = county.orgs.filter((o) => o.parentId === village.id);
    expect(groups.length).toBeGreaterThan(0);
    expect(groups.every((g) => g.kind === 'group')).toBe(true);
    expect(members.filter((m) => m.orgPath.startsWith(village.path)).length).toBeGreaterThanOrEqual(30);

    const grid = byId.get(anchors.grid) as GeneratedOrg;
    expect(grid.kind).toBe('group');
    expect(grid.parentId).toBe(village.id);
    expect(members.some((m) => m.orgId === grid.id)).toBe(true);

    const other = byId.get(anchors.otherTownship) as GeneratedOrg;
    expect(isTownship(other)).toBe(true);
    expect(other.id).not.toBe(anchors.township);
  });

  it('draws secretaries and committees from the org’s own members', () => {
    const namesByOrg = new Map<number, Set<string>>();
    for (const m of members) {
      const set = namesByOrg.get(m.orgId) ?? new Set<string>();
      set.add(m.name);
      namesByOrg.set(m.orgId, set);
    }
    for (const o of county.orgs) {
      expect(o.secretaryName).not.toBeNull();
      if (o.committee.length > 0) expect(o.committee[0]).toBe(o.secretaryName);
      const own = namesByOrg.get(o.id);
      if (own !== undefined) {
        expect(own.has(o.secretaryName as string)).toBe(true);
        for (const name of o.committee) expect(own.has(name)).toBe(true);
      }
    }
  });

  it('produces size-vs-kind and term warnings, with terms of 5 years for villages and communities', () => {
    const full = new Map<number, number>();
    const total = new Map<number, number>();
    for (const m of members) {
      for (const part of m.orgPath.split('/')) {
        if (part === '') continue;
        const id = Number(part);
        total.set(id, (total.get(id) ?? 0) + 1);
        if (m.status === 'full') full.set(id, (full.get(id) ?? 0) + 1);
      }
    }
    const counts = new Map<OrgWarningKind, number>();
    const withTerms = county.orgs.filter((o) => o.kind !== 'group');
    for (const o of withTerms) {
      expect(o.termStart).not.toBeNull();
      expect((o.termStart as string) <= TODAY).toBe(true);
      expect((o.foundedOn as string) <= (o.termStart as string)).toBe(true);
      if (o.depth === 2 && (o.sector === 'rural' || o.sector === 'urban_community')) expect(o.termYears).toBe(5);
      const warnings = orgWarnings(
        {
          kind: o.kind,
          fullMembers: full.get(o.id) ?? 0,
          totalMembers: total.get(o.id) ?? 0,
          committeeSize: o.committee.length,
          termStart: o.termStart,
          termYears: o.termYears,
          isBasicLevel: o.depth >= 2,
        },
        TODAY,
      );
      for (const w of warnings) counts.set(w.kind, (counts.get(w.kind) ?? 0) + 1);
    }
    const ending = counts.get('term_ending') ?? 0;
    const overdue = counts.get('term_overdue') ?? 0;
    expect(ending / withTerms.length).toBeGreaterThan(0.01);
    expect(ending / withTerms.length).toBeLessThan(0.1);
    expect(overdue / withTerms.length).toBeGreaterThan(0.01);
    expect(overdue / withTerms.length).toBeLessThan(0.1);
    const endingSoon = withTerms.filter((o) => {
      const end = termEnd(o.termStart as string, o.termYears as number);
      return end > TODAY && end <= addMonths(TODAY, 6);
    });
    expect(endingSoon.length).toBe(ending);
    expect(counts.get('branch_too_small') ?? 0).toBeGreaterThan(0);
    expect(counts.get('committee_required') ?? 0).toBeGreaterThan(0);
    // Most branches that need a committee have one.
    const needing = withTerms.filter((o) => o.kind === 'branch' && (full.get(o.id) ?? 0) >= 7);
    expect(needing.filter((o) => o.committee.length > 0).length / needing.length).toBeGreaterThan(0.9);
  });

  it('skews a rural township toward 农牧渔民 and a street toward the educated', () => {
    const under = (pred: (o: GeneratedOrg) => boolean) => {
      const roots = county.orgs.filter((o) => isTownship(o) && pred(o)).map((o) => o.path);
      return members.filter((m) => roots.some((p) => m.orgPath.startsWith(p)));
    };
    const rural = under((o) => o.sector === 'rural');
    const streets = under((o) => o.kind === 'working_committee');
    expect(streets.length).toBeGreaterThan(0);
    const farmers = (list: GeneratedMember[]) => share(list, (m) => m.occupation === 'farmer');
    const college = (list: GeneratedMember[]) =>
      share(list, (m) => m.education === 'postgraduate' || m.education === 'bachelor' || m.education === 'associate');
    expect(farmers(rural)).toBeGreaterThan(farmers(streets) + 0.2);
    expect(college(streets)).toBeGreaterThan(college(rural));
  });
});

describe('generateDataset, city scale', () => {
  it('has 7–9 counties under the city committee, each with its own ID area code', () => {
    const city = generateDataset({ scale: 'city', seed: 7, today: TODAY });
    const counties = city.orgs.filter((o) => o.depth === 1 && /[县区]委$/.test(o.name));
    expect(counties.length).toBeGreaterThanOrEqual(7);
    expect(counties.length).toBeLessThanOrEqual(9);
    expect(new Set(counties.map((o) => o.code)).size).toBe(counties.length);
    expect(city.orgs[0]?.name).toMatch(/市委$/);
    const seen = new Set<string>();
    let n = 0;
    for (const m of city.members()) {
      seen.add(m.idNumber);
      n++;
    }
    expect(n).toBe(city.expectedMembers);
    expect(seen.size).toBe(n);
  });
});
