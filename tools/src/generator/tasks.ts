// Demo 清单管理 for the county: this year's 基层党建重点任务清单, one list per domain (领域, the list's sector) — the
// 农村 list's 6 hand-written key tasks plus tasks composed from the template tables below, ≈50 tasks and ≈300 measures
// in all, each measure assigned to every township — with progress — most measures due so far done, a realistic share overdue — and one 书记项目 per village
// or community branch with its practical matters (实事 / 急难愁盼). Deterministic for the dataset's seed.
import {
  addDays,
  type MatterKind,
  type MatterStatus,
  type ProjectGrade,
  type ProjectStage,
  type Satisfaction,
  SECTOR_LABELS,
  SECTORS,
  type Sector,
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

// More 农村 tasks beside the 6 above.
const RURAL_EXTRA: ReadonlyArray<{ title: string; measures: ReadonlyArray<[string, string]> }> = [
  {
    title: '推进抓党建促乡村振兴',
    measures: [
      ['选派驻村第一书记', '重点村全覆盖，落实管理考核'],
      ['开展村级组织运转经费保障', '按标准足额拨付，规范使用'],
      ['推进乡村治理“积分制”', '每个乡镇选择2个村先行试点'],
      ['开展“红色美丽村庄”建设', '每个乡镇打造1个示范村'],
      ['落实“四议两公开”', '重大事项全程留痕，按月公开'],
    ],
  },
  {
    title: '加强村级权力运行监督',
    measures: [
      ['规范村务监督委员会履职', '每季度列席村“两委”会议'],
      ['推进村级“小微权力”清单', '清单上墙公开，按流程办理'],
      ['开展村级财务审计', '村党组织书记任期和离任审计全覆盖'],
      ['整治群众身边不正之风', '建立问题台账，逐件销号'],
      ['落实村干部坐班值班', '公示值班表，群众办事有人管'],
    ],
  },
];

// The other domains' lists: tasks common to every domain ({org} → the domain's party organisation, {unit} → its kind of
// unit), and one task of each domain's own.
const COMMON_TASKS: ReadonlyArray<{ title: string; measures: ReadonlyArray<[string, string]> }> = [
  {
    title: '加强{org}政治建设',
    measures: [
      ['落实“第一议题”制度', '党组织会议首先传达学习，全年不少于12次'],
      ['开展理论学习中心组学习', '每季度集中学习研讨不少于1次'],
      ['组织党员冬春训', '分级分类轮训，实现党员全覆盖'],
      ['开展主题党日活动', '每月固定一天，做到有主题、有记录'],
      ['落实意识形态工作责任制', '每半年专题研究一次意识形态工作'],
      ['开展“书记讲党课”', '党组织书记每年讲党课不少于1次'],
      ['建立政治理论学习台账', '按月登记，年底前归档'],
    ],
  },
  {
    title: '推进{org}标准化规范化建设',
    measures: [
      ['开展党支部标准化建设达标验收', '对照标准逐项自查，年底前全部达标'],
      ['规范“三会一课”', '每季度抽查记录，纳入年度考核'],
      ['按期完成换届', '到期党组织提前报告，按期换届'],
      ['规范组织生活会和民主评议党员', '年初制定方案，年底前全部完成'],
      ['推进党组织星级评定', '对照评定标准开展评星定级'],
      ['整顿软弱涣散党组织', '一支一策，限期销号'],
      ['完善党建工作台账', '统一台账目录，逐项规范'],
    ],
  },
  {
    title: '加强{unit}党务干部队伍建设',
    measures: [
      ['配齐配强党组织书记', '书记空缺的一个月内配齐'],
      ['开展党务干部轮训', '每年至少集中培训一次'],
      ['落实党组织书记抓党建述职评议', '年底前全覆盖述职评议'],
      ['选育党建工作指导员', '每个乡镇明确1名以上指导员'],
      ['推进“双向培养”', '把业务骨干培养成党员，把党员培养成业务骨干'],
      ['建立党务干部激励机制', '纳入评优评先，落实待遇'],
    ],
  },
  {
    title: '推动{unit}党建与业务深度融合',
    measures: [
      ['开展“党员先锋岗”创建', '每个党支部设立1个以上先锋岗'],
      ['组建党员突击队', '围绕重点工作攻坚克难'],
      ['开展党建品牌创建', '每个乡镇培育1个以上党建品牌'],
      ['落实党建工作责任清单', '年初签订责任书，年底考核'],
      ['开展“我为群众办实事”', '每个党组织办实事不少于3件'],
      ['推行党员承诺践诺', '年初公开承诺，年底评议'],
      ['建立党建联建机制', '与村社区结对共建，定期开展活动'],
    ],
  },
  {
    title: '加强{unit}党员教育管理监督',
    measures: [
      ['规范发展党员工作', '严格程序，控制总量、优化结构'],
      ['开展党员积分管理', '建立积分档案，按季度公示'],
      ['核对党员信息', '全面核对党员信息，做到准确完整'],
      ['按时足额收缴党费', '每月收缴，按季度公示'],
      ['开展警示教育', '每半年组织一次警示教育'],
      ['关爱困难党员和老党员', '节日走访慰问全覆盖'],
    ],
  },
];
const SECTOR_FLAVOUR: Record<
  Exclude<Sector, 'rural'>,
  { org: string; unit: string; task: { title: string; measures: ReadonlyArray<[string, string]> } }
> = {
  urban_community: {
    org: '社区党组织',
    unit: '城市社区',
    task: {
      title: '深化党建引领城市基层治理',
      measures: [
        ['推进“街道大工委、社区大党委”建设', '吸纳驻区单位负责人兼职委员'],
        ['落实网格化管理', '党员干部包联网格，定期走访'],
        ['开展“双报到”活动', '机关党组织和在职党员到社区报到服务'],
        ['推进小区党组织建设', '符合条件的小区应建尽建'],
        ['加强物业服务企业党建', '推动物业企业党组织参与小区治理'],
        ['建设党群服务中心', '完善功能布局，统一标识'],
      ],
    },
  },
  government: {
    org: '机关党组织',
    unit: '机关',
    task: {
      title: '建设模范机关',
      measures: [
        ['开展“模范机关”创建', '制定创建标准，年底前评选一批'],
        ['落实机关党建责任清单', '党组（党委）书记第一责任人责任落实到位'],
        ['整治形式主义官僚主义', '精简文件会议，为基层减负'],
        ['开展机关作风建设', '明察暗访不少于2次'],
        ['推进机关党支部与村社区结对', '每个机关党支部结对1个村或社区'],
        ['落实机关干部下沉服务', '每月下沉服务不少于1天'],
      ],
    },
  },
  public_institution: {
    org: '学校和医院党组织',
    unit: '学校、医院',
    task: {
      title: '落实党组织领导的校长负责制和院长负责制',
      measures: [
        ['修订学校党组织会议议事规则', '明确议事范围，年内完成修订'],
        ['修订医院党委会议议事规则', '重大事项先经党委会议研究'],
        ['推进党支部书记“双带头人”培育', '教研室、科室党支部书记全覆盖'],
        ['在高知群体中发展党员', '优秀教师、医生纳入重点培养'],
        ['开展师德医德医风建设', '建立师德医德档案，年度评议'],
        ['开展“党员示范岗”创建', '每所学校、医院设立示范岗'],
      ],
    },
  },
  state_enterprise: {
    org: '国有企业党组织',
    unit: '国有企业',
    task: {
      title: '把党的领导融入国有企业公司治理',
      measures: [
        ['落实党组织前置研究讨论重大经营管理事项', '制定前置事项清单，严格执行'],
        ['推进“双向进入、交叉任职”', '党委书记、董事长一人担任'],
        ['把党建工作要求写入公司章程', '年底前所属企业全覆盖'],
        ['开展党建工作责任制考核', '考核结果与薪酬挂钩'],
        ['推进混合所有制企业党建', '应建尽建，同步调整'],
        ['开展“党建+生产经营”项目', '每个党支部确定1个攻关项目'],
      ],
    },
  },
  private_enterprise: {
    org: '非公企业党组织',
    unit: '非公企业',
    task: {
      title: '扩大非公企业党的组织和工作覆盖',
      measures: [
        ['开展非公企业党建摸底排查', '摸清规上企业党员底数和组织设置'],
        ['推进规上企业党组织应建尽建', '有3名以上党员的单独组建'],
        ['选派党建工作指导员', '未建党组织的企业全覆盖'],
        ['开展“党建强、发展强”创建', '每个乡镇培育1家以上示范企业'],
        ['推动出资人支持党建', '出资人与党组织书记定期沟通'],
        ['建设园区党群服务中心', '园区全覆盖，功能共享'],
      ],
    },
  },
  social_organization: {
    org: '社会组织党组织',
    unit: '社会组织',
    task: {
      title: '加强社会组织党的建设',
      measures: [
        ['落实社会组织登记与党建工作“三同步”', '登记、年检、评估同步审查党建'],
        ['推进行业协会商会党组织建设', '依托行业主管部门统筹推进'],
        ['将党建工作写入社会组织章程', '年底前已登记社会组织全覆盖'],
        ['选派党建工作指导员', '未建党组织的社会组织全覆盖'],
        ['开展社会组织党员志愿服务', '每季度至少开展一次'],
        ['推进社会组织党建示范点', '每个乡镇培育1个示范点'],
      ],
    },
  },
  new_economy: {
    org: '新业态党组织',
    unit: '新就业群体',
    task: {
      title: '加强新就业群体党建工作',
      measures: [
        ['摸排快递员外卖员网约车司机中的党员', '建立台账，动态更新'],
        ['推进快递物流企业党组织建设', '应建尽建，同步覆盖站点'],
        ['建设“暖蜂驿站”等服务阵地', '每个乡镇建设1个以上'],
        ['引导新就业群体参与基层治理', '聘为兼职网格员、信息员'],
        ['开展新就业群体关爱活动', '节日慰问、健康体检全覆盖'],
        ['在新就业群体中发展党员', '优秀骨干纳入重点培养'],
      ],
    },
  },
};

/** The task templates of a domain's list; 农村 keeps the hand-written 6 first. */
export function domainTasks(sector: Sector): Array<{ title: string; measures: ReadonlyArray<[string, string]> }> {
  if (sector === 'rural') return [...TASKS, ...RURAL_EXTRA];
  const { org, unit, task } = SECTOR_FLAVOUR[sector];
  const k = SECTORS.indexOf(sector);
  const fill = (t: string) => t.replaceAll('{org}', org).replaceAll('{unit}', unit);
  return [
    ...COMMON_TASKS.map((t, i) => ({
      title: fill(t.title),
      // One task per domain leaves out one of its measures, a different one in each domain.
      measures: i === k % COMMON_TASKS.length ? t.measures.filter((_, j) => j !== k % t.measures.length) : t.measures,
    })),
    task,
  ];
}

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
  year: number;
  /** One list per domain, all issued by the county for the same year. */
  lists: Array<{
    list: { orgId: number; year: number; sector: Sector; title: string };
    tasks: Array<{ title: string; measures: GeneratedMeasure[] }>;
  }>;
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

  const composeTasks = (
    templates: ReadonlyArray<{ title: string; measures: ReadonlyArray<readonly [string, string]> }>,
    rng: Rng,
    firstSeq = 0,
  ) => {
    let seq = firstSeq;
    return templates.map((t) => ({
      title: t.title,
      measures: t.measures.map(([title, method]): GeneratedMeasure => {
        seq++;
        // Deadlines spread over the year, month-ends from March to December.
        const month = 3 + ((seq * 5) % 10);
        const deadline =
          month === 12 ? `${year}-12-31` : addDays(`${year}-${String(month + 1).padStart(2, '0')}-01`, -1);
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
  };

  const root = byId.get(dataset.anchors.root)!;
  // The 农村 list's hand-written tasks draw from the dataset's first stream (as before the other domains were added);
  // everything composed from the templates draws from a stream of its own.
  const ruralTasks = composeTasks(TASKS, rng);
  const extraRng = new Rng(dataset.seed, 7_100_002);
  const lists = SECTORS.map((sector) => ({
    list: { orgId: root.id, year, sector, title: `${year}年${SECTOR_LABELS[sector]}领域基层党建重点任务清单` },
    tasks:
      sector === 'rural'
        ? [...ruralTasks, ...composeTasks(RURAL_EXTRA, extraRng, TASKS.flatMap((t) => t.measures).length)]
        : composeTasks(domainTasks(sector), extraRng),
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

  return { year, lists, projects };
}
