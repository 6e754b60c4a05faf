// The org tree of a county, city or province, built depth-first so that ids are dense and parents come before their
// children. Every leaf gets a planned member count (and how many of them are probationary); the member stream
// generates exactly those members later. Secretaries and committees are drawn from the members of the org itself.
import { type OrgKind, pinyinInitials, type Sector } from '@grassroots/domain';
import type { DayTable } from './day-table.js';
import type { DemoAnchors, GeneratedOrg, Scale } from './generate.js';
import { PROFILE_SPECS, type Profile } from './member-profiles.js';
import { NameDrawer } from './person-names.js';
import {
  CommunityNamer,
  CompanyNamer,
  HOSPITALS,
  MINORITIES,
  MOBILE_PREFIXES,
  NEW_ECONOMY,
  ORGANS,
  ordinal,
  PlaceNamer,
  PROVINCE_CODES,
  ROADS,
  SCHOOLS,
  SOCIAL_ORGS,
  STATE_ENTERPRISES,
  STREET_NAMES,
  SUB_BRANCHES,
  UNIVERSITIES,
  VillageNamer,
} from './place-names.js';
import { cumulative, Rng } from './prng.js';

/** An ID-number area (a county, or the organs of a city or province) and what members living there share. */
export interface Area {
  /** 6-digit administrative area code used in ID numbers. */
  code: string;
  /** "青山县" */
  name: string;
  /** Where members of its organs live, e.g. "青山县城关镇" (set when the county's townships are named). */
  seat: string;
  minorityRate: number;
  minorityCum: Float64Array;
  minorities: readonly string[];
}

export interface LeafPlan {
  orgId: number;
  path: string;
  size: number;
  /** The last `probationary` members of the leaf are probationary. */
  probationary: number;
  profile: Profile;
  area: Area;
  /** Member address prefix: rural ones end in a village and get a 村民小组, urban ones get an estate flat. */
  address: string;
  rural: boolean;
}

export interface OrgTree {
  orgs: GeneratedOrg[];
  leaves: LeafPlan[];
  totalMembers: number;
  anchors: DemoAnchors;
}

interface OrgSpec {
  name: string;
  shortName?: string | null;
  kind: OrgKind;
  sector: Sector;
  /** Letter in the code ("-V3" for the third child, a village). */
  tag: string;
  /** Founding years, inclusive. */
  founded: readonly [number, number];
  /** Village and community orgs serve 5-year terms. */
  villageLike?: boolean;
  address?: string | null;
  phone?: 'landline' | 'mixed' | 'none';
}

/** The members a leaf org holds. */
interface Members {
  size: number;
  profile: Profile;
  /** Address prefix of the members' homes. */
  homes: string;
  rural?: boolean;
  /** Default: drawn by the profile's rate. */
  probationary?: number;
}

/** A kind of unit (organ, school, company …) whose party org takes a shape that follows its size. */
interface UnitKind {
  sector: Sector;
  profile: Profile;
  tag: string;
  founded: readonly [number, number];
  sub: keyof typeof SUB_BRANCHES;
  /** Government units call their top committee 机关党委 and may keep a 离退休党支部. */
  organ?: boolean;
}

const UNIT_KINDS = {
  organ: { sector: 'government', profile: 'organ', tag: 'J', founded: [1949, 1995], sub: 'organ', organ: true },
  school: { sector: 'public_institution', profile: 'school', tag: 'S', founded: [1950, 2000], sub: 'school' },
  hospital: { sector: 'public_institution', profile: 'hospital', tag: 'H', founded: [1950, 1995], sub: 'hospital' },
  soe: { sector: 'state_enterprise', profile: 'soe', tag: 'E', founded: [1960, 2015], sub: 'enterprise' },
  company: { sector: 'private_enterprise', profile: 'private', tag: 'P', founded: [1995, 2021], sub: 'enterprise' },
  social: { sector: 'social_organization', profile: 'social', tag: 'O', founded: [2005, 2022], sub: 'enterprise' },
  neweco: { sector: 'new_economy', profile: 'neweco', tag: 'N', founded: [2016, 2023], sub: 'enterprise' },
} as const satisfies Record<string, UnitKind>;

/** Where an administrative org (county, township, system committee) finds its secretary and committee. */
interface AdminPool {
  childIndex: number;
  start: number;
  size: number;
}

const MINORITY_NAMES = MINORITIES.map(([n]) => n);
const MINORITY_CUM = cumulative(MINORITIES.map(([, w]) => w));
const PROVINCE_TOTAL_TARGET = 3_000_000;
const PROVINCE_CITIES = 14;
/** Members of one county-level area (county or district) at province and city scale. */
const COUNTY_TARGET = [15_000, 26_000] as const;
const COUNTY_SCALE_TARGET = [19_300, 20_700] as const;

