// The export of a draft as a job: the .docx opened and checked against GB/T 9704 (page, margins, fonts and sizes,
// line grid, page numbers in the footer, every placeholder filled), the Markdown, the job's progress and its file
// for its owner only, and a job cut off by a restart failed at start and run again.
import { type ReportDraftDto, todayIso } from '@grassroots/domain';
import JSZip from 'jszip';
import { beforeAll, expect, it } from 'vitest';
import { createJob, failInterruptedJobs } from '../../platform/jobs.js';
import { describeEachDb } from '../../test/databases.js';
import { smallTreeSuite } from '../../test/factories.js';
import { waitForJob } from '../../test/ledger-files.js';
import { GW_CHAR_SPACE, GW_LINE_PITCH } from './report-docx.js';

const mm = (v: number) => Math.round((v * 1440) / 25.4);

/** The attribute values of every `<tag …>` in the XML: attrs('w:sz', 'w:val'). */
function attrs(xml: string, tag: string, attr: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(new RegExp(`<${tag}\\b[^>]*>`, 'g'))) {
    const v = new RegExp(`${attr}="([^"]*)"`).exec(m[0]);
    if (v) out.push(v[1]!);
  }
  return out;
}
const textOf = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

describeEachDb('report export (工作汇报导出)', (getDb) => {
  const { tree, sessions, app, get, send } = smallTreeSuite(getDb, ['county', 'town']);
  const today = todayIso();
  let draft: ReportDraftDto;

  const exportAs = async (format: 'docx' | 'md', id = draft.id) => {
    const res = await send(sessions.town, 'POST', `/api/report-drafts/${id}/exports`, { format });
    expect(res.statusCode, res.body).toBe(202);
    return waitForJob(app(), sessions.town, res.json().id);
  };
  const download = (jobId: number, s = sessions.town) =>
    app().inject({ method: 'GET', url: `/api/report-exports/${jobId}/file`, headers: s.read });

  beforeAll(async () => {
    const res = await send(sessions.town, 'POST', '/api/report-drafts', {
      orgId: tree.orgs.town.id,
      templateKey: 'builtin:township_quarterly',
      from: `${today.slice(0, 4)}-01-01`,
      to: today,
    });
    expect(res.statusCode, res.body).toBe(201);
    draft = res.json();
  });

  it('exports the .docx in the official-document layout with every placeholder filled', async () => {
    // A pasted control character must not make the file unreadable.
    const edited = await send(sessions.town, 'PATCH', `/api/report-drafts/${draft.id}`, {
      body: `${draft.body}\n附：粘贴的\u0007文字`,
      version: draft.version,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const job = await exportAs('docx');
    expect(job.state, job.error ?? '').toBe('succeeded');
    expect(job.kind).toBe('report.docx');
    expect(job.total).toBeGreaterThan(10);
    expect(job.done).toBe(job.total);
    const result = job.result as unknown as { fileName: string; figures: number; missing: unknown[] };
    expect(result.fileName).toMatch(/^城关镇党委.+党建工作汇报\.docx$/);
    expect(result.missing).toEqual([]);

    const file = await download(job.id);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(file.rawPayload);
    const doc = await zip.file('word/document.xml')!.async('string');
    const styles = await zip.file('word/styles.xml')!.async('string');
    const fonts = await zip.file('word/fontTable.xml')!.async('string');
    const settings = await zip.file('word/settings.xml')!.async('string');

    // A4 and the margins of GB/T 9704 (37 / 35 / 28 / 26 mm) in twips.
    expect(attrs(doc, 'w:pgSz', 'w:w')).toEqual(['11906']);
    expect(attrs(doc, 'w:pgSz', 'w:h')).toEqual(['16838']);
    expect(attrs(doc, 'w:pgMar', 'w:top')).toEqual([String(mm(37))]);
    expect(attrs(doc, 'w:pgMar', 'w:bottom')).toEqual([String(mm(35))]);
    expect(attrs(doc, 'w:pgMar', 'w:left')).toEqual([String(mm(28))]);
    expect(attrs(doc, 'w:pgMar', 'w:right')).toEqual([String(mm(26))]);
    // 22 lines × 28 characters: an exact line pitch of ≈ 28.9 pt and a character grid.
    expect(GW_LINE_PITCH * 22).toBeLessThanOrEqual(mm(225));
    expect((GW_LINE_PITCH + 1) * 23).toBeGreaterThan(mm(225));
    expect(attrs(doc, 'w:docGrid', 'w:type')).toEqual(['linesAndChars']);
    expect(attrs(doc, 'w:docGrid', 'w:linePitch')).toEqual([String(GW_LINE_PITCH)]);
    expect(attrs(doc, 'w:docGrid', 'w:charSpace')).toEqual([String(GW_CHAR_SPACE)]);
    expect(((16 + GW_CHAR_SPACE / 4096) * 20 * 28) / 1440).toBeCloseTo(156 / 25.4, 2);
    expect(new Set(attrs(doc, 'w:spacing', 'w:lineRule'))).toEqual(new Set(['exact']));

    // Fonts named in the runs and styles: title 方正小标宋简体 2号 (44 half-points), body 仿宋_GB2312 3号 (32),
    // "一、" 黑体, "（一）" 楷体_GB2312; each with a fallback in the font table.
    const eastAsia = new Set(attrs(doc, 'w:rFonts', 'w:eastAsia'));
    for (const f of ['方正小标宋简体', '仿宋_GB2312', '黑体', '楷体_GB2312']) expect(eastAsia).toContain(f);
    const sizes = attrs(doc, 'w:sz', 'w:val');
    expect(sizes).toContain('44');
    expect(sizes).toContain('32');
    expect(new Set(sizes)).toEqual(new Set(['44', '32']));
    expect(styles).toMatch(/<w:rFonts[^>]*w:eastAsia="仿宋_GB2312"/);
    expect(styles).toContain('公文标题');
    for (const [font, alt] of [
      ['方正小标宋简体', 'SimSun'],
      ['仿宋_GB2312', 'FangSong'],
      ['黑体', 'SimHei'],
      ['楷体_GB2312', 'KaiTi'],
    ])
      expect(fonts).toContain(`<w:font w:name="${font}"><w:altName w:val="${alt}"/>`);
    const paragraphs = [...doc.matchAll(/<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>/gs)].map((m) => m[0]);
    const titleXml = paragraphs.find((p) => textOf(p).includes('党建工作汇报'))!;
    expect(titleXml).toContain('<w:jc w:val="center"/>');
    expect(titleXml).toContain('w:eastAsia="方正小标宋简体"');
    expect(titleXml).toContain('<w:sz w:val="44"/>');
    const heading1 = paragraphs.find((p) => textOf(p) === '一、工作开展情况')!;
    expect(heading1).toContain('w:eastAsia="黑体"');
    const heading2 = paragraphs.find((p) => textOf(p).startsWith('（一）抓班子强基础'))!;
    expect(heading2).toMatch(/w:eastAsia="楷体_GB2312"[\s\S]*?<w:t[^>]*>（一）抓班子强基础，组织体系不断健全。<\/w:t>/);
    expect(heading2).toContain('w:eastAsia="仿宋_GB2312"');

    // Every placeholder filled, the figures in the text.
    const text = textOf(doc);
    expect(text).not.toContain('{{');
    expect(text).not.toContain('无法计算');
    expect(text).toContain('党员5名');
    expect(text).toContain('附：粘贴的文字');
    expect(doc).not.toContain('\u0007');

    // Page numbers: 4号 宋体 "— PAGE —", odd pages right and even pages left.
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    const footerTypes = attrs(doc, 'w:footerReference', 'w:type');
    expect(new Set(footerTypes)).toEqual(new Set(['default', 'even']));
    const footerNames = Object.keys(zip.files).filter((n) => /^word\/footer\d+\.xml$/.test(n));
    const footers = await Promise.all(footerNames.map((n) => zip.file(n)!.async('string')));
    expect(footers).toHaveLength(2);
    for (const f of footers) {
      expect(f).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
      expect(f).toContain('w:eastAsia="宋体"');
      expect(f).toContain('<w:sz w:val="28"/>');
      // "— ", the PAGE field, " —": the number between two 一字线.
      expect(textOf(f)).toBe('—  —');
      expect(f).toMatch(
        />— <\/w:t>.*<w:fldChar w:fldCharType="begin"\/>.*PAGE.*<w:fldChar w:fldCharType="end"\/>.*> —<\/w:t>/s,
      );
    }
    expect(footers.map((f) => attrs(f, 'w:jc', 'w:val')[0]).sort()).toEqual(['left', 'right']);

    // The export is audited.
    const audit = await getDb()
      .ctx.db.selectFrom('auditLog')
      .select(['after'])
      .where('entity', '=', 'report_draft')
      .where('action', '=', 'export')
      .where('entityId', '=', draft.id)
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });

  it('exports Markdown with the shape of the report and where each figure comes from', async () => {
    const job = await exportAs('md');
    expect(job.state, job.error ?? '').toBe('succeeded');
    const file = await download(job.id);
    expect(file.headers['content-type']).toContain('text/markdown');
    const md = file.body;
    expect(md).toMatch(/^# 城关镇党委.+党建工作汇报\n/);
    expect(md).toContain('\n## 一、工作开展情况\n');
    expect(md).toContain('\n**（一）抓班子强基础，组织体系不断健全。**截至');
    expect(md).toContain('\n## 二、存在的问题\n');
    expect(md).not.toContain('{{');
    expect(md).toContain('附：数据来源（城关镇党委');
    expect(md).toMatch(/\| 5名 \| 党员总数 \| `members\.total` \| 城关镇党委 \|/);
  });

  it('gives the file to the job’s owner only, and refuses a draft outside the scope', async () => {
    const job = await exportAs('md');
    expect((await download(job.id, sessions.county)).statusCode).toBe(404);
    const other = await send(sessions.county, 'POST', '/api/report-drafts', {
      orgId: tree.orgs.otherTown.id,
      templateKey: 'builtin:township_quarterly',
      from: '2026-01-01',
      to: '2026-03-31',
    });
    const refused = await send(sessions.town, 'POST', `/api/report-drafts/${other.json().id}/exports`, {
      format: 'docx',
    });
    expect(refused.statusCode).toBe(404);
    const badFormat = await send(sessions.town, 'POST', `/api/report-drafts/${draft.id}/exports`, { format: 'pdf' });
    expect(badFormat.statusCode).toBe(400);
    expect(badFormat.json().error.fields.format).toMatch(/docx/);
  });

  it('fails a job cut off by a restart and runs it again', async () => {
    const db = getDb().ctx.db;
    const me = await get(sessions.town, '/api/auth/me');
    // A job left running by a process that is gone, as a crash in the middle of rendering leaves it.
    const cut = await createJob(db, {
      kind: 'report.docx',
      createdBy: me.json().user.id,
      params: { draftId: draft.id, format: 'docx' },
      fileKey: 'f'.repeat(32),
    });
    expect(await failInterruptedJobs(db)).toBeGreaterThanOrEqual(1);
    const failed = (await get(sessions.town, `/api/jobs/${cut.id}`)).json();
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatch(/服务重启/);
    expect((await download(cut.id)).statusCode).toBe(404);

    const rerun = await send(sessions.town, 'POST', `/api/report-exports/${cut.id}/rerun`);
    expect(rerun.statusCode, rerun.body).toBe(202);
    expect(rerun.json().id).not.toBe(cut.id);
    const done = await waitForJob(app(), sessions.town, rerun.json().id);
    expect(done.state, done.error ?? '').toBe('succeeded');
    expect((await download(done.id)).statusCode).toBe(200);

    // Only a failed job runs again; another user's job is not found.
    expect((await send(sessions.town, 'POST', `/api/report-exports/${done.id}/rerun`)).statusCode).toBe(422);
    expect((await send(sessions.county, 'POST', `/api/report-exports/${cut.id}/rerun`)).statusCode).toBe(404);
  });
});
