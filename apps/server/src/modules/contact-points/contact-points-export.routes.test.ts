// 走访记录 exported to Excel: the file opens, its header and rows are what the list shows under the same filters and
// scope (problems raised and solved included), an org out of scope is 404, and the export leaves an audit row.
import { beforeAll, expect, it, vi } from 'vitest';
import { today } from '../../platform/clock.js';
import { describeEachDb } from '../../test/databases.js';
import { smallTreeSuite } from '../../test/factories.js';
import { readXlsx } from '../../test/ledger-files.js';

describeEachDb('contact visit export (走访记录导出)', (getDb) => {
  const {
    tree,
    sessions: { county, town },
    app,
    get,
    send,
  } = smallTreeSuite(getDb, ['county', 'town']);
  const year = Number(today().slice(0, 4));
  let linkId: number;
  beforeAll(async () => {
    const link = async (orgId: number) => {
      const res = await send(county, 'POST', '/api/contact-links', {
        orgId,
        leaderName: '李书记',
        leaderPosition: '县委副书记',
        validFrom: `${year - 1}-01-01`,
        validTo: null,
      });
      expect(res.statusCode).toBe(201);
      return res.json().id as number;
    };
    linkId = await link(tree.orgs.village.id);
    const other = await link(tree.orgs.otherVillage.id);
    const visit = async (id: number, visitedOn: string, content: string, problems: object[]) =>
      expect(
        (await send(county, 'POST', '/api/contact-visits', { linkId: id, visitedOn, content, problems })).statusCode,
      ).toBe(201);
    await visit(linkId, `${year}-01-10`, '召开座谈会', [
      { text: '活动场所漏雨', solvedOn: `${year}-01-15` },
      { text: '党员教育不足', solvedOn: null },
    ]);
    await visit(linkId, `${year - 1}-06-01`, '去年走访', []);
    await visit(other, `${year}-01-12`, '调研产业', []);
  });
  const download = (s: typeof county, url: string) => app().inject({ method: 'GET', url, headers: s.read });

  it('exports the visits the list shows, with the same filters and scope', async () => {
    const filter = `orgId=${tree.orgs.county.id}&year=${year}`;
    const res = await download(county, `/api/contact-visits/export?${filter}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('走访记录'));
    const rows = (await readXlsx(res.rawPayload)).get('走访记录')!;
    expect(rows[0]).toEqual([
      '走访日期',
      '联系领导',
      '职务',
      '联系点（党组织）',
      '走访内容',
      '提出问题(个)',
      '已解决(个)',
      '问题及解决情况',
    ]);
    const listed = (await get(county, `/api/contact-visits?${filter}`)).json().items;
    expect(listed.length).toBe(2);
    expect(rows.slice(1).map((r) => [r[0], r[3], r[4], r[5], r[6]])).toEqual(
      listed.map((v: Record<string, unknown>) => [v.visitedOn, v.orgName, v.content, v.raised, v.solved]),
    );
    expect(rows.slice(1).find((r) => r[4] === '召开座谈会')).toEqual([
      `${year}-01-10`,
      '李书记',
      '县委副书记',
      '城关镇红旗村党支部',
      '召开座谈会',
      2,
      1,
      `活动场所漏雨（已解决 ${year}-01-15）；党员教育不足（未解决）`,
    ]);
    // Filtered by link, and a township sees its own subtree only.
    const byLink = (
      await readXlsx((await download(county, `/api/contact-visits/export?linkId=${linkId}`)).rawPayload)
    ).get('走访记录')!;
    expect(byLink.slice(1).map((r) => r[4])).toEqual(['召开座谈会', '去年走访']);
    const own = (await readXlsx((await download(town, `/api/contact-visits/export?year=${year}`)).rawPayload)).get(
      '走访记录',
    )!;
    expect(own.slice(1).map((r) => r[4])).toEqual(['召开座谈会']);
    await vi.waitFor(async () => {
      const audited = await getDb()
        .ctx.db.selectFrom('auditLog')
        .select('after')
        .where('entity', '=', 'contact_visit')
        .where('action', '=', 'export')
        .execute();
      expect(audited.map((a) => JSON.parse(String(a.after)).rows)).toEqual([2, 2, 1]);
    });
  });

  it('answers 404 for an org out of scope', async () => {
    const res = await download(town, `/api/contact-visits/export?orgId=${tree.orgs.otherTown.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});
