// 发展党员 demo data for one county: every probationary member and recently formal member has the record that
// admitted them; most branches also have applicants, activists and 发展对象 at every step, some of them late (a
// talk not held, an admission waiting for approval past its three months), and a few admitted people whose
// probation has ended undecided — the demo branch among them, so its secretary has a 转正 due now.
import {
  addDays,
  addMonths,
  addYears,
  ageOn,
  type DevelopmentPerson,
  type DevelopmentStepEntry,
  type Education,
  type Ethnicity,
  type Gender,
  type MemberStatus,
  makeIdNumber,
  type Occupation,
} from '@grassroots/domain';
import type { Dataset, GeneratedOrg } from './generate.js';
import { NameDrawer } from './person-names.js';
import { MOBILE_PREFIXES } from './place-names.js';
import { Rng } from './prng.js';

/** A member the loader read back: pipeline people (probationary, recently formal) and formal sponsors. */
export interface DevelopmentSeedMember {
  id: number;
  orgId: number;
  name: string;
  gender: Gender;
  ethnicity: Ethnicity;
  birthDate: string;
  idNumber: string;
  education: Education;
  occupation: Occupation;
  phone: string | null;
  joinedOn: string;
  fullOn: string | null;
  status: MemberStatus;
}

export interface GeneratedDevelopmentStep extends DevelopmentStepEntry {
  /** 培养联系人 or 入党介绍人. */
  memberIds: number[];
  decisionRef: string | null;
}

export interface GeneratedDevelopmentRecord {
  orgId: number;
  name: string;
  gender: Gender;
  ethnicity: Ethnicity;
  birthDate: string;
  idNumber: string;
  education: Education;
  occupation: Occupation;
  phone: string | null;
  /** The member admitted by this record (existing), or null. */
  memberId: number | null;
  /** Admitted, with no member row in the dataset yet: the loader adds a probationary member. */
  addMember: boolean;
  steps: GeneratedDevelopmentStep[];
}

const BRANCH_KINDS = new Set(['branch', 'joint_branch', 'general_branch']);
const DAY = (rng: Rng, lo: number, hi: number) => rng.range(lo, hi);

/** Appends steps in order, each on or after the one before. */
class StepList {
  readonly steps: GeneratedDevelopmentStep[] = [];
  constructor(private readonly refs: { committee: string; meeting: string; upper: string }) {}
  get last(): string {
    return this.steps.at(-1)?.date ?? '0000-01-01';
  }
  add(step: DevelopmentStepEntry['step'], date: string, extra: Partial<GeneratedDevelopmentStep> = {}) {
    const d = date < this.last ? this.last : date;
    const decisionRef = ['activist_selection', 'contact_persons', 'candidate_selection', 'committee_review'].includes(
      step,
    )
      ? this.refs.committee
      : ['admission_meeting', 'full_membership_meeting'].includes(step)
        ? this.refs.meeting
        : ['upper_pre_review', 'admission_approval', 'full_membership_approval'].includes(step)
          ? this.refs.upper
          : null;
    this.steps.push({ step, date: d, memberIds: [], decisionRef, ...extra });
  }
}

/** n dates strictly inside (from, to), increasing (equal when the span is short). */
function spread(rng: Rng, from: string, to: string, n: number): string[] {
  const span = Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000));
  const days = Array.from({ length: n }, () => 1 + rng.int(Math.max(1, span - 1))).sort((a, b) => a - b);
  return days.map((d) => addDays(from, d));
}

