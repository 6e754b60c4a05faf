// Demo rows of 党建联系点 (tools/src/generator/contact-points.ts): links, their visits and the problems raised.
// One transaction, multi-row inserts.
import { generateContactPoints } from '@grassroots/tools/generator/contact-points.js';
import type { Dataset } from '@grassroots/tools/generator/generate.js';
import type { Db } from './database.js';

export async function seedContactPoints(db: Db, dataset: Dataset, today: string, now: string) {
  const links = generateContactPoints(dataset, today);
  const pathOf = new Map(dataset.orgs.map((o) => [o.id, o.path]));
  await db.transaction().execute(async (trx) => {
    for (const l of links) {
      const { visits, ...link } = l;
      const orgPath = pathOf.get(l.orgId)!;
      const { id: linkId } = await trx
        .insertInto('contactLinks')
        .values({ ...link, orgPath, note: null, createdAt: now, updatedAt: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (visits.length === 0) continue;
      const ids = await trx
        .insertInto('contactVisits')
        .values(
          visits.map((v) => ({
            linkId,
            orgId: l.orgId,
            orgPath,
            visitedOn: v.visitedOn,
            content: v.content,
            createdAt: now,
            updatedAt: now,
          })),
        )
        .returning('id')
        .execute();
      const problems = visits.flatMap((v, i) =>
        v.problems.map((p, k) => ({ visitId: Number(ids[i]!.id), seq: k + 1, text: p.text, solvedOn: p.solvedOn })),
      );
      if (problems.length > 0) await trx.insertInto('contactProblems').values(problems).execute();
    }
  });
}
