import { describe, expect, it } from 'vitest';
import type { OrgKind } from './constants.js';
import {
  ORG_SIZE_THRESHOLDS,
  ORG_WARNING_KINDS,
  ORG_WARNING_LABELS,
  type OrgForRules,
  orgWarnings,
  TERM_WARNING_MONTHS,
  termEnd,
} from './org-rules.js';

const TODAY = '2025-06-30';

function org(over: Partial<OrgForRules> = {}): OrgForRules {
  return {
    kind: 'branch',
    fullMembers: 5,
    totalMembers: 5,
    committeeSize: 0,
    termStart: null,
    termYears: null,
    isBasicLevel: false,
    ...over,
  };
}
const kinds = (o: OrgForRules, today = TODAY) => orgWarnings(o, today).map((w) => w.kind);

describe('defaults and labels', () => {
  it('uses the thresholds of 支部工作条例 and warns 6 months ahead', () => {
    expect(ORG_SIZE_THRESHOLDS).toEqual({ branchMinFull: 3, committeeFull: 7, generalBranch: 50, committee: 100 });
    expect(TERM_WARNING_MONTHS).toBe(6);
  });

  it('every warning kind has a Chinese label', () => {
    for (const k of ORG_WARNING_KINDS) expect(ORG_WARNING_LABELS[k]).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a healthy branch has no warnings', () => {
    expect(orgWarnings(org(), TODAY)).toEqual([]);
  });
});

describe('branch size (正式党员)', () => {
  it('2 full members: too small, should form a joint branch', () => {
    const w = orgWarnings(org({ fullMembers: 2, totalMembers: 4 }), TODAY);
    expect(w).toEqual([
      { kind: 'branch_too_small', message: '正式党员2人，不足3人，应与邻近单位成立联合党支部', dueDate: null },
    ]);
  });

  it('3 full members: enough (probationary members do not count)', () => {
    expect(kinds(org({ fullMembers: 3, totalMembers: 3 }))).toEqual([]);
    expect(kinds(org({ fullMembers: 0, totalMembers: 10 }))).toEqual(['branch_too_small']);
  });

  it('6 full members without a committee: no committee required', () => {
    expect(kinds(org({ fullMembers: 6, totalMembers: 9, committeeSize: 0 }))).toEqual([]);
  });

  it('7 full members without a committee: committee required', () => {
    const w = orgWarnings(org({ fullMembers: 7, totalMembers: 7, committeeSize: 0 }), TODAY);
    expect(w).toEqual([
      { kind: 'committee_required', message: '正式党员7人，达到7人以上，应成立支部委员会', dueDate: null },
    ]);
  });

  it('7 full members with a committee: fine', () => {
    expect(kinds(org({ fullMembers: 7, totalMembers: 7, committeeSize: 3 }))).toEqual([]);
  });

  it('joint branches are not told they are too small (a joint branch is the remedy)', () => {
    expect(kinds(org({ kind: 'joint_branch', fullMembers: 2, totalMembers: 2 }))).toEqual([]);
  });
});

describe('branch size (all members) vs general branch and committee', () => {
  it.each<[number, string[]]>([
    [49, []],
    [50, ['may_form_general_branch']],
    [99, ['may_form_general_branch']],
    [100, ['may_form_committee']],
    [300, ['may_form_committee']],
  ])('branch with %i members → %j', (total, expected) => {
    expect(kinds(org({ fullMembers: 5, totalMembers: total, committeeSize: 5 }))).toEqual(expected);
  });

  it('names the count in the message', () => {
    const [w] = orgWarnings(org({ totalMembers: 50, committeeSize: 5 }), TODAY);
    expect(w?.message).toBe('党员50人，达到50人以上，可设立党总支');
    const [w2] = orgWarnings(org({ totalMembers: 100, committeeSize: 5 }), TODAY);
    expect(w2?.message).toBe('党员100人，达到100人以上，可设立基层党委');
  });

  it('applies to joint branches too', () => {
    expect(kinds(org({ kind: 'joint_branch', totalMembers: 50 }))).toEqual(['may_form_general_branch']);
    expect(kinds(org({ kind: 'joint_branch', totalMembers: 100 }))).toEqual(['may_form_committee']);
  });

  it('a big branch with ≥7 full members and no committee gets both warnings', () => {
    expect(kinds(org({ fullMembers: 60, totalMembers: 60, committeeSize: 0 }))).toEqual([
      'committee_required',
      'may_form_general_branch',
    ]);
  });
});

describe('general branch (党总支)', () => {
  it('49 members: too small', () => {
    const w = orgWarnings(org({ kind: 'general_branch', fullMembers: 40, totalMembers: 49 }), TODAY);
    expect(w).toEqual([
      { kind: 'general_branch_too_small', message: '党员49人，不足50人，一般不设党总支', dueDate: null },
    ]);
  });

  it('50 and 150 members: fine; no branch-size warnings apply to it', () => {
    expect(kinds(org({ kind: 'general_branch', fullMembers: 2, totalMembers: 50 }))).toEqual([]);
    expect(kinds(org({ kind: 'general_branch', fullMembers: 140, totalMembers: 150 }))).toEqual([]);
  });
});

