// Excel plumbing: a streamed read keeps every Chinese character of a large sheet (exceljs decoded each chunk on its
// own and garbled characters split between chunks), and a streamed workbook reply ends only after its onEnd step.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { xlsxOf } from '../test/ledger-files.js';
import { readFirstSheet, sendWorkbook } from './excel.js';

const dir = mkdtempSync(join(tmpdir(), 'grassroots-excel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Long Chinese cells, so that the sheet's XML spans many chunks and most chunk boundaries fall inside a character.
const ROWS = Array.from({ length: 4000 }, (_, i) => ({
  姓名: `测试党员${i}号`,
  家庭住址: `某某省某某市某某县城关镇红旗村第${i}组幸福路${i % 97}号院内东侧第三间`,
}));
const HEADER = ['姓名', '家庭住址'] as const;

async function readAll(path: string): Promise<string[][]> {
  const out: string[][] = [];
  for await (const { cells } of readFirstSheet(path)) out.push(cells.slice(1).map((c) => String(c ?? '')));
  return out;
}

const expected = [[...HEADER], ...ROWS.map((r) => [r.姓名, r.家庭住址])];

describe('readFirstSheet', () => {
  it('reads every character of a large sheet of shared strings exactly', async () => {
    const path = join(dir, 'shared.xlsx');
    writeFileSync(path, await xlsxOf(HEADER, ROWS));
    expect(await readAll(path)).toEqual(expected);
  });

  it('reads every character of a large sheet of inline strings exactly', async () => {
    const path = join(dir, 'inline.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
    const ws = wb.addWorksheet('党员信息');
    ws.addRow([...HEADER]).commit();
    for (const r of ROWS) ws.addRow([r.姓名, r.家庭住址]).commit();
    ws.commit();
    await wb.commit();
    expect(await readAll(path)).toEqual(expected);
  });
});

describe('sendWorkbook', () => {
  it('ends the reply only after onEnd has finished, so the client never gets ahead of the audit row', async () => {
    const app = Fastify({ logger: false });
    const steps: string[] = [];
    app.get('/x', (_req, reply) =>
      sendWorkbook(
        reply,
        '测试.xlsx',
        async (out) => {
          const ws = out.workbook.addWorksheet('数据');
          for (let i = 0; i < 100; i++) ws.addRow([i, `第${i}行`]).commit();
          ws.commit();
        },
        async (completed) => {
          // A slow audit write: the reply must wait for it.
          await new Promise((r) => setTimeout(r, 50));
          steps.push(`onEnd ${completed}`);
        },
      ),
    );
    const res = await app.inject({ method: 'GET', url: '/x' });
    steps.push('response');
    expect(res.statusCode).toBe(200);
    expect(steps).toEqual(['onEnd true', 'response']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(100).getCell(2).value).toBe('第99行');
    await app.close();
  });

  it('breaks the reply when production fails, and still runs onEnd (not completed)', async () => {
    const app = Fastify({ logger: false });
    let ended: boolean | null = null;
    app.get('/x', (_req, reply) =>
      sendWorkbook(
        reply,
        '测试.xlsx',
        async (out) => {
          const ws = out.workbook.addWorksheet('数据');
          for (let i = 0; i < 5000; i++) ws.addRow([i, `第${i}行`.repeat(20)]).commit();
          await out.drain(ws);
          throw new Error('读取失败');
        },
        async (completed) => {
          ended = completed;
        },
      ),
    );
    // Headers already out: the connection is cut, with the cause; not yet: a 500. Never a 200 that looks whole.
    const outcome = await app.inject({ method: 'GET', url: '/x' }).then(
      (res) => res.statusCode,
      (err: Error) => err.message,
    );
    expect([500, '读取失败']).toContain(outcome);
    expect(ended).toBe(false);
    await app.close();
  });
});
