// The built-in report templates, in the shape users write (DOMAIN §11: 一、工作开展情况 with （一）（二） and 一是/二是;
// 二、存在的问题; 三、下一步工作计划), and the rules that suggest 存在的问题 from the data. Figures are placeholders bound
// to the metric catalogue (`{{members.total}}` → 1234名, the unit is the metric's), so the prose names no unit after
// a placeholder. `{{#compare}}…{{/compare}}` is kept only when the draft has a compared period (同比).
import type { ReportTemplatePeriodKind } from '@grassroots/domain';

export interface BuiltinTemplate {
  key: string;
  name: string;
  description: string;
  periodKind: ReportTemplatePeriodKind;
  title: string;
  body: string;
}

const COUNTY_ANNUAL: BuiltinTemplate = {
  key: 'county_annual',
  name: '县委组织部年度基层党建工作总结',
  description:
    '县（市、区）委组织部向县委报送的年度基层党建工作总结：组织体系、党员队伍、组织生活、清单任务、督导整改等数字按所选组织及下级自动填写。',
  periodKind: 'year',
  title: '关于{{period.label}}全县基层党建工作情况的总结',
  body: `县委：
{{period.label}}，在县委的坚强领导和上级组织部门的精心指导下，全县各级党组织坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实新时代党的建设总要求和新时代党的组织路线，围绕中心、服务大局，推动基层党建各项任务落地见效。现将有关情况总结如下。
一、工作开展情况
（一）夯实组织基础，基层组织体系更加健全。截至{{period.to}}，{{org.name}}共有基层党组织{{orgs.total}}，其中党委{{orgs.kind.committee}}、党总支{{orgs.kind.general_branch}}、党支部{{orgs.kind.branch}}。一是抓好换届选举，全年按期完成换届的党组织{{elections.held}}。二是推进星级评定，评定五星级党组织{{ratings.five_star}}。三是整顿软弱涣散党组织，排查确定软弱涣散党组织{{weak_orgs.identified}}，整顿到位{{weak_orgs.rectified}}。
（二）加强党员队伍建设，队伍结构持续优化。全县共有党员{{members.total}}{{#compare}}，比{{compare.year}}年同期{{members.total|change}}{{/compare}}，其中正式党员{{members.status.full}}、预备党员{{members.status.probationary}}；女党员{{members.gender.female}}，占{{members.female.share}}；少数民族党员{{members.minority}}，占{{members.minority.share}}；大专及以上学历党员{{members.college}}，占{{members.college.share}}。一是严把发展党员质量关，全年收到入党申请{{development.applications}}，发展党员{{development.probationary.admitted}}{{#compare}}（{{compare.year}}年同期为{{development.probationary.admitted|prev}}）{{/compare}}，按期转正{{development.probationary.converted}}；现有入党积极分子{{development.stage.activist}}、发展对象{{development.stage.candidate}}。二是加强流动党员管理，现有流动党员{{mobile.members}}，逐一明确联系人，落实“一人一档”管理。三是规范党费收缴，全年应交党费{{dues.due.amount|wan}}，实交{{dues.paid.amount|wan}}，交纳率{{dues.paid.share}}。
（三）严格组织生活，党内政治生活质量不断提升。全县各级党组织共召开“三会一课”等组织生活会议{{life.meetings.held}}{{#compare}}，同比{{life.meetings.held|trend}}{{/compare}}，其中讲党课{{life.meetings.kind.party_lecture}}、开展主题党日{{life.meetings.kind.theme_day}}，按要求落实组织生活制度的党组织占{{life.meetings.compliance}}。
（四）坚持清单推进，重点任务落地见效。全年确定基层党建重点任务{{tasks.tasks.total}}，细化推进措施{{tasks.measures.total}}，分解到责任单位{{tasks.assignments.total}}，已完成{{tasks.assignments.done}}，完成率{{tasks.assignments.done.share}}。一是实施书记抓党建项目{{projects.secretary.total}}，推动书记带头抓党建。二是为群众办实事{{projects.practical.total}}，已办结{{projects.practical.done}}，办结率{{projects.practical.done.share}}。三是县级领导建立党建联系点{{contact_points.total}}，深入联系点调研指导{{contact_points.visits}}，帮助解决问题{{contact_points.problems.solved}}。
（五）强化督导检查，压紧压实党建工作责任。全年开展督导检查{{inspections.rounds}}，发现问题{{inspections.problems.found}}，已整改到位{{inspections.problems.rectified}}，正在整改{{inspections.problems.in_progress}}，整改率{{inspections.problems.rectified.share}}。
二、存在的问题
一年来，全县基层党建工作取得了一定成效，但对照新时代党的建设总要求，还存在一些不足。一是基层党组织建设还不够平衡，个别党组织政治功能和组织功能发挥不够充分；二是党员教育管理还需加强，部分党员先锋模范作用发挥不明显；三是抓党建促发展的办法还不多，党建与中心工作融合还不够紧密。
三、下一步工作计划
下一步，我们将坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻新时代党的建设总要求，以提升组织力为重点，突出政治功能，持续推动基层党建工作提质增效。一是持续夯实基层组织基础，抓好软弱涣散党组织整顿和星级评定，推动各领域党组织全面进步、全面过硬。二是从严抓好党员队伍建设，严把发展党员质量关，加强流动党员教育管理，规范组织生活和党费收缴。三是压紧压实党建工作责任，坚持清单化推进、项目化落实，强化督导检查和问题整改，确保各项任务落地见效。`,
};

