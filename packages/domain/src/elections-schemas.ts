// Request schemas of 换届选举 (election).
import { z } from 'zod';
import { ELECTION_METHODS } from './elections.js';
import { ZPaging, zIsoDate, zOptionalText, zTermYears, zText, zVersion } from './schemas.js';

const zVoters = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .int(`${label}应为整数`)
    .min(1, `${label}至少为1`)
    .max(100000, `${label}过大`);
const zVotes = z.number({ error: '得票数应为数字' }).int('得票数应为整数').min(0, '得票数不能为负').max(100000);
const zElected = z.object({ name: zText('姓名', 50), votes: zVotes });

export const ZElectionCreate = z.object({
  electedOn: zIsoDate('选举日期'),
  method: z.enum(ELECTION_METHODS, { error: '选举方式无效' }),
  termYears: zTermYears,
  eligibleVoters: zVoters('应到人数'),
  presentVoters: zVoters('实到人数'),
  secretary: zElected,
  committee: z.array(zElected, { error: '委员名单无效' }).max(30, '委员最多30人'),
  approvalRef: zOptionalText('上级批复文号', 100),
  note: zOptionalText('备注', 1000),
  /** The org's version as the user saw it: the election rewrites its term, secretary and committee. */
  orgVersion: zVersion,
});
export type TElectionCreate = z.infer<typeof ZElectionCreate>;
export const ZElectionListQuery = ZPaging;
