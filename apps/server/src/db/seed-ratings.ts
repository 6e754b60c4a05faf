// Demo rows of 软弱涣散整顿, 换届选举 and 星级评定 (tools/src/generator/ratings.ts): the county's scorecard (the
// default), the rectifications with their events, the elections (a recent one moves its org to the new term), and
// last year's ratings.
import { committeeAfterElection, DEFAULT_SCORECARD } from '@grassroots/domain';
import type { Dataset } from '@grassroots/tools/generator/generate.js';
import { generateRatings } from '@grassroots/tools/generator/ratings.js';
import type { Db } from './database.js';

const CHUNK = 200;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

export async function seedRatings(db: Db, dataset: Dataset, today: string, now: string) {
  const { weakOrgs, elections, starRatings } = generateRatings(dataset, today);
  const pathOf = new Map(dataset.orgs.map((o) => [o.id, o.path]));
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('starRatingScorecards')
      .values({
        orgId: dataset.anchors.root,
        items: JSON.stringify(DEFAULT_SCORECARD.items),
        thresholds: JSON.stringify(DEFAULT_SCORECARD.thresholds),
        updatedByName: '组织部管理员',
        createdAt: now,
        updatedAt: now,
      })
      .execute();

    for (const w of weakOrgs) {
      const { events, reasons, measures, ...row } = w;
      const { id } = await trx
        .insertInto('weakOrgRectifications')
        .values({
          ...row,
          orgPath: pathOf.get(w.orgId)!,
          reasons: JSON.stringify(reasons),
          measures: JSON.stringify(measures),
          version: events.length - 1,
          updatedAt: events[events.length - 1]!.at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('weakOrgEvents')
        .values(events.map((e) => ({ ...e, rectificationId: id, userId: null })))
        .execute();
    }

    await insertChunked(elections, (chunk) =>
      trx
        .insertInto('elections')
        .values(
          chunk.map((e) => ({
            orgId: e.orgId,
            orgPath: pathOf.get(e.orgId)!,
            electedOn: e.electedOn,
            method: e.method,
            termYears: e.termYears,
            eligibleVoters: e.eligibleVoters,
            presentVoters: e.presentVoters,
            secretaryName: e.secretary.name,
            secretaryVotes: e.secretary.votes,
            committee: JSON.stringify(e.committee),
            approvalRef: null,
            note: null,
            previousTermStart: e.previousTermStart,
            previousTermYears: e.previousTermYears,
            previousSecretaryName: e.previousSecretaryName,
            recordedByName: e.startsNewTerm ? '乡镇党委管理员' : '系统导入',
            createdAt: now,
          })),
        )
        .execute(),
    );
    for (const e of elections.filter((x) => x.startsNewTerm)) {
      await trx
        .updateTable('orgs')
        .set({
          termStart: e.electedOn,
          termYears: e.termYears,
          secretaryName: e.secretary.name,
          committee: JSON.stringify(committeeAfterElection(e)),
          version: 1,
        })
        .where('id', '=', e.orgId)
        .execute();
    }

    const scorecard = JSON.stringify(DEFAULT_SCORECARD);
    await insertChunked(starRatings, (chunk) =>
      trx
        .insertInto('starRatings')
        .values(
          chunk.map((r) => ({
            orgId: r.orgId,
            orgPath: pathOf.get(r.orgId)!,
            year: r.year,
            scorecard,
            scores: JSON.stringify(r.scores),
            total: r.total,
            stars: r.stars,
            note: null,
            ratedByName: r.ratedByName,
            createdAt: now,
            updatedAt: now,
          })),
        )
        .execute(),
    );
  });
  return { weakOrgs: weakOrgs.length, elections: elections.length, starRatings: starRatings.length };
}