class OrgTreeBuilder {
  readonly orgs: GeneratedOrg[] = [];
  readonly leaves: LeafPlan[] = [];
  totalMembers = 0;
  readonly anchors: Partial<DemoAnchors> = {};
  private readonly children: GeneratedOrg[][] = [[]];
  private readonly leafOf: (LeafPlan | undefined)[] = [undefined];
  private readonly foundedDay: number[] = [0];
  private readonly adminPools = new Map<number, AdminPool>();
  private readonly initials = new Map<string, string>();
  private readonly phoneCodes = new Map<string, string>();

  constructor(
    readonly rng: Rng,
    private readonly seed: number,
    private readonly days: DayTable,
    private readonly todayIso: string,
  ) {}

  // ---- primitives -------------------------------------------------------------------------------------------------

  add(parent: GeneratedOrg | null, spec: OrgSpec, area: Area, code?: string): GeneratedOrg {
    const { rng, days } = this;
    const id = this.orgs.length + 1;
    const siblings = parent === null ? [] : (this.children[parent.id] as GeneratedOrg[]);
    let termYears: 3 | 5 | null = null;
    if (spec.kind !== 'group') {
      const five = spec.villageLike || spec.kind === 'committee' || spec.kind === 'working_committee';
      termYears = five || rng.chance(0.45) ? 5 : 3;
    }
    // A few % of terms end within 6 months, a few % are overdue, the rest end later.
    let termStart: number | null = null;
    if (termYears !== null) {
      const nominal = days.index(this.todayIso, -termYears);
      const r = rng.next();
      if (r < 0.035) termStart = nominal - rng.range(1, 540);
      else if (r < 0.08) termStart = nominal + rng.range(5, 175);
      else termStart = nominal + rng.range(190, termYears * 365 - 30);
    }
    let founded: number;
    if (spec.kind === 'group' && parent !== null) {
      const from = this.foundedDay[parent.id] as number;
      founded = from + rng.int(Math.max(1, days.today - 400 - from));
    } else {
      const year = Math.min(rng.range(spec.founded[0], spec.founded[1]), Number(this.todayIso.slice(0, 4)));
      founded = Math.min(days.index(`${year}-01-01`) + rng.int(365), days.today - 30);
    }
    if (termStart !== null && founded > termStart) founded = termStart - rng.int(60);
    const org: GeneratedOrg = {
      id,
      parentId: parent === null ? null : parent.id,
      path: `${parent === null ? '/' : parent.path}${id}/`,
      depth: parent === null ? 0 : parent.depth + 1,
      name: spec.name,
      nameInitials: this.initialsOf(spec.name),
      shortName: spec.shortName ?? null,
      kind: spec.kind,
      sector: spec.sector,
      code: code ?? `${parent === null ? area.code : parent.code}-${spec.tag}${siblings.length + 1}`,
      secretaryName: null,
      committee: [],
      foundedOn: days.date(founded),
      termStart: termStart === null ? null : days.date(termStart),
      termYears,
      contactPhone: this.contactPhone(spec.phone ?? (spec.kind === 'group' ? 'none' : 'landline'), area),
      address: spec.address ?? null,
    };
    this.orgs.push(org);
    this.children.push([]);
    this.leafOf.push(undefined);
    this.foundedDay.push(founded);
    siblings.push(org);
    return org;
  }

  addLeaf(parent: GeneratedOrg, spec: OrgSpec, area: Area, m: Members): GeneratedOrg {
    const org = this.add(parent, spec, area);
    let probationary = m.probationary ?? 0;
    if (m.probationary === undefined) {
      const rate = PROFILE_SPECS[m.profile].probationaryRate;
      for (let i = 0; i < m.size; i++) if (this.rng.next() < rate) probationary++;
    }
    const plan: LeafPlan = {
      orgId: org.id,
      path: org.path,
      size: m.size,
      probationary,
      profile: m.profile,
      area,
      address: m.homes,
      rural: m.rural === true,
    };
    this.leaves.push(plan);
    this.leafOf[org.id] = plan;
    this.totalMembers += m.size;
    return org;
  }

  private initialsOf(name: string): string {
    let v = this.initials.get(name);
    if (v === undefined) {
      v = pinyinInitials(name);
      this.initials.set(name, v);
    }
    return v;
  }

  private contactPhone(style: 'landline' | 'mixed' | 'none', area: Area): string | null {
    const rng = this.rng;
    if (style === 'none') return null;
    if (style === 'mixed') {
      const r = rng.next();
      if (r < 0.15) return null;
      if (r < 0.6) return rng.pick(MOBILE_PREFIXES) + String(100_000_000 + rng.int(100_000_000)).slice(1);
    }
    return `0${this.phoneCode(area)}-${rng.range(2, 8)}${String(1_000_000 + rng.int(1_000_000)).slice(1)}`;
  }

