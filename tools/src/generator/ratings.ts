// 软弱涣散整顿, 换届选举 and 星级评定 demo data for one county:
// - weak orgs: last year's seven, all accepted by the end of October ("整顿软弱涣散党组织7个，10月底前已整顿完成并组织
//   验收"); this year's six, two past their deadline still at work, one past it awaiting acceptance (the demo
//   township among them), one returned, two on time;
// - elections: the election that started each org's current term, and for about two thirds of the orgs whose term
//   has run out a recent election that starts a new one (the rest stay 到期未换届);
// - star ratings: last year's rating of every village and community org (by its township) and of every township (by
//   the county), on the default scorecard, better orgs rated higher and last year's weak orgs low.
import {
  addDays,
  addYears,
  DEFAULT_SCORECARD,
  type ElectedPerson,
  type ElectionMethod,
  scoreRating,
  termEnd,
  type WeakOrgReason,
  type WeakOrgStatus,
} from '@grassroots/domain';
import type { Dataset, GeneratedOrg } from './generate.js';
import { Rng } from './prng.js';

export interface GeneratedWeakOrgEvent {
  action: 'create' | 'submit' | 'accept' | 'return';
  fromStatus: WeakOrgStatus | null;
  toStatus: WeakOrgStatus;
  note: string | null;
  userName: string;
  at: string;
}

export interface GeneratedWeakOrg {
  orgId: number;
  year: number;
  reasons: WeakOrgReason[];
  reasonDetail: string;
  plan: string;
  leaderName: string;
  leaderTitle: string;
  measures: string[];
  deadline: string;
  status: WeakOrgStatus;
  submittedAt: string | null;
  decidedAt: string | null;
  decidedByName: string | null;
  decisionNote: string | null;
  createdAt: string;
  events: GeneratedWeakOrgEvent[];
}

export interface GeneratedElection {
  orgId: number;
  electedOn: string;
  method: ElectionMethod;
  termYears: 3 | 5;
  eligibleVoters: number;
  presentVoters: number;
  secretary: ElectedPerson;
  committee: ElectedPerson[];
  previousTermStart: string | null;
  previousTermYears: number | null;
  previousSecretaryName: string | null;
  /** True for an election held since the dataset's term: the loader moves the org's term to it. */
  startsNewTerm: boolean;
}

export interface GeneratedStarRating {
  orgId: number;
  year: number;
  scores: Record<string, number>;
  total: number;
  stars: number;
  ratedByName: string;
}

export interface GeneratedRatings {
  weakOrgs: GeneratedWeakOrg[];
  elections: GeneratedElection[];
  starRatings: GeneratedStarRating[];
}

const COUNTY_RATER = '组织部管理员';
const TOWNSHIP_RATER = '乡镇党委管理员';

const WEAK_CASES: ReadonlyArray<{ reasons: WeakOrgReason[]; detail: string; measures: string[] }> = [
  {
    reasons: ['secretary_unfit', 'life_irregular'],
    detail: '村党组织书记长期外出务工，“三会一课”不能按时开展',
    measures: ['调整村党组织书记', '选派第一书记驻村指导', '建立组织生活月度报告制度'],
  },
  {
    reasons: ['team_disunity'],
    detail: '班子成员之间矛盾突出，重大事项议而不决',
    measures: ['乡镇党委逐一谈心谈话', '召开专题组织生活会', '落实“四议两公开”'],
  },
  {
    reasons: ['affairs_disorder', 'disputes_concentrated'],
    detail: '村务财务公开不及时，群众信访反映集中',
    measures: ['开展村级财务专项审计', '规范村务公开栏', '包联领导每月接访'],
  },
  {
    reasons: ['weak_service'],
    detail: '集体经济收入不足5万元，服务群众能力弱',
    measures: ['制定集体经济发展规划', '盘活闲置资产资源', '建立党员联系户制度'],
  },
  {
    reasons: ['life_irregular', 'weak_service'],
    detail: '党员活动阵地长期闲置，党员作用发挥不明显',
    measures: ['整修党群服务中心', '开展党员设岗定责', '每季度主题党日进网格'],
  },
  {
    reasons: ['election_misconduct'],
    detail: '上届换届中存在拉票问题，班子威信不高',
    measures: ['开展换届风气专项教育', '严格落实村级事务监督', '县乡联合回访群众'],
  },
  {
    reasons: ['clan_interference', 'team_disunity'],
    detail: '宗族势力干扰村级事务，班子凝聚力不强',
    measures: ['配合开展扫黑除恶常态化', '选优配强村“两委”班子', '建立重大事项报告制度'],
  },
];

function planOf(org: GeneratedOrg, c: (typeof WEAK_CASES)[number]): string {
  return `针对${org.shortName ?? org.name}${c.detail}的问题，实行“一支一策”：县乡两级包联，${c.measures.join('，')}，每月研判整顿进展，限期整顿到位。`;
}

