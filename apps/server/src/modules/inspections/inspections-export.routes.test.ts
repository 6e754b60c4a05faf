// 督导整改 on paper: the notice (通报) of a round as .docx and the problems as .xlsx — contents, scope, audit.
import { addDays, todayIso } from '@grassroots/domain';
import JSZip from 'jszip';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.js';
import { loginAs, type Session, seedUser, smallTreeSuite } from '../../test/factories.js';
import { readXlsx } from '../../test/ledger-files.js';

describeEachDb('inspections exports (通报与导出)', (getDb) => {
  const {
    tree,
    sessions: { county, town, branch },
    app,
    get,
    send,
  } = smallTreeSuite(getDb, ['county', 'town', 'branch']);
  let otherTownAdmin: Session;
  let roundId: number;
  let otherRoundId: number;
  const today = todayIso();
  // Typed by a user: must come out as text in the notice, never as Word markup.
  const title = '2026年<w:br/>第一轮"两学一做"&督导检查';

  const round = async (s: Session, orgId: number, t: string) => {
    const res = await send(s, 'POST', '/api/inspections/rounds', {
      orgId,
      title: t,
      team: '县委组织部督导组',
      kind: 'open',
      startsOn: addDays(today, -10),
      endsOn: today,
    });
    expect(res.statusCode).toBe(201);
    return res.json().id as number;
  };
  const create = async (s: Session, orgId: number, deadline: string, rid = roundId) => {
    const res = await send(s, 'POST', '/api/problems', {
      roundId: rid,
      orgId,
      category: 'organization_life',
      description: '三会一课记录不全',
      severity: 'major',
      responsiblePerson: '张伟',
      deadline,
    });
    expect(res.statusCode).toBe(201);
    return res.json().id as number;
  };
  const act = async (s: Session, id: number, action: string, body: object) => {
    const res = await send(s, 'POST', `/api/problems/${id}/actions/${action}`, body);
    expect(res.statusCode).toBe(200);
  };
  const fromXml = (t: string) =>
    t.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&amp;', '&');
  /** The notice's XML and its paragraphs as the reader sees them. */
  const noticeOf = async (payload: Buffer) => {
    const xml = await (await JSZip.loadAsync(payload)).file('word/document.xml')!.async('string');
    return { xml, paragraphs: xml.split('</w:p>').map((p) => fromXml(p.replace(/<[^>]+>/g, ''))) };
  };

  beforeAll(async () => {
    const other = await seedUser(getDb().ctx, { role: 'township_admin', org: tree.orgs.otherTown });
    otherTownAdmin = await loginAs(app(), other.username);
    roundId = await round(county, tree.orgs.county.id, title);
    otherRoundId = await round(otherTownAdmin, tree.orgs.otherTown.id, '青石镇自查');
    // village: found and accepted → commended; community: past its deadline → criticised; otherVillage: on time.
    const done = await create(town, tree.orgs.village.id, addDays(today, 20));
    await act(branch, done, 'start', { version: 0 });
    await act(branch, done, 'submit', { version: 1, evidence: '已补齐会议记录' });
    await act(town, done, 'accept', { version: 2 });
    await create(county, tree.orgs.community.id, addDays(today, -3));
    await create(county, tree.orgs.otherVillage.id, addDays(today, 5));
    await create(otherTownAdmin, tree.orgs.otherVillage.id, addDays(today, -1), otherRoundId);
  });

  it('writes the notice of a round: title, figures, units commended and criticised, user text escaped', async () => {
    const res = await get(county, `/api/inspections/rounds/${roundId}/notice.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml.document');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('关于2026年'));
    const { xml, paragraphs } = await noticeOf(res.rawPayload);
    expect(xml).not.toContain('<w:br/>第一轮');
    expect(paragraphs[0]).toBe(`关于${title}情况的通报`);
    expect(paragraphs.join('\n')).toContain(
      '本轮共发现问题3个，已整改到位1个，正在整改2个，其中逾期未整改1个，整改率33.3%',
    );
    const at = (heading: string) => paragraphs.indexOf(heading);
    const commended = paragraphs.slice(at('一、予以表扬的单位') + 2, at('二、予以通报批评的单位'));
    const criticised = paragraphs.slice(at('二、予以通报批评的单位') + 2, -3);
    expect(commended).toEqual([`${tree.orgs.village.name}（整改问题1个）`]);
    expect(criticised).toEqual([`${tree.orgs.community.name}（逾期未整改1个）`]);
    await expect
      .poll(async () => (await get(county, '/api/audit?entity=inspection_round&action=export')).json().items.length)
      .toBe(1);
  });

  it('shows each user the part of the round in his scope, and hides rounds out of scope', async () => {
    const own = await noticeOf((await get(branch, `/api/inspections/rounds/${roundId}/notice.docx`)).rawPayload);
    expect(own.paragraphs.join('\n')).toContain('本轮共发现问题1个，已整改到位1个，正在整改0个');
    expect(own.paragraphs.join('\n')).not.toContain(tree.orgs.community.name);
    const hidden = await get(town, `/api/inspections/rounds/${otherRoundId}/notice.docx`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('NOT_FOUND');
  });

  it('exports the problems with the list filters to .xlsx and audits the export', async () => {
    const all = await get(county, `/api/problems/export?orgId=${tree.orgs.county.id}&roundId=${roundId}`);
    expect(all.statusCode).toBe(200);
    const rows = (await readXlsx(all.rawPayload)).get('督导问题')!;
    expect(rows[0]).toEqual([
      '问题描述',
      '党组织',
      '检查轮次',
      '问题类别',
      '严重程度',
      '整改责任人',
      '发现日期',
      '整改期限',
      '整改状态',
      '是否逾期',
    ]);
    // In the list's order: by deadline.
    expect(rows.slice(1).map((r) => [r[1], r[8], r[9] ?? ''])).toEqual([
      [tree.orgs.community.name, '待整改', '逾期'],
      [tree.orgs.otherVillage.name, '待整改', ''],
      [tree.orgs.village.name, '已验收销号', ''],
    ]);
    // The same rows as the list with the same filter: both rounds' overdue problems.
    const list = (await get(county, '/api/problems?overdue=true')).json();
    const overdue = (await readXlsx((await get(county, '/api/problems/export?overdue=true')).rawPayload)).get(
      '督导问题',
    )!;
    expect(list.total).toBe(2);
    expect(overdue.slice(1).map((r) => r[0])).toEqual(list.items.map((p: { description: string }) => p.description));
    const mine = (await readXlsx((await get(town, '/api/problems/export')).rawPayload)).get('督导问题')!;
    expect(mine.slice(1).map((r) => r[1])).toEqual([tree.orgs.community.name, tree.orgs.village.name]);
    expect((await get(town, `/api/problems/export?orgId=${tree.orgs.otherVillage.id}`)).statusCode).toBe(404);
    await expect
      .poll(async () => (await get(county, '/api/audit?entity=problem&action=export')).json().items.length)
      .toBe(3);
  });
});
