import { ELECTION_METHOD_LABELS, type ElectedPerson } from '@grassroots/domain';
import type { ElectionRow } from './elections.table.js';

export function toElectionDto(row: ElectionRow) {
  return {
    id: row.id,
    orgId: row.orgId,
    electedOn: row.electedOn,
    method: row.method,
    methodLabel: ELECTION_METHOD_LABELS[row.method],
    termYears: row.termYears,
    eligibleVoters: row.eligibleVoters,
    presentVoters: row.presentVoters,
    secretary: { name: row.secretaryName, votes: row.secretaryVotes },
    committee: JSON.parse(row.committee) as ElectedPerson[],
    approvalRef: row.approvalRef,
    note: row.note,
    previousTermStart: row.previousTermStart,
    previousTermYears: row.previousTermYears,
    previousSecretaryName: row.previousSecretaryName,
    recordedByName: row.recordedByName,
    createdAt: row.createdAt,
  };
}
export type ElectionDto = ReturnType<typeof toElectionDto>;
