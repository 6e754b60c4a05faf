// Org setup and term rules of DOMAIN.md §1 (支部工作条例): size vs kind, term ending, overdue term.
import type { OrgKind } from './constants.js';
import { addMonths, addYears } from './dates.js';

export const ORG_WARNING_KINDS = [
  'branch_too_small',
  'committee_required',
  'may_form_general_branch',
  'may_form_committee',
  'general_branch_too_small',
  'committee_too_small',
  'term_ending',
  'term_overdue',
  'org_gap',
] as const;
export type OrgWarningKind = (typeof ORG_WARNING_KINDS)[number];

export const ORG_WARNING_LABELS: Record<OrgWarningKind, string> = {
  branch_too_small: '正式党员不足3人',
  committee_required: '应设支部委员会',
  may_form_general_branch: '可设立党总支',
  may_form_committee: '可设立基层党委',
  general_branch_too_small: '党总支党员不足50人',
  committee_too_small: '基层党委党员不足100人',
  term_ending: '任期即将届满',
  term_overdue: '到期未换届',
  org_gap: '应建未建',
};

/** Thresholds a county may tune (DOMAIN.md: configuration with these defaults). */
export const ORG_SIZE_THRESHOLDS = { branchMinFull: 3, committeeFull: 7, generalBranch: 50, committee: 100 } as const;
export const TERM_WARNING_MONTHS = 6;

export interface OrgWarning {
  kind: OrgWarningKind;
  message: string;
  /** The date the warning is about (term end), when there is one. */
  dueDate: string | null;
}

export interface OrgForRules {
  kind: OrgKind;
  /** Counted for the org's whole subtree. */
  fullMembers: number;
  totalMembers: number;
  committeeSize: number;
  termStart: string | null;
  termYears: number | null;
  /** 基层党委 are checked for size; county and township committees sit above many branches and are not. */
  isBasicLevel: boolean;
}

export function termEnd(termStart: string, termYears: number): string {
  return addYears(termStart, termYears);
}

export function orgWarnings(org: OrgForRules, today: string): OrgWarning[] {
  const t = ORG_SIZE_THRESHOLDS;
  const out: OrgWarning[] = [];
  const warn = (kind: OrgWarningKind, message: string, dueDate: string | null = null) =>
    out.push({ kind, message, dueDate });
  if (org.kind === 'branch') {
    if (org.fullMembers < t.branchMinFull) {
      warn('branch_too_small', `正式党员${org.fullMembers}人，不足${t.branchMinFull}人，应与邻近单位成立联合党支部`);
    }
    if (org.fullMembers >= t.committeeFull && org.committeeSize === 0) {
      warn('committee_required', `正式党员${org.fullMembers}人，达到${t.committeeFull}人以上，应成立支部委员会`);
    }
  }
  if (org.kind === 'branch' || org.kind === 'joint_branch') {
    if (org.totalMembers >= t.committee) {
      warn('may_form_committee', `党员${org.totalMembers}人，达到${t.committee}人以上，可设立基层党委`);
    } else if (org.totalMembers >= t.generalBranch) {
      warn('may_form_general_branch', `党员${org.totalMembers}人，达到${t.generalBranch}人以上，可设立党总支`);
    }
  }
  if (org.kind === 'general_branch' && org.totalMembers < t.generalBranch) {
    warn('general_branch_too_small', `党员${org.totalMembers}人，不足${t.generalBranch}人，一般不设党总支`);
  }
  if (org.kind === 'committee' && org.isBasicLevel && org.totalMembers < t.committee) {
    warn('committee_too_small', `党员${org.totalMembers}人，不足${t.committee}人，一般不设基层党委`);
  }
  if (org.kind !== 'group' && org.termStart !== null && org.termYears !== null) {
    const end = termEnd(org.termStart, org.termYears);
    if (end <= today) warn('term_overdue', `任期已于${end}届满，尚未换届`, end);
    else if (end <= addMonths(today, TERM_WARNING_MONTHS))
      warn('term_ending', `任期将于${end}届满，请做好换届准备`, end);
  }
  return out;
}

/** 应建未建: a unit with ≥ 3 formal members and no party org covering it. */
export function isOrgGap(unit: { fullMembers: number; coveringOrgId: number | null }): boolean {
  return unit.coveringOrgId === null && unit.fullMembers >= ORG_SIZE_THRESHOLDS.branchMinFull;
}