/** Village and community orgs (children of a township) and the townships (children of the county root). */
function neighbourhoods(dataset: Dataset) {
  const byId = new Map(dataset.orgs.map((o) => [o.id, o]));
  const isLocal = (o: GeneratedOrg) => o.sector === 'rural' || o.sector === 'urban_community';
  const townships = dataset.orgs.filter(
    (o) =>
      o.parentId === dataset.anchors.root && isLocal(o) && (o.kind === 'committee' || o.kind === 'working_committee'),
  );
  const townshipIds = new Set(townships.map((t) => t.id));
  const villages = dataset.orgs.filter(
    (o) => o.parentId !== null && townshipIds.has(o.parentId) && isLocal(o) && o.kind !== 'group',
  );
  return { byId, townships, villages };
}

function weakOrgs(dataset: Dataset, today: string, rng: Rng): GeneratedWeakOrg[] {
  const { byId, villages } = neighbourhoods(dataset);
  const candidates = villages.filter((v) => v.id !== dataset.anchors.villageBranch);
  const inDemoTown = (v: GeneratedOrg) => v.parentId === dataset.anchors.township;
  const picked = rng.sample(candidates, Math.min(13, candidates.length));
  let thisYear = picked.slice(7);
  if (!thisYear.some(inDemoTown)) {
    const extra = candidates.find((v) => inDemoTown(v) && !picked.includes(v));
    if (extra) thisYear = [extra, ...thisYear.slice(0, 5)];
  }
  // The demo township sees an overdue rectification: its village takes the first (overdue) plan.
  thisYear.sort((a, b) => Number(inDemoTown(b)) - Number(inDemoTown(a)));
  const lastYear = picked.slice(0, 7);
  const year = Number(today.slice(0, 4));
  const out: GeneratedWeakOrg[] = [];
  const make = (org: GeneratedOrg, y: number, n: number) => {
    const c = WEAK_CASES[n % WEAK_CASES.length]!;
    const township = byId.get(org.parentId!)!;
    const leader =
      township.committee[1 + rng.int(Math.max(1, township.committee.length - 1))] ?? township.secretaryName;
    return {
      orgId: org.id,
      year: y,
      reasons: c.reasons,
      reasonDetail: c.detail,
      plan: planOf(org, c),
      leaderName: leader ?? '王建华',
      leaderTitle: `${township.shortName ?? township.name}党委委员`,
      measures: c.measures,
    };
  };
  lastYear.forEach((org, n) => {
    const y = year - 1;
    const created = `${y}-0${3 + rng.int(3)}-${String(10 + rng.int(18)).padStart(2, '0')}`;
    const submitted = `${y}-10-${String(8 + rng.int(10)).padStart(2, '0')}`;
    const accepted = addDays(submitted, rng.range(3, 10));
    out.push({
      ...make(org, y, n),
      deadline: `${y}-10-31`,
      status: 'accepted',
      submittedAt: `${submitted}T02:00:00.000Z`,
      decidedAt: `${accepted}T03:00:00.000Z`,
      decidedByName: COUNTY_RATER,
      decisionNote: '经县乡两级联合验收，整顿到位',
      createdAt: `${created}T01:00:00.000Z`,
      events: [
        {
          action: 'create',
          fromStatus: null,
          toStatus: 'rectifying',
          note: null,
          userName: COUNTY_RATER,
          at: `${created}T01:00:00.000Z`,
        },
        {
          action: 'submit',
          fromStatus: 'rectifying',
          toStatus: 'submitted',
          note: '整顿材料已报送',
          userName: TOWNSHIP_RATER,
          at: `${submitted}T02:00:00.000Z`,
        },
        {
          action: 'accept',
          fromStatus: 'submitted',
          toStatus: 'accepted',
          note: '经县乡两级联合验收，整顿到位',
          userName: COUNTY_RATER,
          at: `${accepted}T03:00:00.000Z`,
        },
      ],
    });
  });
  // overdue ×2 at work, overdue awaiting acceptance, returned, on time ×2
  const plans: Array<{ status: WeakOrgStatus; deadline: string }> = [
    { status: 'rectifying', deadline: addDays(today, -rng.range(10, 45)) },
    { status: 'submitted', deadline: addDays(today, -rng.range(3, 20)) },
    { status: 'rectifying', deadline: addDays(today, -rng.range(20, 60)) },
    { status: 'returned', deadline: addDays(today, rng.range(20, 60)) },
    { status: 'rectifying', deadline: addDays(today, rng.range(30, 120)) },
    { status: 'rectifying', deadline: addDays(today, rng.range(60, 150)) },
  ];
  thisYear.forEach((org, n) => {
    const p = plans[n]!;
    const created = addDays(today, -rng.range(150, 240));
    const at = (d: string, h: number) => `${d}T0${h}:00:00.000Z`;
    const events: GeneratedWeakOrgEvent[] = [
      {
        action: 'create',
        fromStatus: null,
        toStatus: 'rectifying',
        note: null,
        userName: COUNTY_RATER,
        at: at(created, 1),
      },
    ];
    let submittedAt: string | null = null;
    let decided: Pick<GeneratedWeakOrg, 'decidedAt' | 'decidedByName' | 'decisionNote'> = {
      decidedAt: null,
      decidedByName: null,
      decisionNote: null,
    };
    if (p.status === 'submitted' || p.status === 'returned') {
      const s = addDays(today, -rng.range(8, 30));
      submittedAt = at(s, 2);
      events.push({
        action: 'submit',
        fromStatus: 'rectifying',
        toStatus: 'submitted',
        note: '整顿材料已报送',
        userName: TOWNSHIP_RATER,
        at: submittedAt,
      });
    }
    if (p.status === 'returned') {
      const note = '群众满意度测评未达到要求，请继续整顿';
      decided = { decidedAt: at(addDays(today, -rng.range(1, 7)), 3), decidedByName: COUNTY_RATER, decisionNote: note };
      events.push({
        action: 'return',
        fromStatus: 'submitted',
        toStatus: 'returned',
        note,
        userName: COUNTY_RATER,
        at: decided.decidedAt!,
      });
    }
    out.push({
      ...make(org, Number(created.slice(0, 4)), n + 3),
      deadline: p.deadline,
      status: p.status,
      submittedAt,
      ...decided,
      createdAt: at(created, 1),
      events,
    });
  });
  return out;
}

