// 组织生活 demo data: the meetings the default obligations ask of each branch and 党小组 since the start of last
// year, held by most orgs in most periods. Each org has a habit: most are diligent (miss ~2% of periods), some
// patchy (~15%), a few weak (~45%), so the compliance page shows mostly green with some red and meetings_short
// lists real shortfalls. About 6% of records are entered more than 30 days late (补录). A few orgs are exempt for a
// quarter (换届, 撤并) and skip it. The demo branch is diligent except for last quarter's 党课, so its secretary sees one
// overdue item. Deterministic per org.
import {
  addDays,
  applicableObligations,
  DEFAULT_OBLIGATIONS,
  MEETING_LATE_RECORD_DAYS,
  type MeetingKind,
  type OrgForObligations,
  periodOf,
  periodsBetween,
} from '@grassroots/domain';
import type { Dataset, GeneratedOrg } from './generate.js';
import { Rng } from './prng.js';

export interface GeneratedMeeting {
  orgId: number;
  orgPath: string;
  kind: MeetingKind;
  date: string;
  topic: string;
  host: string;
  place: string;
  attendeeCount: number;
  absentCount: number;
  late: 0 | 1;
  /** The day it was recorded. */
  recordedOn: string;
}

export interface GeneratedExemption {
  orgId: number;
  orgPath: string;
  kind: MeetingKind | null;
  periodKey: string;
  reason: string;
}

const TOPICS: Record<MeetingKind, readonly string[]> = {
  general_meeting: [
    '学习贯彻党的二十届四中全会精神',
    '讨论确定发展对象',
    '通报上半年党费收缴和党务公开情况',
    '讨论村级重大事项（四议两公开）',
    '学习《中国共产党支部工作条例（试行）》',
  ],
  committee_meeting: [
    '研究本月党建工作安排',
    '研究确定入党积极分子培养联系人',
    '研究困难党员走访慰问名单',
    '研究人居环境整治任务分工',
    '研究党员积分管理情况',
  ],
  group_meeting: ['学习党章和党的基本知识', '讨论网格内群众反映的问题', '交流思想、汇报工作', '学习党的创新理论'],
  party_lecture: [
    '书记讲党课：传承红色基因，争做时代先锋',
    '党课：全面从严治党永远在路上',
    '党课：学习身边的优秀共产党员',
    '党课：以学铸魂、以学增智',
  ],
  theme_day: [
    '主题党日：重温入党誓词',
    '主题党日：志愿服务进网格',
    '主题党日：参观红色教育基地',
    '主题党日：清洁家园行动',
    '主题党日：走访慰问老党员',
  ],
  first_topic_study: ['第一议题：学习习近平总书记重要讲话精神', '第一议题：学习习近平总书记重要指示批示精神'],
  life_meeting: ['召开年度组织生活会，开展批评和自我批评'],
  member_review: ['年度民主评议党员'],
};
const PLACES = ['党员活动室', '党群服务中心会议室', '村委会议室', '社区党建阵地', '支部会议室'];
const EXEMPTION_REASONS = ['村（社区）党组织换届选举', '党组织撤并调整', '防汛救灾一线集中攻坚', '书记调整空缺期间'];

