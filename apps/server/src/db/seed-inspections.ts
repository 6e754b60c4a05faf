// Demo rows of 督导检查与整改 (tools/src/generator/inspections.ts): the county's rounds, their problems and each
// problem's rectification events. One transaction, multi-row inserts.
import type { Dataset } from '@grassroots/tools/generator/generate.js';
import { generateInspections } from '@grassroots/tools/generator/inspections.js';
import type { Db } from './database.js';

const CHUNK = 200;
const at = (date: string) => `${date}T02:00:00.000Z`;

export async function seedInspections(db: Db, dataset: Dataset, today: string, now: string) {
  const g = generateInspections(dataset, today);
  const pathOf = new Map(dataset.orgs.map((o) => [o.id, o.path]));
  await db.transaction().execute(async (trx) => {
    const roundIds = (
      await trx
        .insertInto('inspectionRounds')
        .values(
          g.rounds.map((r) => ({
            ...r,
            orgPath: pathOf.get(r.orgId)!,
            checklist: JSON.stringify(r.checklist),
            createdByName: r.team,
            createdAt: at(r.startsOn),
            updatedAt: now,
          })),
        )
        .returning('id')
        .execute()
    ).map((r) => Number(r.id));
    for (let c = 0; c < g.problems.length; c += CHUNK) {
      const chunk = g.problems.slice(c, c + CHUNK);
      const ids = await trx
        .insertInto('problems')
        .values(
          chunk.map(({ round, events, ...p }) => ({
            ...p,
            roundId: roundIds[round]!,
            orgPath: pathOf.get(p.orgId)!,
            closedAt: p.state === 'accepted' ? at(events[events.length - 1]!.on) : null,
            version: events.length - 1,
            createdAt: at(p.foundOn),
            updatedAt: at(events[events.length - 1]!.on),
          })),
        )
        .returning('id')
        .execute();
      const events = chunk.flatMap((p, i) =>
        p.events.map((e) => ({
          workflow: 'rectification',
          recordId: Number(ids[i]!.id),
          action: e.action,
          fromState: e.from,
          toState: e.to,
          reason: e.reason,
          evidence: e.evidence,
          relation:
            e.action === 'create' ? null : e.action === 'accept' || e.action === 'return' ? 'upper' : 'responsible',
          userId: null,
          userName: e.userName,
          at: at(e.on),
        })),
      );
      for (let k = 0; k < events.length; k += CHUNK) {
        await trx
          .insertInto('workflowEvents')
          .values(events.slice(k, k + CHUNK))
          .execute();
      }
    }
  });
  return { rounds: g.rounds.length, problems: g.problems.length };
}
