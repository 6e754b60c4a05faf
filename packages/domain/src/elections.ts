// 换届选举 (DOMAIN.md §1; 中国共产党基层组织选举工作条例): a completed election records its date, method, the votes
// and who was elected, and starts the org's new term.
//
// Rules enforced (the 条例's):
// - The election is valid only when the voters present exceed four fifths of those entitled (到会人数超过应到会人数的
//   五分之四): present × 5 > eligible × 4.
// - A candidate is elected only with votes exceeding half of the voters present: votes × 2 > present.
// Decisions where the 条例 leaves it to the recorder:
// - The new term starts on the election day, which is not in the future and not before the current term's start.
// - The secretary is elected with the committee (支委) when there is one; the org's committee list then holds the
//   secretary first and the other members after, as the org record keeps it. A branch electing only a secretary
//   leaves the committee empty.
import { AppError, type FieldErrors } from './errors.js';

export const ELECTION_METHODS = ['direct_competitive', 'direct_uncontested', 'congress'] as const;
export type ElectionMethod = (typeof ELECTION_METHODS)[number];
export const ELECTION_METHOD_LABELS: Record<ElectionMethod, string> = {
  direct_competitive: '党员大会直接选举（差额）',
  direct_uncontested: '党员大会直接选举（等额）',
  congress: '党员代表大会选举',
};

export interface ElectedPerson {
  name: string;
  votes: number;
}

export interface ElectionForRules {
  electedOn: string;
  eligibleVoters: number;
  presentVoters: number;
  secretary: ElectedPerson;
  committee: readonly ElectedPerson[];
}

/** Input errors (400, by field) found before the rules of the 条例 are applied. */
export function electionFieldErrors(e: ElectionForRules): FieldErrors {
  const fields: FieldErrors = {};
  if (e.presentVoters > e.eligibleVoters) fields.presentVoters = '实到人数不能多于应到人数';
  if (e.secretary.votes > e.presentVoters) fields['secretary.votes'] = '得票数不能多于实到人数';
  const seen = new Set([e.secretary.name]);
  e.committee.forEach((p, i) => {
    if (p.votes > e.presentVoters) fields[`committee.${i}.votes`] = '得票数不能多于实到人数';
    if (seen.has(p.name)) fields[`committee.${i}.name`] = `${p.name}重复`;
    seen.add(p.name);
  });
  return fields;
}

/** Refuses (422) an election the 条例 holds invalid, naming the rule; `currentTermStart` is the org's. */
export function checkElection(e: ElectionForRules, currentTermStart: string | null, today: string): void {
  if (e.electedOn > today) {
    throw new AppError('ELECTION_DATE_IN_FUTURE', '选举日期不能晚于今天', { electedOn: '选举日期不能晚于今天' });
  }
  if (currentTermStart !== null && e.electedOn <= currentTermStart) {
    const message = `选举日期应晚于本届任期开始日期${currentTermStart}`;
    throw new AppError('ELECTION_BEFORE_CURRENT_TERM', message, { electedOn: message });
  }
  if (!hasQuorum(e.presentVoters, e.eligibleVoters)) {
    const message = `实到${e.presentVoters}人，未超过应到${e.eligibleVoters}人的五分之四，选举无效`;
    throw new AppError('ELECTION_QUORUM_NOT_MET', message, { presentVoters: message });
  }
  const short = [
    ['secretary.votes', e.secretary] as const,
    ...e.committee.map((p, i) => [`committee.${i}.votes`, p] as const),
  ].filter(([, p]) => !isElectedBy(p.votes, e.presentVoters));
  if (short.length > 0) {
    const names = short.map(([, p]) => `${p.name}（${p.votes}票）`).join('、');
    const message = `${names}得票未超过实到${e.presentVoters}人的半数，不能当选`;
    throw new AppError(
      'ELECTION_VOTES_INSUFFICIENT',
      message,
      Object.fromEntries(short.map(([field]) => [field, '得票未超过实到人数的半数'])),
    );
  }
}

export function hasQuorum(present: number, eligible: number): boolean {
  return eligible > 0 && present * 5 > eligible * 4;
}

export function isElectedBy(votes: number, present: number): boolean {
  return votes * 2 > present;
}

/** The org's 支委 list after the election: the secretary first when a committee was elected, else none. */
export function committeeAfterElection(e: Pick<ElectionForRules, 'secretary' | 'committee'>): string[] {
  return e.committee.length === 0 ? [] : [e.secretary.name, ...e.committee.map((p) => p.name)];
}