/** `membersOf(orgId)`: members in an org's subtree (a branch's meetings include its groups). */
export function generateLife(
  dataset: Dataset,
  today: string,
  membersOf: (orgId: number) => number,
  orgIds?: ReadonlySet<number>,
): { meetings: GeneratedMeeting[]; exemptions: GeneratedExemption[] } {
  // From the first day of last year: last year's report (and its compliance) reads a whole year of meetings.
  const from = `${Number(today.slice(0, 4)) - 1}-01-01`;
  const meetings: GeneratedMeeting[] = [];
  const exemptions: GeneratedExemption[] = [];
  const demoBranch = dataset.anchors.villageBranch;
  const lastQuarter = periodOf('quarter', addDays(periodOf('quarter', today).start, -1));
  // Every day from the start to 90 days after today, and each cycle's periods with their first day's index: the
  // loop below only indexes (tens of thousands of meetings).
  const days: string[] = [];
  for (let d = from; d <= addDays(today, 90); d = addDays(d, 1)) days.push(d);
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const todayIndex = dayIndex.get(today)!;
  const periods = new Map(
    (['year', 'quarter', 'month'] as const).map((c) => [
      c,
      periodsBetween(c, from, today).map((p) => ({
        ...p,
        quarter: periodOf('quarter', p.start).key,
        first: dayIndex.get(p.start) ?? 0,
        last: Math.min(dayIndex.get(p.end) ?? todayIndex, todayIndex),
        length: (dayIndex.get(p.end) ?? todayIndex) - (dayIndex.get(p.start) ?? 0) + 1,
      })),
    ]),
  );
  const quarters = periodsBetween('quarter', from, lastQuarter.end).map((p) => p.key);
  for (const org of dataset.orgs) {
    if (orgIds && !orgIds.has(org.id)) continue;
    const bound = applicableObligations(forObligations(org), DEFAULT_OBLIGATIONS);
    if (bound.length === 0) continue;
    const rng = new Rng(dataset.seed, 9_100_003, org.id);
    const habit = rng.next();
    const missRate = org.id === demoBranch ? 0 : habit < 0.75 ? 0.02 : habit < 0.95 ? 0.15 : 0.45;
    const lateRate = habit < 0.75 ? 0.04 : 0.12;
    const size = Math.max(1, membersOf(org.id));
    let exemptQuarter: string | null = null;
    if (org.kind !== 'group' && rng.chance(0.01)) {
      exemptQuarter = rng.pick(quarters);
      exemptions.push({
        orgId: org.id,
        orgPath: org.path,
        kind: null,
        periodKey: exemptQuarter,
        reason: rng.pick(EXEMPTION_REASONS),
      });
    }
    for (const o of bound) {
      for (const p of periods.get(o.cycle)!) {
        if (p.quarter === exemptQuarter) continue;
        if (org.foundedOn !== null && org.foundedOn > p.start) continue;
        // The current period: held by now roughly in proportion to the time gone (most hold early).
        const inProgress = p.end >= today;
        const gone = inProgress ? (todayIndex - p.first + 1) / p.length : 1;
        const skipDemo = org.id === demoBranch && o.kind === 'party_lecture' && p.key === lastQuarter.key;
        if (skipDemo || rng.chance(missRate) || (inProgress && !rng.chance(Math.min(0.97, gone + 0.15)))) continue;
        for (let i = 0; i < o.expected; i++) {
          const at = p.first + rng.int(p.last - p.first + 1);
          const late = rng.chance(lateRate);
          const recordedAt = Math.min(at + (late ? rng.range(31, 90) : rng.range(0, 7)), todayIndex);
          const attendees = Math.max(1, Math.round(size * (0.75 + rng.next() * 0.25)));
          meetings.push({
            orgId: org.id,
            orgPath: org.path,
            kind: o.kind,
            date: days[at]!,
            topic: rng.pick(TOPICS[o.kind]),
            host: org.secretaryName ?? '支部书记',
            place: rng.pick(PLACES),
            attendeeCount: attendees,
            absentCount: size - attendees,
            // meetingIsLate on day indexes (its date parsing would dominate the county's seed time).
            late: recordedAt - at > MEETING_LATE_RECORD_DAYS ? 1 : 0,
            recordedOn: days[recordedAt]!,
          });
        }
      }
    }
  }
  return { meetings, exemptions };
}

function forObligations(org: GeneratedOrg): OrgForObligations {
  return {
    kind: org.kind,
    sector: org.sector,
    hasCommittee: org.committee.length > 0,
    foundedOn: org.foundedOn,
    closedOn: null,
  };
}
