// Long jobs: a job left running by a stopped server is failed at the next start; one import at a time per user.
import { expect, it } from 'vitest';
import { describeEachDb } from '../test/databases.js';
import { buildTestApp, loginAs, seedSmallTree } from '../test/factories.js';
import { MEMBER_HEADER, memberSheetRow, multipart, xlsxOf } from '../test/ledger-files.js';
import { createJob, JOB_INTERRUPTED_MESSAGE } from './jobs.js';

describeEachDb('long jobs', (getDb) => {
  it('marks a job still running at start as failed, and refuses a second import while one runs', async () => {
    const { ctx } = getDb();
    const tree = await seedSmallTree(ctx);
    const job = await createJob(ctx.db, {
      kind: 'import.members',
      createdBy: tree.users.town.id,
      params: { fileName: 'x.xlsx' },
      fileKey: null,
    });
    const app = await buildTestApp(getDb());
    await app.ready();
    const town = await loginAs(app, tree.users.town.username);
    const res = await app.inject({ method: 'GET', url: `/api/jobs/${job.id}`, headers: town.read });
    expect(res.json()).toEqual({
      id: job.id,
      kind: 'import.members',
      state: 'failed',
      total: null,
      done: 0,
      result: null,
      error: JOB_INTERRUPTED_MESSAGE,
    });

    await createJob(ctx.db, { kind: 'import.orgs', createdBy: tree.users.town.id, params: {}, fileKey: null });
    const file = multipart(await xlsxOf(MEMBER_HEADER, [memberSheetRow('T1', 1)]));
    const refused = await app.inject({
      method: 'POST',
      url: '/api/members/import',
      headers: { ...town.write, ...file.headers },
      payload: file.payload,
    });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toContain('导入任务正在进行');
    await app.close();
  });
});