  /** A 3-digit telephone area code (after the 0), the same for a whole city. */
  private phoneCode(area: Area): string {
    const city = area.code.slice(0, 4);
    let code = this.phoneCodes.get(city);
    if (code === undefined) {
      code = String(new Rng(this.seed, Number(city), 0x74656c).range(710, 799));
      this.phoneCodes.set(city, code);
    }
    return code;
  }

  private streetAddress(place: string): string {
    return `${place}${this.rng.pick(ROADS)}${this.rng.range(1, 199)}号`;
  }

  /** Approximately log-normal integer with the given median, clamped. */
  size(median: number, sigma: number, lo: number, hi: number): number {
    const v = Math.round(median * Math.exp(sigma * this.rng.normal()));
    return Math.min(hi, Math.max(lo, v));
  }

  /** Splits `total` into at most `parts` random sizes of at least `min` each. */
  split(total: number, parts: number, min: number): number[] {
    const n = Math.max(1, Math.min(parts, Math.floor(total / min)));
    const weights = Array.from({ length: n }, () => 0.6 + 0.8 * this.rng.next());
    const sum = weights.reduce((a, b) => a + b, 0);
    const spare = total - n * min;
    const out = weights.map((w) => min + Math.floor((spare * w) / sum));
    out[n - 1] = (out[n - 1] as number) + total - out.reduce((a, b) => a + b, 0);
    return out;
  }

  /** Administrative orgs take their secretary and committee from the members of one child's first leaf. */
  adminPool(org: GeneratedOrg, size: number, childIndex = 0): void {
    this.adminPools.set(org.id, { childIndex, start: 4, size });
  }

  // ---- branches and units -------------------------------------------------------------------------------------------

  /** A branch holding `m.size` members; big enough ones get 党小组 (第一党小组 …) when the draw says so. */
  branch(parent: GeneratedOrg, spec: OrgSpec, area: Area, m: Members, groupChance: number): GeneratedOrg {
    if (m.size < 24 || !this.rng.chance(groupChance)) return this.addLeaf(parent, spec, area, m);
    const org = this.add(parent, spec, area);
    const count = Math.min(8, Math.max(2, Math.round(m.size / this.rng.range(15, 24))));
    this.split(m.size, count, 4).forEach((size, i) => {
      const group = { name: `第${ordinal(i + 1)}党小组`, kind: 'group', sector: spec.sector, tag: 'G' } as const;
      this.addLeaf(org, { ...group, founded: spec.founded }, area, { ...m, size });
    });
    return org;
  }

  /** A unit's party org by size: 党支部, 党总支 (≥50, often) or 党委 (≥100, mostly), with sub-branches. */
  unit(parent: GeneratedOrg, kind: UnitKind, name: string, area: Area, size: number, homes = area.seat): GeneratedOrg {
    const rng = this.rng;
    const base = { sector: kind.sector, founded: kind.founded, tag: kind.tag, address: this.streetAddress(area.name) };
    const subBranches = (org: GeneratedOrg, count: number) => {
      const sizes = this.split(size, count, 8);
      const withRetired = kind.organ === true && sizes.length >= 3 && rng.chance(0.6);
      const subs: readonly string[] = SUB_BRANCHES[kind.sub];
      sizes.forEach((s, i) => {
        const retired = withRetired && i === sizes.length - 1;
        const sub = retired ? '离退休' : (subs[i] ?? `第${ordinal(i + 1)}`);
        const spec = { ...base, name: `${name}${sub}党支部`, kind: 'branch', tag: 'B' } as const;
        this.branch(org, spec, area, { size: s, profile: retired ? 'retired' : kind.profile, homes }, 0.3);
      });
    };
    if (size >= 100 && (size >= 250 || rng.chance(0.8))) {
      const spec: OrgSpec = {
        ...base,
        name: `${name}${kind.organ ? '机关党委' : '党委'}`,
        shortName: name,
        kind: 'committee',
      };
      const org = this.add(parent, spec, area);
      subBranches(org, Math.min(14, Math.max(3, Math.round(size / rng.range(35, 60)))));
      return org;
    }
    if (size >= 50 && rng.chance(0.6)) {
      const org = this.add(parent, { ...base, name: `${name}党总支`, shortName: name, kind: 'general_branch' }, area);
      subBranches(org, Math.min(4, Math.max(2, Math.round(size / 25))));
      return org;
    }
    const spec = { ...base, name: `${name}党支部`, shortName: name, kind: 'branch' } as const;
    return this.branch(parent, spec, area, { size, profile: kind.profile, homes }, 0.3);
  }