describe('committee (党委)', () => {
  it('basic-level committee with 99 members: too small', () => {
    const w = orgWarnings(org({ kind: 'committee', isBasicLevel: true, fullMembers: 90, totalMembers: 99 }), TODAY);
    expect(w).toEqual([
      { kind: 'committee_too_small', message: '党员99人，不足100人，一般不设基层党委', dueDate: null },
    ]);
  });

  it('basic-level committee with 100 members: fine', () => {
    expect(kinds(org({ kind: 'committee', isBasicLevel: true, totalMembers: 100 }))).toEqual([]);
  });

  it('a non-basic committee (county, township) is not checked for size', () => {
    expect(kinds(org({ kind: 'committee', isBasicLevel: false, fullMembers: 1, totalMembers: 10 }))).toEqual([]);
  });

  it.each<OrgKind>(['working_committee', 'temporary_branch'])('%s is not checked for size', (kind) => {
    expect(kinds(org({ kind, isBasicLevel: true, fullMembers: 1, totalMembers: 1 }))).toEqual([]);
    expect(kinds(org({ kind, isBasicLevel: true, fullMembers: 150, totalMembers: 150 }))).toEqual([]);
  });
});

describe('groups (党小组) are exempt', () => {
  it('no size warnings, whatever the numbers', () => {
    for (const n of [0, 2, 7, 50, 100, 500]) {
      expect(kinds(org({ kind: 'group', fullMembers: n, totalMembers: n, isBasicLevel: true }))).toEqual([]);
    }
  });

  it('no term warnings even with an overdue term', () => {
    expect(kinds(org({ kind: 'group', termStart: '2000-01-01', termYears: 3 }))).toEqual([]);
  });
});

describe('terms (换届)', () => {
  it('termEnd is the anniversary of the term start; 02-29 becomes 02-28', () => {
    expect(termEnd('2021-04-15', 5)).toBe('2026-04-15');
    expect(termEnd('2022-04-15', 3)).toBe('2025-04-15');
    expect(termEnd('2020-02-29', 3)).toBe('2023-02-28');
    expect(termEnd('2020-02-29', 4)).toBe('2024-02-29');
  });

  // Term 2021-04-15 + 5 years ends on 2026-04-15.
  const term = { termStart: '2021-04-15', termYears: 5 } as const;

  it('ending exactly 6 months ahead: term_ending with the end as due date', () => {
    expect(orgWarnings(org(term), '2025-10-15')).toEqual([
      { kind: 'term_ending', message: '任期将于2026-04-15届满，请做好换届准备', dueDate: '2026-04-15' },
    ]);
  });

  it('ending 6 months and 1 day ahead: no warning yet', () => {
    expect(orgWarnings(org(term), '2025-10-14')).toEqual([]);
  });

  it('ending tomorrow: still term_ending', () => {
    expect(kinds(org(term), '2026-04-14')).toEqual(['term_ending']);
  });

  it('ending today: overdue', () => {
    expect(orgWarnings(org(term), '2026-04-15')).toEqual([
      { kind: 'term_overdue', message: '任期已于2026-04-15届满，尚未换届', dueDate: '2026-04-15' },
    ]);
  });

  it('one day overdue, and years overdue: overdue', () => {
    expect(kinds(org(term), '2026-04-16')).toEqual(['term_overdue']);
    expect(kinds(org(term), '2030-01-01')).toEqual(['term_overdue']);
  });

  it('6-month window measured from a month end clamps (08-31 + 6 months = 02-28)', () => {
    const t = { termStart: '2023-02-28', termYears: 3 } as const; // ends 2026-02-28
    expect(kinds(org(t), '2025-08-31')).toEqual(['term_ending']);
    expect(kinds(org({ termStart: '2023-03-01', termYears: 3 }), '2025-08-31')).toEqual([]);
  });

  it('no term warnings without a term start or length', () => {
    expect(kinds(org({ termStart: '2000-01-01', termYears: null }))).toEqual([]);
    expect(kinds(org({ termStart: null, termYears: 5 }))).toEqual([]);
  });

  it('term and size warnings come together', () => {
    expect(kinds(org({ fullMembers: 2, totalMembers: 2, termStart: '2019-01-01', termYears: 3 }))).toEqual([
      'branch_too_small',
      'term_overdue',
    ]);
  });

  it.each<OrgKind>(['committee', 'working_committee', 'general_branch', 'branch', 'joint_branch', 'temporary_branch'])(
    '%s gets term warnings',
    (kind) => {
      const w = orgWarnings(
        org({ kind, totalMembers: 200, fullMembers: 200, committeeSize: 5, ...term }),
        '2026-04-15',
      );
      expect(w.map((x) => x.kind)).toContain('term_overdue');
    },
  );
});