function electedPeople(
  rng: Rng,
  org: GeneratedOrg,
  present: number,
): { secretary: ElectedPerson; committee: ElectedPerson[] } {
  const votes = () => rng.range(Math.floor(present / 2) + 1, present);
  const secretary = { name: org.secretaryName!, votes: Math.max(votes(), present - rng.int(3)) };
  const committee = org.committee.filter((n) => n !== org.secretaryName).map((name) => ({ name, votes: votes() }));
  return { secretary, committee };
}

function elections(dataset: Dataset, today: string, rng: Rng): GeneratedElection[] {
  const out: GeneratedElection[] = [];
  for (const org of dataset.orgs) {
    if (org.kind === 'group' || org.termStart === null || org.termYears === null || org.secretaryName === null)
      continue;
    const eligible = Math.max(3, org.committee.length * rng.range(3, 8));
    const present = Math.min(
      eligible,
      Math.floor((eligible * 4) / 5) + 1 + rng.int(Math.max(1, Math.ceil(eligible / 10))),
    );
    const method: ElectionMethod =
      org.kind === 'committee' && org.committee.length >= 7 && rng.chance(0.3)
        ? 'congress'
        : org.committee.length > 0
          ? 'direct_competitive'
          : 'direct_uncontested';
    out.push({
      orgId: org.id,
      electedOn: org.termStart,
      method,
      termYears: org.termYears,
      eligibleVoters: eligible,
      presentVoters: present,
      ...electedPeople(rng, org, present),
      previousTermStart: addYears(org.termStart, -org.termYears),
      previousTermYears: org.termYears,
      previousSecretaryName: null,
      startsNewTerm: false,
    });
    const end = termEnd(org.termStart, org.termYears);
    if (end <= today && rng.chance(0.65)) {
      const electedOn = addDays(today, -rng.range(5, 90));
      out.push({
        ...out[out.length - 1]!,
        electedOn: electedOn > org.termStart ? electedOn : today,
        ...electedPeople(rng, org, present),
        previousTermStart: org.termStart,
        previousTermYears: org.termYears,
        previousSecretaryName: org.secretaryName,
        startsNewTerm: true,
      });
    }
  }
  return out;
}

function starRatings(dataset: Dataset, today: string, weak: GeneratedWeakOrg[], rng: Rng): GeneratedStarRating[] {
  const { townships, villages } = neighbourhoods(dataset);
  const year = Number(today.slice(0, 4)) - 1;
  const weakLastYear = new Set(weak.filter((w) => w.year === year).map((w) => w.orgId));
  const out: GeneratedStarRating[] = [];
  const rate = (org: GeneratedOrg, ratedByName: string) => {
    // Quality skews high (most orgs rate three or four stars); last year's weak orgs rate low.
    const quality = weakLastYear.has(org.id) ? 0.5 + 0.1 * rng.next() : Math.min(1, 0.76 + 0.09 * rng.normal());
    const scores = Object.fromEntries(
      DEFAULT_SCORECARD.items.map((i) => {
        const raw = i.maxPoints * Math.min(1, Math.max(0, quality + 0.06 * rng.normal()));
        return [i.key, Math.round(raw * 2) / 2];
      }),
    );
    const { total, stars } = scoreRating(DEFAULT_SCORECARD, scores);
    out.push({ orgId: org.id, year, scores, total, stars, ratedByName });
  };
  for (const t of townships) rate(t, COUNTY_RATER);
  for (const v of villages) rate(v, TOWNSHIP_RATER);
  return out;
}

/** Deterministic for the dataset's seed and `today`. */
export function generateRatings(dataset: Dataset, today: string): GeneratedRatings {
  const weak = weakOrgs(dataset, today, new Rng(dataset.seed, 7_100_001));
  return {
    weakOrgs: weak,
    elections: elections(dataset, today, new Rng(dataset.seed, 7_100_002)),
    starRatings: starRatings(dataset, today, weak, new Rng(dataset.seed, 7_100_003)),
  };
}