  /** A private company; a few have fewer than 3 full members, so that size warnings exist. */
  company(parent: GeneratedOrg, name: string, area: Area, median: number, homes = area.seat): GeneratedOrg {
    const rng = this.rng;
    if (!rng.chance(0.08))
      return this.unit(parent, UNIT_KINDS.company, name, area, this.size(median, 0.7, 3, 400), homes);
    const three = rng.chance(0.5);
    const { sector, tag, founded, profile } = UNIT_KINDS.company;
    const spec: OrgSpec = { name: `${name}党支部`, shortName: name, kind: 'branch', sector, tag, founded };
    spec.address = this.streetAddress(area.name);
    return this.addLeaf(parent, spec, area, { size: three ? 3 : 2, probationary: three ? 1 : 0, profile, homes });
  }

  /** Village (`rural`) or community party org: 党支部 (often with 党小组), 党总支 or 党委 by size. */
  neighbourhood(
    parent: GeneratedOrg,
    area: Area,
    o: { township: string; name: string; size: number; rural: boolean; forceGroups?: boolean },
  ): GeneratedOrg {
    const rng = this.rng;
    const { size, rural } = o;
    const full = `${o.township}${o.name}`;
    const homes = `${area.name}${full}`;
    const base: Omit<OrgSpec, 'name' | 'kind'> = {
      sector: rural ? 'rural' : 'urban_community',
      shortName: o.name,
      tag: rural ? 'V' : 'C',
      founded: rural ? [1950, 1985] : [1988, 2015],
      villageLike: true,
      address: `${homes}${rural ? '村部' : '党群服务中心'}`,
      phone: rural ? 'mixed' : 'landline',
    };
    const m = { size, profile: rural ? 'village' : 'community', homes, rural } as const;
    const r = rng.next();
    let kind: OrgKind = 'branch';
    if (o.forceGroups) kind = 'branch';
    else if (size >= 100) kind = r < (rural ? 0.6 : 0.7) ? 'committee' : r < 0.9 ? 'general_branch' : 'branch';
    else if (size >= 50 && r < (rural ? 0.35 : 0.5)) kind = 'general_branch';
    if (kind === 'branch') {
      const groupChance = o.forceGroups ? 1 : rural ? 0.7 : 0.6;
      return this.branch(parent, { ...base, name: `${full}党支部`, kind }, area, m, groupChance);
    }
    const org = this.add(parent, { ...base, name: `${full}${kind === 'committee' ? '党委' : '党总支'}`, kind }, area);
    const per = kind === 'committee' ? 30 : 25;
    const count = Math.min(
      kind === 'committee' ? 7 : 4,
      Math.max(kind === 'committee' ? 3 : 2, Math.round(size / per)),
    );
    const subs = rural ? SUB_BRANCHES.village : SUB_BRANCHES.community;
    this.split(size, count, 8).forEach((s, i) => {
      const name = `${o.name}${subs[i] ?? `第${ordinal(i + 1)}`}党支部`;
      this.branch(org, { ...base, name, shortName: null, kind: 'branch', tag: 'B' }, area, { ...m, size: s }, 0.5);
    });
    return org;
  }

  university(parent: GeneratedOrg, name: string, area: Area, factor: number): void {
    const rng = this.rng;
    const base = { sector: 'public_institution', tag: 'U', founded: [1958, 2002], kind: 'branch' } as const;
    const address = this.streetAddress(area.seat);
    const org = this.add(parent, { ...base, name: `${name}党委`, shortName: name, kind: 'committee', address }, area);
    for (const college of rng.sample(SUB_BRANCHES.university, rng.range(5, 8))) {
      const staff = { size: this.size(35 * factor, 0.3, 10, 400), profile: 'school', homes: area.seat } as const;
      this.branch(org, { ...base, name: `${name}${college}教工党支部`, address }, area, staff, 0.4);
      if (college === '机关') continue;
      const students = { size: this.size(60 * factor, 0.35, 10, 600), profile: 'student', homes: area.seat } as const;
      this.branch(org, { ...base, name: `${name}${college}学生党支部`, address }, area, students, 0.6);
    }
  }

  // ---- levels -----------------------------------------------------------------------------------------------------

