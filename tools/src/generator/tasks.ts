// Demo 清单管理 for the county: this year's 基层党建重点任务清单 (6 key tasks, 20 measures, each assigned to every
// township) with progress — most measures due so far done, a realistic share overdue — and one 书记项目 per village
// or community branch with its practical matters (实事 / 急难愁盼). Deterministic for the dataset's seed.
import {
  addDays,
  type MatterKind,
  type MatterStatus,
  type ProjectGrade,
  type ProjectStage,
  type Satisfaction,
  type TaskAssignmentState,
} from '@grassroots/domain';
import type { Dataset, GeneratedOrg } from './generate.js';
import { Rng } from './prng.js';

const TASKS: ReadonlyArray<{ title: string; measures: ReadonlyArray<[string, string]> }> = [
  {
    title: '强化政治引领，深化党的创新理论武装',
    measures: [
      ['落实“第一议题”制度', '党委会议首先传达学习，全年不少于12次'],
      ['开展党员冬春训', '分级分类组织轮训，实现党员全覆盖'],
      ['开展主题党日活动', '每月固定一天，做到有主题、有记录'],
    ],
  },
  {
    title: '提升基层组织力，推进党支部标准化规范化建设',
    measures: [
      ['开展党支部标准化建设达标验收', '对照标准逐项自查，年底前全部达标'],
      ['整顿软弱涣散村党组织', '一支一策，县级领导包联，限期销号'],
      ['规范“三会一课”', '每季度抽查记录，纳入年度考核'],
      ['推进星级评定', '对照评定标准开展评星定级'],
    ],
  },
  {
    title: '加强带头人队伍建设',
    measures: [
      ['开展村党组织书记轮训', '每年至少集中培训一次'],
      ['储备村级后备力量', '每村储备2名以上35岁以下后备力量'],
      ['落实村干部报酬待遇', '按标准足额发放，建立正常增长机制'],
    ],
  },
  {
    title: '发展壮大村级集体经济',
    measures: [
      ['实施集体经济消薄行动', '年底前消除经营性收入5万元以下薄弱村'],
      ['开展村级合同清理', '全面清理不规范合同，建立台账'],
      ['推广“党支部+合作社”模式', '每个乡镇培育1个以上示范点'],
    ],
  },
  {
    title: '推进党建引领基层治理',
    measures: [
      ['落实网格化管理', '党员干部包联网格，定期走访'],
      ['开展“双报到”活动', '机关党组织和在职党员到社区报到服务'],
      ['化解矛盾纠纷', '建立台账，做到小事不出村、大事不出镇'],
      ['建设党群服务中心', '完善功能布局，统一标识'],
    ],
  },
  {
    title: '加强党员教育管理',
    measures: [
      ['规范发展党员工作', '严格程序，控制总量、优化结构'],
      ['开展党员积分管理', '建立积分档案，按季度公示'],
      ['排查流动党员', '摸清底数，失联党员逐一联系'],
    ],
  },
];

const PROJECT_SUBJECTS = [
  ['道路硬化', '硬化通组道路，方便群众出行'],
  ['饮水安全', '改造供水管网，解决季节性缺水'],
  ['产业增收', '发展特色种养，带动群众增收'],
  ['人居环境整治', '治理房前屋后，建设美丽村庄'],
  ['养老助餐', '建设老年食堂，解决老人吃饭难'],
  ['矛盾调解', '建立调解室，化解邻里纠纷'],
  ['文化阵地', '建设文化广场，丰富群众生活'],
] as const;
const MATTERS = [
  '修缮村道',
  '安装路灯',
  '疏通排水沟',
  '维修自来水管',
  '帮助困难户申请救助',
  '为老人代办医保',
  '组织义诊',
  '清理垃圾死角',
  '协调农产品销售',
  '修缮危旧房屋',
  '开办四点半课堂',
  '调解土地纠纷',
] as const;
const RAISED_BY = ['村民代表会议', '入户走访', '群众来电', '“板凳会”收集', '网格员上报', '党员联系户反映'] as const;
const MILESTONES = ['制定方案', '动员部署', '组织实施', '督导检查', '总结验收'] as const;

export interface GeneratedAssignment {
  orgId: number;
  state: TaskAssignmentState;
  percent: number;
  milestone: string | null;
  note: string | null;
  reportedOn: string | null;
  completedOn: string | null;
}
export interface GeneratedMeasure {
  title: string;
  method: string;
  deadline: string;
  responsiblePerson: string;
  assignments: GeneratedAssignment[];
}
export interface GeneratedTasks {
  list: { orgId: number; year: number; title: string };
  tasks: Array<{ title: string; measures: GeneratedMeasure[] }>;
  projects: Array<{
    orgId: number;
    title: string;
    secretaryName: string;
    goal: string;
    targetDate: string;
    stage: ProjectStage;
    result: string | null;
    grade: ProjectGrade | null;
    matters: Array<{
      kind: MatterKind;
      title: string;
      raisedBy: string;
      ownerName: string;
      targetDate: string;
      status: MatterStatus;
      result: string | null;
      doneOn: string | null;
      satisfaction: Satisfaction | null;
    }>;
  }>;
}

