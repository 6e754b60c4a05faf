// Demo 发展党员 records (tools/src/generator/development.ts) for the demo county: read back the pipeline people and
// sponsors from the loaded members (the generator's test checks every step it makes by the rules), add the admitted
// people who have no member row yet (with their counters), and insert records and steps in one transaction.
import {
  addYears,
  type DevelopmentRecord,
  type DevelopmentRecordStage,
  developmentStatus,
  developmentStep,
  pinyinInitials,
} from '@grassroots/domain';
import { type DevelopmentSeedMember, generateDevelopment } from '@grassroots/tools/generator/development.js';
import type { Dataset } from '@grassroots/tools/generator/generate.js';
import { sql } from 'kysely';
import type { NewDevelopmentStepRow } from '../modules/development/development.table.js';
import { memberCounters } from '../modules/members/members.counters.js';
import { nowIso } from '../platform/clock.js';
import { applyCounterDeltas, deltasForChange } from '../platform/counters.js';
import { subtreeEnd } from '../platform/scope.js';
import type { DbHandle } from './database.js';

const CHUNK = 500;
const PERSON = [
  'm.id',
  'm.orgId',
  'm.name',
  'm.gender',
  'm.ethnicity',
  'm.birthDate',
  'm.idNumber',
  'm.education',
  'm.occupation',
  'm.phone',
  'm.joinedOn',
  'm.fullOn',
  'm.status',
] as const;

export async function seedDevelopment(handle: DbHandle, dataset: Dataset, day: string) {
  const db = handle.db;
  const township = dataset.orgs[dataset.anchors.township - 1]!;
  const county = dataset.orgs.find((o) => o.id === township.parentId) ?? township;
  const pipeline = await db
    .selectFrom('members as m')
    .select(PERSON)
    .where('m.orgPath', '>=', county.path)
    .where('m.orgPath', '<', subtreeEnd(county.path))
    .where((eb) => eb.or([eb('m.status', '=', 'probationary'), eb('m.joinedOn', '>=', addYears(day, -2))]))
    .orderBy('m.id')
    .execute();
  // A few long-standing formal members per org: the 培养联系人 and 入党介绍人 of the demo.
  const formal = (
    await sql<DevelopmentSeedMember & { rn: number }>`select * from (
        select id, org_id as "orgId", name, gender, ethnicity, birth_date as "birthDate", id_number as "idNumber",
          education, occupation, phone, joined_on as "joinedOn", full_on as "fullOn", status,
          row_number() over (partition by org_id order by id) as rn
        from members where org_path >= ${county.path} and org_path < ${subtreeEnd(county.path)}
          and status = 'full' and full_on <= ${addYears(day, -4)}) t
      where rn <= 4 order by id`.execute(db)
  ).rows;
  const generated = generateDevelopment(dataset, day, pipeline as DevelopmentSeedMember[], formal);
  const orgPath = new Map(dataset.orgs.map((o) => [o.id, o.path]));
  const now = nowIso();
  const firstId = Number(
    (
      await db
        .selectFrom('developmentRecords')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst()
    )?.id ?? 0,
  );

  let steps = 0;
  let added = 0;
  await db.transaction().execute(async (trx) => {
    const recordRows = [];
    const stepRows: NewDevelopmentStepRow[] = [];
    for (const [i, g] of generated.entries()) {
      const id = firstId + i + 1;
      const record: DevelopmentRecord = { idNumber: g.idNumber, birthDate: g.birthDate, entries: g.steps };
      const status = developmentStatus(record, day);
      const path = orgPath.get(g.orgId)!;
      let memberId = g.memberId;
      if (g.addMember) {
        const row = {
          orgId: g.orgId,
          orgPath: path,
          name: g.name,
          nameInitials: pinyinInitials(g.name, { personName: true }),
          gender: g.gender,
          ethnicity: g.ethnicity,
          birthDate: g.birthDate,
          idNumber: g.idNumber,
          education: g.education,
          occupation: g.occupation,
          joinedOn: status.joinedOn!,
          fullOn: null,
          status: 'probationary' as const,
          phone: g.phone,
          address: null,
          isMobile: 0,
          isLostContact: 0,
          isHardship: 0,
          isVeteran: 0,
          pendingTransferId: null,
          createdAt: now,
          updatedAt: now,
        };
        memberId = (await trx.insertInto('members').values(row).returning('id').executeTakeFirstOrThrow()).id;
        await applyCounterDeltas(trx, deltasForChange(memberCounters, null, { orgPath: path, row }, day));
        added++;
      }
      const stage: DevelopmentRecordStage = status.cancelled ? 'cancelled' : (status.stage ?? 'applicant');
      recordRows.push({
        id,
        orgId: g.orgId,
        orgPath: path,
        name: g.name,
        nameInitials: pinyinInitials(g.name, { personName: true }),
        gender: g.gender,
        ethnicity: g.ethnicity,
        birthDate: g.birthDate,
        idNumber: g.idNumber,
        education: g.education,
        occupation: g.occupation,
        phone: g.phone,
        stage,
        stageSince: status.stageSince ?? g.steps[0]!.date,
        nextStep: status.next?.step.code ?? null,
        nextEarliestDate: status.next?.earliestDate ?? null,
        nextDueDate: status.next?.dueDate ?? null,
        probationEnd: status.probationEnd,
        memberId,
        version: 0,
        createdAt: now,
        updatedAt: now,
      });
      g.steps.forEach((s, k) => {
        stepRows.push({
          recordId: id,
          seq: k + 1,
          step: s.step,
          date: s.date,
          decidedBy: developmentStep(s.step).decidedBy,
          decisionRef: s.decisionRef,
          note: null,
          memberIds: s.memberIds.length > 0 ? JSON.stringify(s.memberIds) : null,
          politicalReviewPassed: s.politicalReviewPassed === undefined ? null : s.politicalReviewPassed ? 1 : 0,
          trainingDays: s.trainingDays ?? null,
          trainingHours: s.trainingHours ?? null,
          outcome: s.outcome ?? null,
          extensionMonths: s.extensionMonths ?? null,
          late: status.lateSteps.some((w) => w.step === s.step) ? 1 : 0,
          recordedBy: null,
          createdAt: now,
        });
      });
    }
    for (let i = 0; i < recordRows.length; i += CHUNK) {
      await trx
        .insertInto('developmentRecords')
        .values(recordRows.slice(i, i + CHUNK))
        .execute();
    }
    for (let i = 0; i < stepRows.length; i += CHUNK) {
      await trx
        .insertInto('developmentSteps')
        .values(stepRows.slice(i, i + CHUNK))
        .execute();
    }
    steps = stepRows.length;
  });
  if (handle.dialect === 'postgres') {
    // Explicit ids above: move the sequence past them.
    await sql`select setval(pg_get_serial_sequence('development_records', 'id'), (select coalesce(max(id), 1) from development_records))`.execute(
      db,
    );
  }
  return { records: generated.length, steps, members: added };
}