  /**
   * The organs, institutions and enterprises of a county (factor 1), city or province (bigger factors): a working
   * committee for the organs and one committee per system.
   */
  systems(root: GeneratedOrg, area: Area, place: string, level: Scale, factor: number): void {
    const rng = this.rng;
    const grow = (base: number) => Math.max(3, Math.round(base * factor * Math.exp(0.25 * rng.normal())));
    const system = (name: string, kind: OrgKind, sector: Sector) => {
      const spec = { name, kind, sector, tag: 'W', founded: [1978, 2005], address: this.streetAddress(place) } as const;
      const org = this.add(root, spec, area);
      this.adminPool(org, 7);
      return org;
    };
    // Provinces have 厅 where counties and cities have 局.
    const organName = (stem: string) =>
      level === 'province' && stem.endsWith('局') && !/(统计|林业|医疗保障|信访|税务|乡村振兴)局$/.test(stem)
        ? `${place}${stem.slice(0, -1)}厅`
        : `${place}${stem}`;

    const organs = system(`${place}直机关工委`, 'working_committee', 'government');
    this.adminPool(organs, 7, 1);
    for (const [stem, base] of ORGANS) this.unit(organs, UNIT_KINDS.organ, organName(stem), area, grow(base));
    const retired = rng.range(2, 4);
    for (let i = 1; i <= retired; i++) {
      const spec = {
        name: `${place}直机关离退休干部第${ordinal(i)}党支部`,
        kind: 'branch',
        sector: 'government',
      } as const;
      const size = Math.round(this.size(75, 0.3, 30, 160) * Math.sqrt(factor));
      this.branch(
        organs,
        { ...spec, tag: 'R', founded: [1985, 2005] },
        area,
        { size, profile: 'retired', homes: area.seat },
        0.6,
      );
    }

    const edu = system(`${place}委教育工委`, 'working_committee', 'public_institution');
    if (level !== 'county') {
      const colleges = rng.sample(UNIVERSITIES, level === 'province' ? 4 : 2);
      for (const stem of colleges) this.university(edu, `${place.slice(0, -1)}${stem}`, area, factor);
    }
    for (const [stem, base] of SCHOOLS) this.unit(edu, UNIT_KINDS.school, `${place}${stem}`, area, grow(base));

    const health = system(`${place}卫生健康系统党委`, 'committee', 'public_institution');
    for (const [stem, base] of HOSPITALS) this.unit(health, UNIT_KINDS.hospital, `${place}${stem}`, area, grow(base));

    const soe = system(`${place}国有企业党委`, 'committee', 'state_enterprise');
    for (const [stem, base] of STATE_ENTERPRISES) this.unit(soe, UNIT_KINDS.soe, `${place}${stem}`, area, grow(base));

    const companies = system(`${place}非公有制经济组织党委`, 'committee', 'private_enterprise');
    const names = new CompanyNamer(rng);
    const count = Math.round(rng.range(22, 32) * Math.sqrt(factor));
    for (let i = 0; i < count; i++) {
      this.company(companies, `${place.slice(0, -1)}${names.next()}`, area, 8 * Math.sqrt(factor));
    }
    const joints = rng.range(2, 4);
    for (let i = 1; i <= joints; i++) {
      const { sector, tag, profile } = UNIT_KINDS.company;
      const name = `${place}工业园区非公企业第${ordinal(i)}联合党支部`;
      const spec = { name, kind: 'joint_branch', sector, tag, founded: [2008, 2020] } as const;
      this.addLeaf(companies, spec, area, { size: this.size(9, 0.35, 4, 20), profile, homes: area.seat });
    }

    const social = system(`${place}社会组织党委`, 'committee', 'social_organization');
    for (const stem of rng.sample(SOCIAL_ORGS, rng.range(8, 12))) {
      const name = `${place}${stem}`;
      if (rng.chance(0.9)) {
        this.unit(social, UNIT_KINDS.social, name, area, this.size(6 * factor, 0.4, 3, 200));
        continue;
      }
      const { sector, tag, founded, profile } = UNIT_KINDS.social;
      const spec = { name: `${name}党支部`, shortName: name, kind: 'branch', sector, tag, founded } as const;
      this.addLeaf(social, spec, area, { size: 2, probationary: 0, profile, homes: area.seat });
    }
    const joint = { name: `${place}社会组织联合党支部`, kind: 'joint_branch', sector: 'social_organization' } as const;
    const jointMembers = { size: this.size(10, 0.3, 4, 25), profile: 'social', homes: area.seat } as const;
    this.addLeaf(social, { ...joint, tag: 'O', founded: [2012, 2020] }, area, jointMembers);

    const neweco = system(`${place}新就业群体党委`, 'committee', 'new_economy');
    for (const stem of rng.sample(NEW_ECONOMY, rng.range(4, 6))) {
      this.unit(neweco, UNIT_KINDS.neweco, `${place}${stem}`, area, this.size(14 * factor, 0.4, 4, 300));
    }
  }