export const isTownship = (o: GeneratedOrg, byId: Map<number, GeneratedOrg>) =>
  (o.kind === 'committee' || o.kind === 'working_committee') &&
  (o.sector === 'rural' || o.sector === 'urban_community') &&
  o.parentId !== null &&
  byId.get(o.parentId)?.sector === 'government';

const minDate = (a: string, b: string) => (a < b ? a : b);

export function generateTasks(dataset: Dataset, today: string): GeneratedTasks {
  const rng = new Rng(dataset.seed, 7_100_001);
  const year = Number(today.slice(0, 4));
  const byId = new Map(dataset.orgs.map((o) => [o.id, o]));
  const townships = dataset.orgs.filter((o) => isTownship(o, byId));
  const townIds = new Set(townships.map((t) => t.id));
  const branches = dataset.orgs.filter(
    (o) =>
      o.parentId !== null &&
      townIds.has(o.parentId) &&
      o.kind !== 'group' &&
      (o.sector === 'rural' || o.sector === 'urban_community'),
  );

  let seq = 0;
  const tasks = TASKS.map((t) => ({
    title: t.title,
    measures: t.measures.map(([title, method]): GeneratedMeasure => {
      seq++;
      // Deadlines spread over the year, month-ends from March to December.
      const month = 3 + ((seq * 5) % 10);
      const deadline = month === 12 ? `${year}-12-31` : addDays(`${year}-${String(month + 1).padStart(2, '0')}-01`, -1);
      const assignments = townships.map((org): GeneratedAssignment => {
        const due = deadline < today;
        const r = rng.next();
        const state: TaskAssignmentState = due
          ? r < 0.85
            ? 'completed'
            : r < 0.92
              ? 'submitted'
              : 'in_progress'
          : r < 0.15
            ? 'completed'
            : r < 0.25
              ? 'submitted'
              : r < 0.8
                ? 'in_progress'
                : 'not_started';
        const percent =
          state === 'completed' || state === 'submitted' ? 100 : state === 'in_progress' ? rng.range(2, 9) * 10 : 0;
        const reportedOn =
          state === 'not_started'
            ? null
            : minDate(today, addDays(deadline, state === 'in_progress' ? -rng.range(5, 40) : -rng.range(0, 20)));
        return {
          orgId: org.id,
          state,
          percent,
          milestone: state === 'not_started' ? null : MILESTONES[Math.min(4, Math.floor(percent / 25))]!,
          note:
            state === 'not_started'
              ? null
              : state === 'in_progress'
                ? `已${MILESTONES[Math.min(3, Math.floor(percent / 25))]}，正在推进`
                : '已按要求完成，相关材料已报送',
          reportedOn,
          completedOn: state === 'completed' ? minDate(today, addDays(reportedOn!, rng.range(1, 10))) : null,
        };
      });
      return { title, method, deadline, responsiblePerson: rng.pick(['王强', '李敏', '赵刚', '陈芳']), assignments };
    }),
  }));

  const projects = branches.map((b) => {
    const [subject, goal] = rng.pick(PROJECT_SUBJECTS);
    const place = b.name.replace(/(党总支|党支部|党委)$/, '');
    const r = rng.next();
    const stage: ProjectStage = r < 0.1 ? 'approved' : r < 0.55 ? 'in_progress' : r < 0.8 ? 'accepted' : 'rated';
    const done = stage === 'accepted' || stage === 'rated';
    const matters = Array.from({ length: rng.range(2, 5) }, () => {
      const kind: MatterKind = rng.chance(0.3) ? 'urgent_need' : 'practical_matter';
      const targetDate = addDays(`${year}-01-01`, rng.range(60, 364));
      const due = targetDate < today;
      const status: MatterStatus = (due ? rng.chance(0.9) : rng.chance(0.45))
        ? 'done'
        : rng.chance(0.7)
          ? 'in_progress'
          : 'open';
      const doneOn = status === 'done' ? minDate(today, addDays(targetDate, -rng.range(0, 30))) : null;
      const s = rng.next();
      return {
        kind,
        title: `${rng.pick(MATTERS)}`,
        raisedBy: rng.pick(RAISED_BY),
        ownerName: b.secretaryName ?? '村党支部书记',
        targetDate,
        status,
        result: status === 'done' ? '已办结，群众反映良好' : null,
        doneOn,
        satisfaction: (status === 'done'
          ? s < 0.8
            ? 'satisfied'
            : s < 0.96
              ? 'basically_satisfied'
              : 'unsatisfied'
          : null) as Satisfaction | null,
      };
    });
    return {
      orgId: b.id,
      title: `${place}${subject}项目`,
      secretaryName: b.secretaryName ?? '书记',
      goal,
      targetDate: `${year}-12-31`,
      stage,
      result: done ? `${goal}，已通过验收` : null,
      grade: (stage === 'rated' ? rng.pick(['excellent', 'good', 'good', 'pass']) : null) as ProjectGrade | null,
      matters,
    };
  });

  const root = byId.get(dataset.anchors.root)!;
  return {
    list: { orgId: root.id, year, title: `${year}年基层党建重点任务清单` },
    tasks,
    projects,
  };
}
