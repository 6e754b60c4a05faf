// 软弱涣散党组织整顿 (DOMAIN.md §1): identified each year with reasons, a plan (一支一策), a responsible leader
// (包联领导), measures and a deadline; closed only by the upper level's acceptance (验收).
//
// Decisions where DOMAIN.md is silent:
// - Reasons are the categories of the central 软弱涣散 criteria as commonly applied, plus 其他 with an explanation.
// - States: 整顿中 → 已提交 → 验收通过, or 退回 (back to work, resubmittable). Overdue is derived, never a state: not
//   accepted and today is after the deadline (the deadline day itself is still on time).
// - An org is designated at most once per year.
import { AppError } from './errors.js';

export const WEAK_ORG_REASONS = [
  'secretary_unfit',
  'team_disunity',
  'life_irregular',
  'election_misconduct',
  'clan_interference',
  'affairs_disorder',
  'disputes_concentrated',
  'weak_service',
  'other',
] as const;
export type WeakOrgReason = (typeof WEAK_ORG_REASONS)[number];
export const WEAK_ORG_REASON_LABELS: Record<WeakOrgReason, string> = {
  secretary_unfit: '书记不胜任现职、工作不在状态',
  team_disunity: '班子不团结、内耗严重',
  life_irregular: '组织制度形同虚设、组织生活不正常',
  election_misconduct: '换届选举拉票贿选问题突出',
  clan_interference: '宗族宗教和黑恶势力干扰渗透',
  affairs_disorder: '村（居）务财务公开和民主管理混乱',
  disputes_concentrated: '社会治安问题和信访矛盾纠纷集中',
  weak_service: '集体经济薄弱、服务群众能力弱',
  other: '其他',
};

export const WEAK_ORG_STATUSES = ['rectifying', 'submitted', 'accepted', 'returned'] as const;
export type WeakOrgStatus = (typeof WEAK_ORG_STATUSES)[number];
export const WEAK_ORG_STATUS_LABELS: Record<WeakOrgStatus, string> = {
  rectifying: '整顿中',
  submitted: '已提交',
  accepted: '验收通过',
  returned: '已退回',
};

export const WEAK_ORG_ACTIONS = ['submit', 'accept', 'return'] as const;
export type WeakOrgAction = (typeof WEAK_ORG_ACTIONS)[number];
export const WEAK_ORG_ACTION_LABELS: Record<WeakOrgAction | 'create' | 'update', string> = {
  create: '列为软弱涣散',
  update: '修改整顿方案',
  submit: '提交验收',
  accept: '验收通过',
  return: '退回整顿',
};

const TRANSITIONS: Record<WeakOrgAction, { from: readonly WeakOrgStatus[]; to: WeakOrgStatus }> = {
  submit: { from: ['rectifying', 'returned'], to: 'submitted' },
  accept: { from: ['submitted'], to: 'accepted' },
  return: { from: ['submitted'], to: 'returned' },
};

/** Who may act: the org's own level (with ratings:write) submits; only a level above accepts or returns. */
export const WEAK_ORG_UPPER_LEVEL_ACTIONS: readonly WeakOrgAction[] = ['accept', 'return'];

/** The state after `action`, or a 422 naming the current state. */
export function nextWeakOrgStatus(status: WeakOrgStatus, action: WeakOrgAction): WeakOrgStatus {
  const t = TRANSITIONS[action];
  if (!t.from.includes(status)) {
    throw new AppError(
      'WEAK_ORG_WRONG_STATUS',
      `整顿记录当前为“${WEAK_ORG_STATUS_LABELS[status]}”，不能${WEAK_ORG_ACTION_LABELS[action]}`,
    );
  }
  return t.to;
}

/** Plan, leader, measures and deadline are edited while the org is still at work on them. */
export function isWeakOrgEditable(status: WeakOrgStatus): boolean {
  return status === 'rectifying' || status === 'returned';
}

export function isWeakOrgOverdue(r: { status: WeakOrgStatus; deadline: string }, today: string): boolean {
  return r.status !== 'accepted' && today > r.deadline;
}