  township(
    county: GeneratedOrg,
    area: Area,
    o: { short: string; street: boolean; villages: number; communities: number; anchor: boolean },
    namers: { villages: VillageNamer; communities: CommunityNamer; companies: CompanyNamer },
  ): GeneratedOrg {
    const rng = this.rng;
    const { short, street } = o;
    const town = this.add(
      county,
      {
        name: street ? `${short}党工委` : `${short}党委`,
        shortName: short,
        kind: street ? 'working_committee' : 'committee',
        sector: street ? 'urban_community' : 'rural',
        tag: 'T',
        founded: street ? [1985, 2015] : [1950, 1984],
        address: this.streetAddress(`${area.name}${short}`),
      },
      area,
    );
    this.adminPool(town, 9);
    const homes = `${area.name}${short}`;
    this.unit(town, UNIT_KINDS.organ, `${short}机关`, area, this.size(34, 0.3, 15, 80), homes);
    for (let i = 0; i < o.villages; i++) {
      const anchor = o.anchor && i === 0;
      const size = anchor ? rng.range(36, 48) : this.size(72, 0.42, 14, 260);
      const name = `${namers.villages.next()}村`;
      const v = this.neighbourhood(town, area, { township: short, name, size, rural: true, forceGroups: anchor });
      if (anchor) {
        this.anchors.township = town.id;
        this.anchors.villageBranch = v.id;
        this.anchors.grid = ((this.children[v.id] as GeneratedOrg[])[0] as GeneratedOrg).id;
      }
    }
    for (let i = 0; i < o.communities; i++) {
      const size = this.size(street ? 115 : 85, 0.5, 15, 420);
      this.neighbourhood(town, area, { township: short, name: `${namers.communities.next()}社区`, size, rural: false });
    }
    if (street) {
      this.unit(town, UNIT_KINDS.hospital, `${short}社区卫生服务中心`, area, this.size(10, 0.3, 3, 25));
    } else {
      this.unit(town, UNIT_KINDS.school, `${short}中心学校`, area, this.size(26, 0.35, 6, 70), homes);
      this.unit(town, UNIT_KINDS.hospital, `${short}卫生院`, area, this.size(12, 0.35, 3, 30), homes);
    }
    const firms = street ? rng.range(1, 4) : rng.range(0, 2);
    for (let i = 0; i < firms; i++) {
      this.company(town, `${area.name.slice(0, -1)}${namers.companies.next()}`, area, 9, homes);
    }
    if (rng.chance(street ? 0.5 : 0.2)) {
      const { sector, tag, profile } = UNIT_KINDS.company;
      const spec = {
        name: `${short}非公企业联合党支部`,
        kind: 'joint_branch',
        sector,
        tag,
        founded: [2008, 2020],
      } as const;
      this.addLeaf(town, spec, area, { size: this.size(8, 0.3, 4, 18), profile, homes });
    }
    if (street && rng.chance(0.35)) {
      const { sector, tag, profile } = UNIT_KINDS.neweco;
      const spec = { name: `${short}新就业群体党支部`, kind: 'branch', sector, tag, founded: [2018, 2023] } as const;
      this.addLeaf(town, spec, area, { size: this.size(12, 0.35, 4, 30), profile, homes });
    }
    return town;
  }

  /** A county (or urban district) of about `target` members: its systems, then townships until the target is met. */
  county(parent: GeneratedOrg | null, area: Area, type: 'county' | 'district', anchor: boolean, target: number) {
    const rng = this.rng;
    const start = this.totalMembers;
    const streetNames = rng.sample(STREET_NAMES, STREET_NAMES.length);
    area.seat = type === 'county' ? `${area.name}城关镇` : `${area.name}${streetNames[0]}街道`;
    const root = this.add(
      parent,
      {
        name: `${area.name}委`,
        shortName: area.name,
        kind: 'committee',
        sector: 'government',
        tag: 'K',
        founded: [1949, 1952],
        address: `${area.seat}${rng.pick(ROADS)}1号`,
      },
      area,
      area.code,
    );
    this.adminPool(root, 11);
    this.systems(root, area, area.name, 'county', 1);
    const places = new PlaceNamer(rng);
    const namers = {
      villages: new VillageNamer(rng),
      communities: new CommunityNamer(rng, places),
      companies: new CompanyNamer(rng),
    };
    const townships: GeneratedOrg[] = [];
    const town = (seat: boolean) => {
      const short = seat ? '城关镇' : `${places.next()}${rng.chance(0.75) ? '镇' : '乡'}`;
      const villages = seat ? rng.range(5, 8) : rng.range(8, 12);
      const communities = seat ? rng.range(4, 6) : rng.chance(0.5) ? 1 : 0;
      const o = { short, street: false, villages, communities, anchor: seat && anchor };
      townships.push(this.township(root, area, o, namers));
    };
    const street = () => {
      const short = `${streetNames.shift() ?? places.next()}街道`;
      const o = { short, street: true, villages: rng.range(0, 2), communities: rng.range(6, 10), anchor: false };
      townships.push(this.township(root, area, o, namers));
    };
    if (type === 'county') {
      town(true);
      for (let i = rng.range(2, 4); i > 0; i--) street();
    } else {
      for (let i = rng.range(1, 3); i > 0; i--) town(false);
    }
    // Then towns (county) or streets (district) until the county reaches its target.
    let built = 0;
    let builtMembers = 0;
    for (let i = 0; i < 20; i++) {
      const estimate = built === 0 ? 950 : builtMembers / built;
      if (i >= (type === 'county' ? 8 : 5) && this.totalMembers - start + estimate / 2 >= target) break;
      const before = this.totalMembers;
      if (type === 'county') town(false);
      else street();
      built++;
      builtMembers += this.totalMembers - before;
    }
    if (anchor) this.anchors.otherTownship = (townships[1] as GeneratedOrg).id;
    return root;
  }

