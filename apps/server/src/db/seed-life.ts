// Demo 组织生活: the meetings and exemptions of tools/src/generator/life.ts, bulk-loaded; the demo branch's meetings
// (and its 党小组's) also get who attended, so its records open with real names. The county gets meetings for every
// branch; a city or province only for the demo township, so their seed time does not grow with meetings.
import type { Dataset } from '@grassroots/tools/generator/generate.js';
import { generateLife } from '@grassroots/tools/generator/life.js';
import { Rng } from '@grassroots/tools/generator/prng.js';
import { subtreeEnd } from '../platform/scope.js';
import type { DbHandle } from './database.js';

type Cell = string | number | null;
type BulkInsert = (
  handle: DbHandle,
  table: string,
  columns: readonly string[],
  rows: Iterable<Cell[]>,
) => Promise<number>;

const ABSENCE_REASONS = ['外出务工', '生病住院', '在外地就学', '单位值班', '家中有事请假', '年老行动不便'];

export async function seedLife(handle: DbHandle, dataset: Dataset, today: string, bulkInsert: BulkInsert) {
  const { db } = handle;
  const anchor = dataset.scale === 'county' ? dataset.anchors.root : dataset.anchors.township;
  const path = dataset.orgs[anchor - 1]!.path;
  const sizes = new Map(
    (
      await db
        .selectFrom('subtreeCounters as c')
        .innerJoin('orgs as o', 'o.id', 'c.orgId')
        .select(['c.orgId', 'c.count'])
        .where('c.dimension', '=', 'member')
        .where('o.path', '>=', path)
        .where('o.path', '<', subtreeEnd(path))
        .execute()
    ).map((r) => [Number(r.orgId), Number(r.count)]),
  );
  const inScope = new Set(dataset.orgs.filter((o) => o.path.startsWith(path)).map((o) => o.id));
  const { meetings, exemptions } = generateLife(dataset, today, (id) => sizes.get(id) ?? 0, inScope);

  // The demo branch and its groups: attendance from their own members.
  const demo = dataset.orgs[dataset.anchors.villageBranch - 1]!;
  const demoOrgs = new Set(dataset.orgs.filter((o) => o.path.startsWith(demo.path)).map((o) => o.id));
  const rowOf = (m: (typeof meetings)[number]): Cell[] => [
    m.orgId,
    m.orgPath,
    m.kind,
    m.date,
    m.topic,
    m.host,
    m.place,
    m.attendeeCount,
    m.absentCount,
    m.late,
    0,
    `${m.recordedOn}T02:00:00.000Z`,
    `${m.recordedOn}T02:00:00.000Z`,
  ];
  const columns = [
    'orgId',
    'orgPath',
    'kind',
    'date',
    'topic',
    'host',
    'place',
    'attendeeCount',
    'absentCount',
    'late',
    'version',
    'createdAt',
    'updatedAt',
  ];
  await bulkInsert(handle, 'meetings', columns, meetings.filter((m) => !demoOrgs.has(m.orgId)).map(rowOf));
  const members = await db
    .selectFrom('members')
    .select(['id', 'orgId', 'joinedOn'])
    .where('orgPath', '>=', demo.path)
    .where('orgPath', '<', subtreeEnd(demo.path))
    .orderBy('id')
    .execute();
  const rng = new Rng(dataset.seed, 9_100_007);
  for (const m of meetings.filter((x) => demoOrgs.has(x.orgId))) {
    // A branch meeting gathers the branch and its groups; a group meeting its own members.
    const eligible = members.filter(
      (p) => p.joinedOn <= m.date && (m.orgId === demo.id || Number(p.orgId) === m.orgId),
    );
    const absent = new Set(rng.sample(eligible, Math.min(eligible.length - 1, rng.int(4))).map((p) => Number(p.id)));
    const { id } = await db
      .insertInto('meetings')
      .values({
        orgId: m.orgId,
        orgPath: m.orgPath,
        kind: m.kind,
        date: m.date,
        topic: m.topic,
        host: m.host,
        place: m.place,
        minutes: `${m.topic}。与会党员结合工作实际交流发言，会议形成一致意见。`,
        attendeeCount: eligible.length - absent.size,
        absentCount: absent.size,
        late: m.late,
        createdBy: null,
        createdAt: `${m.recordedOn}T02:00:00.000Z`,
        updatedAt: `${m.recordedOn}T02:00:00.000Z`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const graded = m.kind === 'member_review' || m.kind === 'life_meeting';
    const rows = eligible.map((p) => ({
      meetingId: id,
      memberId: p.id,
      present: absent.has(Number(p.id)) ? 0 : 1,
      absenceReason: absent.has(Number(p.id)) ? rng.pick(ABSENCE_REASONS) : null,
      result: graded
        ? rng.chance(0.2)
          ? ('excellent' as const)
          : rng.chance(0.97)
            ? ('qualified' as const)
            : ('basically_qualified' as const)
        : null,
    }));
    for (let i = 0; i < rows.length; i += 500) {
      await db
        .insertInto('meetingAttendance')
        .values(rows.slice(i, i + 500))
        .execute();
    }
  }
  const now = new Date().toISOString();
  if (exemptions.length > 0) {
    await db
      .insertInto('obligationExemptions')
      .values(exemptions.map((e) => ({ ...e, createdBy: null, createdAt: now })))
      .execute();
  }
  return { meetings: meetings.length, exemptions: exemptions.length };
}