export function generateDevelopment(
  dataset: Dataset,
  today: string,
  pipeline: readonly DevelopmentSeedMember[],
  formal: readonly DevelopmentSeedMember[],
): GeneratedDevelopmentRecord[] {
  const byId = new Map(dataset.orgs.map((o) => [o.id, o]));
  const township = byId.get(dataset.anchors.township)!;
  const county = township.parentId === null ? township : byId.get(township.parentId)!;
  const inCounty = (o: GeneratedOrg) => o.path.startsWith(county.path);
  /** The branch a member's development belongs to: their org, or the branch of their 党小组. */
  const branchOf = (orgId: number): GeneratedOrg | null => {
    const o = byId.get(orgId);
    if (!o) return null;
    if (BRANCH_KINDS.has(o.kind)) return o;
    const p = o.parentId === null ? undefined : byId.get(o.parentId);
    return o.kind === 'group' && p && BRANCH_KINDS.has(p.kind) ? p : null;
  };
  const sponsorsOf = new Map<number, DevelopmentSeedMember[]>();
  for (const m of formal) {
    const b = branchOf(m.orgId);
    if (b) sponsorsOf.set(b.id, [...(sponsorsOf.get(b.id) ?? []), m]);
  }
  const person = (m: DevelopmentSeedMember): DevelopmentPerson & { id: number } => ({
    id: m.id,
    name: m.name,
    idNumber: m.idNumber,
    status: m.status,
    fullOn: m.fullOn,
  });
  const upperName = (b: GeneratedOrg) => {
    const p = b.parentId === null ? null : byId.get(b.parentId);
    return `${(p?.shortName ?? p?.name ?? '上级党委').replace(/(党委|党工委)$/, '')}党委会议`;
  };

  const records: GeneratedDevelopmentRecord[] = [];
  const rng = new Rng(dataset.seed, 9_100_001);
  const drawer = new NameDrawer();
  const usedIds = new Set<string>();
  let sequence = 0;

  /** Steps 1–6 from an application at `t0`, activist at `a`; stops at `until`. */
  function throughActivist(s: StepList, b: GeneratedOrg, t0: string, a: string, until: string) {
    s.add('application', t0);
    const steps: Array<[DevelopmentStepEntry['step'], string]> = [
      ['talk', addDays(t0, DAY(rng, 5, 25))],
      ['activist_selection', a],
      ['activist_filing', addDays(a, DAY(rng, 3, 10))],
      ['contact_persons', addDays(a, DAY(rng, 11, 20))],
      ['activist_observation', addDays(a, DAY(rng, 150, 200))],
    ];
    for (const [step, date] of steps) {
      if (date > until) return false;
      if (step === 'contact_persons') {
        const pool = (sponsorsOf.get(b.id) ?? []).filter((m) => m.fullOn !== null && m.fullOn <= date);
        if (pool.length === 0) return false;
        const people = rng.sample(pool, Math.min(pool.length, rng.range(1, 2))).map(person);
        s.add(step, date, { contactPersons: people, memberIds: people.map((p) => p.id) });
      } else s.add(step, date);
    }
    return true;
  }

  /** Steps 7–15 from candidate selection at `c`; the admission meeting at `m` (reached only when ≤ until). */
  function throughAdmissionMeeting(s: StepList, b: GeneratedOrg, c: string, m: string, until: string) {
    s.add('candidate_selection', c);
    const codes = [
      'candidate_filing',
      'sponsors',
      'political_review',
      'training',
      'committee_review',
      'upper_pre_review',
      'application_form',
    ] as const;
    const dates = spread(rng, c, m, codes.length);
    for (let i = 0; i < codes.length; i++) {
      const step = codes[i]!;
      const date = dates[i]!;
      if (date > until) return false;
      if (step === 'sponsors') {
        const pool = (sponsorsOf.get(b.id) ?? []).filter((p) => p.fullOn !== null && p.fullOn <= date);
        if (pool.length < 2) return false;
        const people = rng.sample(pool, 2).map(person);
        s.add(step, date, { sponsors: people, memberIds: people.map((p) => p.id) });
      } else if (step === 'political_review') s.add(step, date, { politicalReviewPassed: true });
      else if (step === 'training') {
        s.add(step, date, rng.chance(0.5) ? { trainingDays: rng.range(3, 5) } : { trainingHours: rng.range(24, 40) });
      } else s.add(step, date);
    }
    if (m > until) return false;
    s.add('admission_meeting', m);
    return true;
  }

  /** Steps 16–22 after the admission meeting `m`, approved `approvalDays` later; false when stopped at `until`. */
  function throughProbation(s: StepList, m: string, approvalDays: number, until: string, apply: boolean) {
    const end = addYears(m, 1);
    const steps: Array<[DevelopmentStepEntry['step'], string]> = [
      ['upper_talk', addDays(m, Math.min(approvalDays - 1, DAY(rng, 3, 10)))],
      ['admission_approval', addDays(m, approvalDays)],
      ['admission_filing', addDays(m, approvalDays + DAY(rng, 3, 10))],
      ['placement', addDays(m, approvalDays + DAY(rng, 10, 15))],
      ['oath', addDays(m, approvalDays + DAY(rng, 15, 40))],
      ['probation_education', addDays(m, approvalDays + DAY(rng, 60, 120))],
    ];
    if (apply) steps.push(['full_membership_application', addDays(addMonths(end, -1), DAY(rng, 0, 25))]);
    for (const [step, date] of steps) {
      if (date > until) return false;
      s.add(step, date);
    }
    return true;
  }

  const refsOf = (b: GeneratedOrg) => ({ committee: '支部委员会会议', meeting: '支部党员大会', upper: upperName(b) });
  const personOf = (b: GeneratedOrg, t0: string) => {
    const areaCode = (sponsorsOf.get(b.id)?.[0]?.idNumber ?? formal[0]?.idNumber ?? '420426').slice(0, 6);
    drawer.draw(rng, 0.42);
    const gender: Gender = drawer.female ? 'female' : 'male';
    let birthDate = '';
    let idNumber = '';
    do {
      birthDate = addDays(addYears(t0, -rng.range(18, 40)), -rng.int(360));
      // Sequences from 300 up: the member stream numbers its people from 0 per birth date and never gets there.
      idNumber = makeIdNumber(areaCode, birthDate, 300 + (sequence++ % 200), gender);
    } while (usedIds.has(idNumber));
    usedIds.add(idNumber);
    const rural = b.sector === 'rural';
    return {
      orgId: b.id,
      name: drawer.name,
      gender,
      ethnicity: '汉族' as Ethnicity,
      birthDate,
      idNumber,
      education: rng.pick<Education>(
        rural ? ['secondary', 'junior_or_below', 'associate'] : ['bachelor', 'associate', 'postgraduate'],
      ),
      occupation: rng.pick<Occupation>(rural ? ['farmer', 'farmer', 'worker'] : ['professional', 'manager', 'worker']),
      phone: `${rng.pick(MOBILE_PREFIXES)}${String(100_000_000 + rng.int(100_000_000)).slice(1)}`,
    };
  };

  // The people the members table already holds: admitted within the last year, or formal within it.
  for (const m of pipeline) {
    const b = branchOf(m.orgId);
    if (!b || !inCounty(b)) continue;
    const formalNow = m.status === 'full';
    // Some of the recently formal (the pipeline's last stage), not all: their records are the longest.
    if (formalNow && (m.fullOn !== addYears(m.joinedOn, 1) || m.fullOn > today || !rng.chance(0.4))) continue;
    const meeting = m.joinedOn;
    const c = addDays(meeting, -DAY(rng, 60, 150));
    const a = addDays(addYears(c, -1), -DAY(rng, 0, 120));
    const t0 = addDays(a, -DAY(rng, 30, 150));
    if (ageOn(m.birthDate, t0) < 18 || daysBetween(meeting, today) < 1) continue;
    const s = new StepList(refsOf(b));
    if (!throughActivist(s, b, t0, a, today) || !throughAdmissionMeeting(s, b, c, meeting, today)) continue;
    const approval = Math.max(1, Math.min(DAY(rng, 10, 80), daysBetween(meeting, today)));
    if (formalNow) {
      const end = addYears(meeting, 1);
      if (!throughProbation(s, meeting, approval, today, true)) continue;
      s.add('full_membership_meeting', end, { outcome: 'on_time' });
      const approved = addDays(end, DAY(rng, 5, 60));
      if (approved > today) continue;
      s.add('full_membership_approval', approved);
      if (addDays(approved, 20) <= today && rng.chance(0.6)) s.add('archiving', addDays(approved, 20));
    } else {
      throughProbation(s, meeting, approval, today, rng.chance(0.6));
    }
    const { id, joinedOn, fullOn, status, ...who } = m;
    records.push({ ...who, orgId: b.id, memberId: id, addMember: false, steps: s.steps });
  }

  const branches = dataset.orgs.filter((o) => BRANCH_KINDS.has(o.kind) && inCounty(o));
  for (const b of branches) {
    if (b.id !== dataset.anchors.villageBranch && !rng.chance(0.8)) continue;
    const add = (t0: string, build: (s: StepList) => boolean) => {
      const p = personOf(b, t0);
      const s = new StepList(refsOf(b));
      if (build(s)) records.push({ ...p, memberId: null, addMember: false, steps: s.steps });
    };
    // 入党申请人: most talked to within the month, some not (development_due).
    for (let i = rng.range(0, 2); i > 0; i--) {
      const t0 = addDays(today, -rng.int(150));
      add(t0, (s) => {
        s.add('application', t0);
        const talk = addDays(t0, DAY(rng, 5, 25));
        if (talk <= today && rng.chance(0.8)) s.add('talk', talk);
        return true;
      });
    }
    // 入党积极分子, in their year of observation or past it.
    for (let i = rng.range(0, 2); i > 0; i--) {
      const a = addDays(today, -rng.int(700));
      const t0 = addDays(a, -DAY(rng, 30, 150));
      add(t0, (s) => {
        throughActivist(s, b, t0, a, today);
        return true;
      });
    }
    // 发展对象 on their way to the admission meeting, some admitted and waiting for the upper committee.
    if (rng.chance(0.6)) {
      const c = addDays(today, -rng.int(240));
      const a = addDays(addYears(c, -1), -DAY(rng, 0, 120));
      const t0 = addDays(a, -DAY(rng, 30, 150));
      const m = addDays(c, DAY(rng, 90, 240));
      const talk = addDays(m, DAY(rng, 3, 10));
      add(t0, (s) => {
        if (throughActivist(s, b, t0, a, today) && throughAdmissionMeeting(s, b, c, m, today) && talk <= today) {
          s.add('upper_talk', talk);
        }
        return true;
      });
    }
  }

  // Admitted people whose probation ends soon or ended undecided: the demo branch (ended 10 days ago, 转正 due
  // now) and about a third of the other townships' first branch.
  const townships = dataset.orgs.filter((o) => o.parentId === county.id && !BRANCH_KINDS.has(o.kind));
  for (const t of townships) {
    const demo = t.id === dataset.anchors.township;
    if (!demo && !rng.chance(0.35)) continue;
    const b = demo
      ? byId.get(dataset.anchors.villageBranch)!
      : branches.find((x) => x.path.startsWith(t.path) && (sponsorsOf.get(x.id)?.length ?? 0) >= 2);
    if (!b) continue;
    const ended = demo ? 10 : DAY(rng, -25, 60);
    const meeting = addDays(addYears(today, -1), -ended);
    const c = addDays(meeting, -DAY(rng, 60, 150));
    const a = addDays(addYears(c, -1), -DAY(rng, 0, 120));
    const t0 = addDays(a, -DAY(rng, 30, 150));
    const p = personOf(b, t0);
    const s = new StepList(refsOf(b));
    if (!throughActivist(s, b, t0, a, today) || !throughAdmissionMeeting(s, b, c, meeting, today)) continue;
    throughProbation(s, meeting, DAY(rng, 20, 60), today, demo || rng.chance(0.5));
    records.push({ ...p, memberId: null, addMember: true, steps: s.steps });
  }
  return records;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}