const TOWNSHIP_QUARTERLY: BuiltinTemplate = {
  key: 'township_quarterly',
  name: '乡镇党委季度党建工作汇报',
  description:
    '乡镇（街道）党（工）委向县委组织部报送的季度党建工作汇报：本季度组织生活、发展党员、清单任务、督导整改等数字按本镇及下级自动填写。',
  periodKind: 'quarter',
  title: '{{org.name}}{{period.label}}党建工作汇报',
  body: `县委组织部：
{{period.label}}，{{org.name}}在县委的坚强领导和县委组织部的精心指导下，坚持以党建引领乡村振兴和基层治理，扎实推进各项党建工作。现将本季度工作情况汇报如下。
一、工作开展情况
（一）抓班子强基础，组织体系不断健全。截至{{period.to}}，全镇共有基层党组织{{orgs.total}}，党员{{members.total}}{{#compare}}，比{{compare.label}}{{members.total|change}}{{/compare}}。一是严格组织生活，本季度各党组织召开“三会一课”等组织生活会议{{life.meetings.held}}，开展主题党日{{life.meetings.kind.theme_day}}，按要求落实组织生活制度的党组织占{{life.meetings.compliance}}。二是规范发展党员，本季度收到入党申请{{development.applications}}，发展党员{{development.probationary.admitted}}，预备党员按期转正{{development.probationary.converted}}。三是加强党员管理，本季度党费交纳率{{dues.paid.share}}，现有流动党员{{mobile.members}}。
（二）抓任务促落实，重点工作有序推进。一是落实上级任务清单，承接任务{{tasks.assignments.total}}，已完成{{tasks.assignments.done}}，完成率{{tasks.assignments.done.share}}。二是推进书记抓党建项目{{projects.secretary.total}}，为群众办实事{{projects.practical.total}}，已办结{{projects.practical.done}}。三是用好党建联系点，县级领导到联系点调研指导{{contact_points.visits}}，帮助解决问题{{contact_points.problems.solved}}。
（三）抓整改强督导，责任落实更加有力。本季度督导检查发现问题{{inspections.problems.found}}，已整改到位{{inspections.problems.rectified}}，整改率{{inspections.problems.rectified.share}}；排查确定软弱涣散党组织{{weak_orgs.identified}}，整顿到位{{weak_orgs.rectified}}。
二、存在的问题
本季度，全镇党建工作取得了一定成效，但还存在一些不足。一是个别村（社区）党组织组织生活还不够规范；二是党建工作与乡村振兴、基层治理融合还不够紧密。
三、下一步工作计划
下一季度，我们将对照县委组织部部署，持续抓好基层党建各项工作。一是严格落实“三会一课”等组织生活制度，加强对村（社区）党组织的指导检查。二是扎实做好发展党员和党员教育管理工作，抓好流动党员管理服务。三是抓实清单任务和问题整改，确保按期完成、整改到位。`,
};

