// Text a user typed stays text everywhere it goes out: a member or an org named with HTML or a spreadsheet formula
// comes back from the API as the same JSON string (never HTML), sits in every exported workbook as a plain string
// cell (no formula element anywhere, so Excel never evaluates it), and in the notice .docx as escaped text.
import { addDays, makeIdNumber, todayIso } from '@grassroots/domain';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { expect, it } from 'vitest';
import { describeEachDb } from '../test/databases.js';
import { smallTreeSuite } from '../test/factories.js';

const HTML_NAMES = ['<img src=x onerror=alert(1)>', '<script>alert(2)</script>'];
/** Names Excel would read as a formula if they were written as one (CSV/formula injection). */
const FORMULA_NAMES = ['=HYPERLINK("http://x.invalid","点我")', '+1+2', '-2+3', '@SUM(A1)'];

describeEachDb('stored XSS and formula injection through typed names', (getDb) => {
  const {
    tree,
    sessions: { town },
    get,
    send,
  } = smallTreeSuite(getDb, ['town']);
  const today = todayIso();

  async function createMember(name: string, n: number) {
    const res = await send(town, 'POST', '/api/members', {
      orgId: tree.orgs.village.id,
      name,
      gender: 'male',
      ethnicity: '汉族',
      birthDate: '1990-03-07',
      idNumber: makeIdNumber('130102', '1990-03-07', 300 + n, 'male'),
      education: 'bachelor',
      occupation: 'farmer',
      joinedOn: '2015-07-01',
      fullOn: '2016-07-01',
      status: 'full',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; name: string };
  }

  /** Every cell of every sheet as exceljs reads it, and the raw sheet XML. */
  async function workbookOf(payload: Buffer) {
    const zip = await JSZip.loadAsync(payload);
    const xml = (
      await Promise.all(
        Object.keys(zip.files)
          .filter((f) => f.startsWith('xl/worksheets/'))
          .map((f) => zip.file(f)!.async('string')),
      )
    ).join('\n');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(payload as unknown as ArrayBuffer);
    const cells: ExcelJS.Cell[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(c))));
    return { xml, cells };
  }

  it('returns a member named with HTML as the same JSON string, as application/json with nosniff', async () => {
    for (const [n, name] of HTML_NAMES.entries()) {
      const m = await createMember(name, n);
      const res = await get(town, `/api/members/${m.id}`);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.json().name).toBe(name);
      const list = await get(town, `/api/members?q=${encodeURIComponent(name.slice(1, 4))}`);
      expect(list.json().items.map((i: { name: string }) => i.name)).toContain(name);
    }
  });

  it('exports names that look like formulas or HTML as plain string cells, with no formula in any sheet', async () => {
    for (const [n, name] of FORMULA_NAMES.entries()) await createMember(name, 10 + n);
    const org = await send(town, 'POST', '/api/orgs', {
      parentId: tree.orgs.town.id,
      name: '=HYPERLINK("http://x.invalid","党支部")',
      kind: 'branch',
      sector: 'rural',
      code: 'XSS-1',
    });
    expect(org.statusCode, org.body).toBe(201);
    for (const url of [
      `/api/members/export?orgId=${tree.orgs.village.id}`,
      `/api/orgs/${tree.orgs.town.id}/export`,
      `/api/metrics/members.total/records/export?orgId=${tree.orgs.village.id}`,
    ]) {
      const res = await get(town, url);
      expect(res.statusCode, url).toBe(200);
      const { xml, cells } = await workbookOf(res.rawPayload);
      expect(xml, url).not.toMatch(/<f[ >]/);
      const typed = cells.filter(
        (c) => [...FORMULA_NAMES, ...HTML_NAMES].includes(String(c.value)) || /HYPERLINK/.test(String(c.value)),
      );
      expect(typed.length, url).toBeGreaterThan(0);
      for (const c of typed) {
        expect(c.type, `${url} ${c.address}`).toBe(ExcelJS.ValueType.String);
        expect(c.formula, url).toBeUndefined();
      }
    }
  });

  it('puts an org and a person named with HTML into the notice .docx as escaped text', async () => {
    const evil = HTML_NAMES[0]!;
    const org = await send(town, 'POST', '/api/orgs', {
      parentId: tree.orgs.town.id,
      name: `${evil}党支部`,
      kind: 'branch',
      sector: 'rural',
      code: 'XSS-2',
    });
    const round = await send(town, 'POST', '/api/inspections/rounds', {
      orgId: tree.orgs.town.id,
      title: HTML_NAMES[1],
      team: evil,
      kind: 'open',
      startsOn: addDays(today, -10),
      endsOn: today,
    });
    expect(round.statusCode, round.body).toBe(201);
    const problem = await send(town, 'POST', '/api/problems', {
      roundId: round.json().id,
      orgId: org.json().id,
      category: 'organization_life',
      description: evil,
      severity: 'major',
      responsiblePerson: evil,
      deadline: addDays(today, -1),
    });
    expect(problem.statusCode, problem.body).toBe(201);
    const res = await get(town, `/api/inspections/rounds/${round.json().id}/notice.docx`);
    expect(res.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = (await Promise.all(Object.values(zip.files).map((f) => (f.dir ? '' : f.async('string'))))).join('\n');
    expect(xml).not.toMatch(/<img|<script/);
    expect(xml).toContain('&lt;img src=x onerror=alert(1)&gt;党支部');
    expect(xml).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
  });
});