  // ---- secretaries and committees -----------------------------------------------------------------------------------

  /**
   * Fills secretaries and committees from the org's own (full) members: a leaf's first members, a branch's group
   * members round-robin, a 党总支's or 党委's sub-branch members, an administrative org's pool. Branches with ≥7
   * full members get a committee, except ~3% (so that 应设支部委员会 warnings exist).
   */
  finishCommittees(): void {
    const rng = new Rng(this.seed, 0x636f6d6d);
    const drawer = new NameDrawer();
    const full = new Int32Array(this.orgs.length + 1);
    const total = new Int32Array(this.orgs.length + 1);
    for (const leaf of this.leaves) {
      for (let id: number | null = leaf.orgId; id !== null; id = (this.orgs[id - 1] as GeneratedOrg).parentId) {
        full[id] = (full[id] as number) + leaf.size - leaf.probationary;
        total[id] = (total[id] as number) + leaf.size;
      }
    }
    const cache = new Map<number, string[]>();
    /** The names of a leaf's first `count` members (full members only, unless it has none). */
    const namesOf = (leaf: LeafPlan, count: number): string[] => {
      const want = Math.min(count, Math.max(1, leaf.size - leaf.probationary));
      let names = cache.get(leaf.orgId);
      if (names === undefined || names.length < want) {
        const nameRng = new Rng(this.seed, leaf.orgId, 1);
        const share = PROFILE_SPECS[leaf.profile].femaleShare;
        names = [];
        for (let i = 0; i < want; i++) {
          drawer.draw(nameRng, share);
          names.push(drawer.name);
        }
        cache.set(leaf.orgId, names);
      }
      return names;
    };
    const firstLeaf = (org: GeneratedOrg): LeafPlan => {
      let o = org;
      while (this.leafOf[o.id] === undefined) o = (this.children[o.id] as GeneratedOrg[])[0] as GeneratedOrg;
      return this.leafOf[o.id] as LeafPlan;
    };
    /** `count` names round-robin over the pool leaves from position `start` on, then the earlier positions. */
    const draw = (pool: LeafPlan[], start: number, count: number): string[] => {
      const out: string[] = [];
      const lists = pool.map((leaf) => namesOf(leaf, start + Math.ceil(count / pool.length) + 1));
      for (const [from, to] of [
        [start, Number.POSITIVE_INFINITY],
        [0, start],
      ] as const) {
        for (let j = from; j < to && out.length < count; j++) {
          const row = lists.map((list) => list[j]).filter((name) => name !== undefined);
          if (row.length === 0) break;
          out.push(...row.slice(0, count - out.length));
        }
      }
      return out;
    };

    for (const org of this.orgs) {
      const kids = this.children[org.id] as GeneratedOrg[];
      const leaf = this.leafOf[org.id];
      const admin = this.adminPools.get(org.id);
      const f = full[org.id] as number;
      const t = total[org.id] as number;
      let pool: LeafPlan[];
      let start = 0;
      let size: number;
      if (admin !== undefined) {
        pool = [firstLeaf(kids[admin.childIndex] ?? (kids[0] as GeneratedOrg))];
        start = admin.start;
        size = admin.size;
      } else {
        if (leaf !== undefined) pool = [leaf];
        else if (kids.every((k) => k.kind === 'group')) {
          // Group leaders are the groups' first members; the branch committee comes from the rest.
          pool = kids.map((k) => this.leafOf[k.id] as LeafPlan);
          start = 1;
        } else pool = kids.map(firstLeaf);
        if (org.kind === 'committee' || org.kind === 'working_committee') size = t >= 300 ? 7 : 5;
        else if (org.kind === 'general_branch') size = t >= 100 ? 7 : 5;
        else if (org.kind === 'group' || f < 7 || rng.next() < 0.03) size = 0;
        else size = f < 30 ? 3 : f < 100 ? 5 : 7;
      }
      const names = draw(pool, start, Math.max(1, size));
      org.secretaryName = names[0] ?? null;
      org.committee = size > 0 ? names : [];
    }
  }
}

function makeArea(code: string, name: string, seat: string, minorityRate: number): Area {
  return { code, name, seat, minorityRate, minorityCum: MINORITY_CUM, minorities: MINORITY_NAMES };
}

/** Most counties have few minorities, some many (自治县-like); the mean is about the national 7.7%. */
function countyMinorityRate(rng: Rng): number {
  return rng.chance(0.15) ? 0.15 + 0.2 * rng.next() : 0.03 + 0.04 * rng.next();
}

