import { describe, expect, it } from 'vitest';
import {
  checkElection,
  committeeAfterElection,
  type ElectionForRules,
  electionFieldErrors,
  hasQuorum,
  isElectedBy,
} from './elections.js';
import { AppError } from './errors.js';

function refusal(f: () => unknown): AppError {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

const election = (o: Partial<ElectionForRules> = {}): ElectionForRules => ({
  electedOn: '2026-06-01',
  eligibleVoters: 30,
  presentVoters: 25,
  secretary: { name: '王建国', votes: 24 },
  committee: [
    { name: '李红', votes: 20 },
    { name: '张强', votes: 13 },
  ],
  ...o,
});

describe('换届选举 rules', () => {
  it('is valid only when those present exceed four fifths of those entitled', () => {
    expect(hasQuorum(24, 30)).toBe(false); // exactly 4/5
    expect(hasQuorum(25, 30)).toBe(true);
    expect(hasQuorum(5, 5)).toBe(true);
    expect(hasQuorum(4, 5)).toBe(false);
    const err = refusal(() => checkElection(election({ presentVoters: 24 }), null, '2026-06-30'));
    expect(err).toMatchObject({
      code: 'ELECTION_QUORUM_NOT_MET',
      message: '实到24人，未超过应到30人的五分之四，选举无效',
    });
    expect(err.fields?.presentVoters).toBeDefined();
  });

  it('elects only with votes exceeding half of those present, naming who fell short', () => {
    expect(isElectedBy(12, 25)).toBe(false);
    expect(isElectedBy(13, 25)).toBe(true);
    expect(isElectedBy(13, 26)).toBe(false); // exactly half
    expect(isElectedBy(14, 26)).toBe(true);
    const err = refusal(() =>
      checkElection(election({ committee: [{ name: '张强', votes: 12 }] }), null, '2026-06-30'),
    );
    expect(err).toMatchObject({
      code: 'ELECTION_VOTES_INSUFFICIENT',
      message: '张强（12票）得票未超过实到25人的半数，不能当选',
    });
    expect(Object.keys(err.fields ?? {})).toEqual(['committee.0.votes']);
    expect(() => checkElection(election(), null, '2026-06-30')).not.toThrow();
  });

  it('starts the new term on the election day: not in the future, and after the current term began', () => {
    expect(refusal(() => checkElection(election({ electedOn: '2026-07-01' }), null, '2026-06-30')).code).toBe(
      'ELECTION_DATE_IN_FUTURE',
    );
    expect(() => checkElection(election({ electedOn: '2026-06-30' }), null, '2026-06-30')).not.toThrow();
    const before = refusal(() => checkElection(election(), '2026-06-01', '2026-06-30'));
    expect(before).toMatchObject({
      code: 'ELECTION_BEFORE_CURRENT_TERM',
      message: '选举日期应晚于本届任期开始日期2026-06-01',
    });
    expect(() => checkElection(election(), '2026-05-31', '2026-06-30')).not.toThrow();
  });

  it('names impossible counts and repeated names by field', () => {
    expect(
      electionFieldErrors(
        election({
          presentVoters: 31,
          secretary: { name: '李红', votes: 32 },
          committee: [{ name: '李红', votes: 40 }],
        }),
      ),
    ).toEqual({
      presentVoters: '实到人数不能多于应到人数',
      'secretary.votes': '得票数不能多于实到人数',
      'committee.0.votes': '得票数不能多于实到人数',
      'committee.0.name': '李红重复',
    });
    expect(electionFieldErrors(election())).toEqual({});
  });

  it('keeps the secretary first in the committee, and no committee when only a secretary was elected', () => {
    expect(committeeAfterElection(election())).toEqual(['王建国', '李红', '张强']);
    expect(committeeAfterElection(election({ committee: [] }))).toEqual([]);
  });
});