export const BUILTIN_TEMPLATES: readonly BuiltinTemplate[] = [COUNTY_ANNUAL, TOWNSHIP_QUARTERLY];

export function builtinTemplate(key: string): BuiltinTemplate | undefined {
  return BUILTIN_TEMPLATES.find((t) => t.key === key);
}

/** A figure the rule compares: a metric, or a number. */
type Operand = { key: string } | { value: number };

/**
 * A rule that suggests a sentence for 二、存在的问题: when `metric op than` holds for the draft's org and period, the
 * sentence (placeholders kept) is offered for insertion. A rule whose data the platform does not hold yet says so.
 */
export type ProblemRule = {
  id: string;
  topic: string;
  /** What it tests, in words. */
  rule: string;
  text: string;
} & (
  | { test: { key: string; op: '<' | '>'; than: Operand } }
  /** No data to test it on: why, shown beside the sentence. */
  | { unavailable: string }
);

export const PROBLEM_RULES: readonly ProblemRule[] = [
  {
    id: 'meeting_compliance',
    topic: '组织生活',
    rule: '按要求落实组织生活制度的党组织占比低于90%',
    test: { key: 'life.meetings.compliance', op: '<', than: { value: 0.9 } },
    text: '组织生活制度落实还不够到位，{{period.label}}按要求落实“三会一课”等组织生活制度的党组织占比为{{life.meetings.compliance}}，仍有部分党组织组织生活开展不经常、不规范。',
  },
  {
    id: 'rectification_overdue',
    topic: '督导整改',
    rule: '督导检查发现的问题有逾期未整改的',
    test: { key: 'inspections.problems.overdue', op: '>', than: { value: 0 } },
    text: '督导检查发现问题整改还不够及时，截至{{period.to}}，仍有{{inspections.problems.overdue}}问题超过整改期限未整改到位。',
  },
  {
    id: 'measures_overdue',
    topic: '清单任务',
    rule: '推进措施有超过时限未完成的',
    test: { key: 'tasks.measures.overdue', op: '>', than: { value: 0 } },
    text: '重点任务推进还不够平衡，截至{{period.to}}，有{{tasks.measures.overdue}}推进措施超过完成时限仍未完成。',
  },
  {
    id: 'dues_arrears',
    topic: '党费收缴',
    rule: '有党员连续6个月以上未交纳党费',
    test: { key: 'dues.arrears.members', op: '>', than: { value: 0 } },
    text: '党费收缴管理还需加强，截至{{period.to}}，有{{dues.arrears.members}}党员连续6个月以上未按规定交纳党费。',
  },
  {
    id: 'mobile_lost_contact',
    topic: '流动党员',
    rule: '有失去联系的流动党员',
    test: { key: 'mobile.lost_contact', op: '>', than: { value: 0 } },
    text: '流动党员管理还存在薄弱环节，有{{mobile.lost_contact}}流动党员失去联系，教育管理服务还不够到位。',
  },
  {
    id: 'weak_orgs_open',
    topic: '软弱涣散整顿',
    rule: '排查确定的软弱涣散党组织尚未全部整顿到位',
    test: { key: 'weak_orgs.identified', op: '>', than: { key: 'weak_orgs.rectified' } },
    text: '软弱涣散基层党组织整顿还需持续用力，{{period.label}}排查确定软弱涣散党组织{{weak_orgs.identified}}，已整顿到位{{weak_orgs.rectified}}，仍有部分党组织尚未完成整顿。',
  },
  {
    id: 'collective_income_low',
    topic: '村集体经济',
    rule: '有村集体经济收入低于5万元（“消薄”标准）的村',
    unavailable: '平台尚未建立村集体经济台账，无法核查集体经济收入低于5万元的村；如有，请按实际情况填写',
    text: '村级集体经济发展还不平衡，部分村集体经济收入仍低于5万元，“消薄”任务依然较重。',
  },
];