export function buildOrgTree(scale: Scale, seed: number, days: DayTable, today: string): OrgTree {
  const rng = new Rng(seed, 0x74726565);
  const b = new OrgTreeBuilder(rng, seed, days, today);
  const province = rng.pick(PROVINCE_CODES);
  const places = new PlaceNamer(rng);

  const countyArea = (cityCode: string, countyCode: number, type: 'county' | 'district', minority: number): Area => {
    const name = `${places.next()}${type === 'county' ? '县' : '区'}`;
    return makeArea(`${cityCode}${String(countyCode).padStart(2, '0')}`, name, name, minority);
  };

  /** A city's counties: districts first (area codes …02, …03), then counties (…21, …22). */
  const cityCounties = (parent: GeneratedOrg, districts: number, counties: number, anchor: boolean) => {
    const cityCode = parent.code.slice(0, 4);
    for (let i = 0; i < districts; i++) {
      const area = countyArea(cityCode, 2 + i, 'district', countyMinorityRate(rng));
      b.county(parent, area, 'district', false, rng.range(...COUNTY_TARGET));
    }
    for (let i = 0; i < counties; i++) {
      const area = countyArea(cityCode, 21 + i, 'county', countyMinorityRate(rng));
      b.county(parent, area, 'county', anchor && i === 0, rng.range(...COUNTY_TARGET));
    }
  };

  /** A city committee with its organs (area …01) and then its counties. */
  const city = (
    parent: GeneratedOrg | null,
    index: number,
    organs: Area | null,
    counties: (root: GeneratedOrg) => void,
  ) => {
    const cityCode = `${province}${String(index).padStart(2, '0')}`;
    const name = organs?.name ?? `${places.next()}市`;
    const area = organs ?? makeArea(`${cityCode}01`, name, `${name}${rng.pick(STREET_NAMES)}街道`, 0.06);
    const spec = { name: `${name}委`, shortName: name, kind: 'committee', sector: 'government', tag: 'M' } as const;
    const root = b.add(
      parent,
      { ...spec, founded: [1949, 1983], address: `${area.seat}${rng.pick(ROADS)}1号` },
      area,
      `${cityCode}00`,
    );
    b.adminPool(root, 13);
    b.systems(root, area, name, 'city', 2.2);
    counties(root);
  };

  if (scale === 'county') {
    const cityCode = `${province}${String(rng.range(1, 13)).padStart(2, '0')}`;
    const area = countyArea(cityCode, rng.range(21, 29), 'county', 0.06 + 0.035 * rng.next());
    b.county(null, area, 'county', true, rng.range(...COUNTY_SCALE_TARGET));
  } else if (scale === 'city') {
    city(null, rng.range(1, 13), null, (root) => {
      const districts = rng.range(1, 2);
      cityCounties(root, districts, rng.range(7, 9) - districts, true);
    });
  } else {
    const name = `${places.next()}省`;
    const capital = `${places.next()}市`;
    // The province's organs live in the capital and share the ID area of the capital's organs (built right after).
    const organs = makeArea(`${province}0101`, capital, `${capital}${rng.pick(STREET_NAMES)}街道`, 0.06);
    const spec = { name: `${name}委`, shortName: name, kind: 'committee', sector: 'government', tag: 'X' } as const;
    const root = b.add(
      null,
      { ...spec, founded: [1949, 1950], address: `${organs.seat}${rng.pick(ROADS)}1号` },
      organs,
      `${province}0000`,
    );
    b.adminPool(root, 13);
    b.systems(root, organs, name, 'province', 3.5);
    let countyAverage = (COUNTY_TARGET[0] + COUNTY_TARGET[1]) / 2;
    let counties = 0;
    let countyMembers = 0;
    for (let c = 1; c <= PROVINCE_CITIES; c++) {
      const beforeCity = b.totalMembers;
      city(root, c, c === 1 ? organs : null, (cityRoot) => {
        // Counties enough to reach the province target, assuming the later cities' organs are the size of these.
        const before = b.totalMembers;
        const later = PROVINCE_CITIES - c;
        const budget = (PROVINCE_TOTAL_TARGET - before - later * (before - beforeCity)) / (later + 1);
        const count = Math.min(16, Math.max(4, Math.round(budget / countyAverage)));
        const districts = Math.min(count - 2, rng.range(1, 3));
        cityCounties(cityRoot, districts, count - districts, c === 1);
        counties += count;
        countyMembers += b.totalMembers - before;
        countyAverage = countyMembers / counties;
      });
    }
  }

  b.finishCommittees();
  const { township, villageBranch, grid, otherTownship } = b.anchors;
  if (township === undefined || villageBranch === undefined || grid === undefined || otherTownship === undefined) {
    throw new Error('generator: demo anchors were not placed');
  }
  return {
    orgs: b.orgs,
    leaves: b.leaves,
    totalMembers: b.totalMembers,
    anchors: { root: 1, township, villageBranch, grid, otherTownship },
  };
}
