// Demo 督导检查与整改 for the county: three rounds by the county's inspection team (an early-year round, a 明察暗访,
// a recent round) with a few hundred problems at village and community branches, in every rectification state —
// older rounds mostly 销号, the recent one mostly open, a realistic share past the deadline (整改逾期). Each problem
// carries the event history its state implies (the workflow's source of truth). Deterministic for the dataset's seed.
import {
  addDays,
  type InspectionKind,
  PROBLEM_CATEGORIES,
  type ProblemAction,
  type ProblemCategory,
  type ProblemSeverity,
  type ProblemState,
} from '@grassroots/domain';
import type { Dataset } from './generate.js';
import { Rng } from './prng.js';
import { isTownship } from './tasks.js';

export interface GeneratedRound {
  orgId: number;
  title: string;
  team: string;
  kind: InspectionKind;
  checklist: string[];
  startsOn: string;
  endsOn: string;
}

export interface GeneratedProblemEvent {
  action: ProblemAction | 'create';
  from: ProblemState | null;
  to: ProblemState;
  reason: string | null;
  evidence: string | null;
  userName: string;
  on: string;
}

export interface GeneratedProblem {
  round: number;
  orgId: number;
  category: ProblemCategory;
  description: string;
  severity: ProblemSeverity;
  responsiblePerson: string;
  foundOn: string;
  deadline: string;
  state: ProblemState;
  events: GeneratedProblemEvent[];
}

const TEAM = '县委组织部督导组';
const CHECKLIST = [
  '“三会一课”记录',
  '主题党日开展情况',
  '党费收缴台账',
  '发展党员档案',
  '党群服务中心阵地',
  '党员信息维护',
];

const DESCRIPTIONS: Record<ProblemCategory, readonly string[]> = {
  organization_life: [
    '“三会一课”记录不全，个别季度未召开党员大会',
    '主题党日活动流于形式，无签到记录',
    '组织生活会未开展批评与自我批评',
  ],
  member_management: ['流动党员底数不清，未建立联系台账', '党员积分管理未按月公示', '党员教育培训学时不足'],
  development: ['入党积极分子培养考察记录缺失', '发展党员公示材料不规范', '预备党员转正讨论未按期进行'],
  dues: ['党费收缴不及时，存在欠缴情况', '党费交纳基数未按规定核定', '党费收缴台账登记不规范'],
  positions: ['党群服务中心标识不统一', '阵地功能室被挪作他用', '党务公开栏内容长期未更新'],
  records: ['党建工作台账资料不全', '会议记录与实际开展情况不符', '党组织换届资料未归档'],
  other: ['村务监督委员会作用发挥不充分', '党建引领基层治理措施不具体'],
};
const RETURN_REASONS = ['整改材料不完整，缺少会议记录原件', '整改不彻底，需进一步规范', '佐证材料与问题不对应'];
const EVIDENCE = ['已补齐相关记录并建立台账', '已召开专题会议研究整改，完善制度', '已整改到位，附照片和会议记录'];

/** The state a problem has reached and the events leading there, from how far its round lies behind today. */
function history(
  rng: Rng,
  foundOn: string,
  deadline: string,
  today: string,
  secretary: string,
): { state: ProblemState; events: GeneratedProblemEvent[] } {
  const elapsed = Math.max(0, Math.round((Date.parse(today) - Date.parse(foundOn)) / 86_400_000));
  const due = deadline < today;
  const r = rng.next();
  // The further past its deadline, the likelier a problem is closed; some stay open and overdue.
  const reached = due ? (r < 0.82 ? 4 : r < 0.9 ? 3 : r < 0.96 ? 2 : 1) : r < 0.25 ? 4 : r < 0.45 ? 3 : r < 0.8 ? 2 : 1;
  const returned = reached >= 3 && rng.chance(0.2);
  const day = (k: number) => addDays(foundOn, Math.min(elapsed, Math.round((elapsed * k) / 6)));
  const events: GeneratedProblemEvent[] = [
    { action: 'create', from: null, to: 'pending', reason: null, evidence: null, userName: TEAM, on: foundOn },
  ];
  const push = (e: Omit<GeneratedProblemEvent, 'reason' | 'evidence'> & Partial<GeneratedProblemEvent>) =>
    events.push({ reason: null, evidence: null, ...e });
  if (reached >= 2) push({ action: 'start', from: 'pending', to: 'rectifying', userName: secretary, on: day(1) });
  if (reached >= 3) {
    push({
      action: 'submit',
      from: 'rectifying',
      to: 'submitted',
      userName: secretary,
      on: day(2),
      evidence: rng.pick(EVIDENCE),
    });
    if (returned) {
      push({
        action: 'return',
        from: 'submitted',
        to: 'rectifying',
        userName: TEAM,
        on: day(3),
        reason: rng.pick(RETURN_REASONS),
      });
      push({
        action: 'submit',
        from: 'rectifying',
        to: 'submitted',
        userName: secretary,
        on: day(4),
        evidence: rng.pick(EVIDENCE),
      });
    }
  }
  if (reached === 4)
    push({
      action: 'accept',
      from: 'submitted',
      to: 'accepted',
      userName: TEAM,
      on: day(5),
      reason: '整改到位，同意销号',
    });
  return { state: events[events.length - 1]!.to, events };
}

export function generateInspections(
  dataset: Dataset,
  today: string,
): { rounds: GeneratedRound[]; problems: GeneratedProblem[] } {
  const rng = new Rng(dataset.seed, 7_200_001);
  const year = Number(today.slice(0, 4));
  const byId = new Map(dataset.orgs.map((o) => [o.id, o]));
  const townIds = new Set(dataset.orgs.filter((o) => isTownship(o, byId)).map((t) => t.id));
  const branches = dataset.orgs.filter(
    (o) =>
      o.parentId !== null &&
      townIds.has(o.parentId) &&
      o.kind !== 'group' &&
      (o.sector === 'rural' || o.sector === 'urban_community'),
  );
  const root = dataset.anchors.root;
  // Days before today each round started, and how many branches it found problems at.
  const specs = [
    { offset: -150, kind: 'open' as const, title: `${year}年第一轮基层党建工作督导检查`, size: 130 },
    { offset: -75, kind: 'unannounced' as const, title: `${year}年基层党建明察暗访`, size: 100 },
    { offset: -20, kind: 'open' as const, title: `${year}年第二轮基层党建工作督导检查`, size: 90 },
  ];
  const rounds: GeneratedRound[] = specs.map((r) => ({
    orgId: root,
    title: r.title,
    team: TEAM,
    kind: r.kind,
    checklist: CHECKLIST,
    startsOn: addDays(today, r.offset),
    endsOn: addDays(today, r.offset + 10),
  }));
  const problems: GeneratedProblem[] = [];
  for (const [i, round] of rounds.entries()) {
    for (const org of rng.sample(branches, Math.min(branches.length, specs[i]!.size))) {
      const category = rng.pick(PROBLEM_CATEGORIES);
      const foundOn = addDays(round.startsOn, rng.int(10));
      const deadline = addDays(foundOn, 30 + 15 * rng.int(3));
      const secretary = org.secretaryName ?? '支部书记';
      problems.push({
        round: i,
        orgId: org.id,
        category,
        description: rng.pick(DESCRIPTIONS[category]),
        severity: rng.chance(0.1) ? 'severe' : rng.chance(0.3) ? 'major' : 'minor',
        responsiblePerson: secretary,
        foundOn,
        deadline,
        ...history(rng, foundOn, deadline, today, secretary),
      });
    }
  }
  return { rounds, problems };
}
