import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../test/databases.js';
import { buildTestApp, loginAs, type Session, seedSmallTree, seedUser } from '../test/factories.js';
import { multipart } from '../test/ledger-files.js';
import {
  linkAttachments,
  MAX_ATTACHMENT_BYTES,
  removeUnlinkedAttachments,
  UNLINKED_RETENTION_MS,
} from './attachments.js';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
const PDF = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n');

describeEachDb('attachments (附件)', (getDb) => {
  let app: FastifyInstance;
  let tree: Awaited<ReturnType<typeof seedSmallTree>>;
  let branch: Session;
  let town: Session;
  let otherTown: Session;
  let grid: Session;
  let viewer: Session;

  beforeAll(async () => {
    tree = await seedSmallTree(getDb().ctx);
    app = await buildTestApp(getDb());
    const other = await seedUser(getDb().ctx, { role: 'township_admin', org: tree.orgs.otherTown });
    [branch, town, otherTown, grid, viewer] = await Promise.all([
      loginAs(app, tree.users.branch.username),
      loginAs(app, tree.users.town.username),
      loginAs(app, other.username),
      loginAs(app, tree.users.grid.username),
      loginAs(app, tree.users.viewer.username),
    ]);
  });

  const upload = (s: Session, body: Buffer, name: string, orgId = tree.orgs.village.id, entity = 'meeting') => {
    const m = multipart(body, name, 'file', 'application/octet-stream');
    return app.inject({
      method: 'POST',
      url: `/api/attachments?entity=${entity}&orgId=${orgId}`,
      headers: { ...s.write, ...m.headers },
      payload: m.payload,
    });
  };

  describe('upload', () => {
    it('stores an image with its name, type by content, size and sha256; audited', async () => {
      const res = await upload(branch, PNG, '支部大会现场.png');
      expect(res.statusCode).toBe(201);
      const a = res.json();
      expect(a).toMatchObject({
        orgId: tree.orgs.village.id,
        entity: 'meeting',
        entityId: null,
        fileName: '支部大会现场.png',
        mime: 'image/png',
        size: PNG.length,
      });
      expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
      const audit = await getDb()
        .ctx.db.selectFrom('auditLog')
        .selectAll()
        .where('entity', '=', 'attachment')
        .where('entityId', '=', a.id)
        .execute();
      expect(audit.map((r) => r.action)).toEqual(['upload']);
    });

    it('accepts PDF, Word and Excel files by extension and content', async () => {
      expect((await upload(branch, PDF, '会议记录.pdf')).json().mime).toBe('application/pdf');
      const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(50)]);
      expect((await upload(branch, zip, '签到表.XLSX')).json().mime).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(50)]);
      expect((await upload(branch, ole, '发言稿.doc')).json().mime).toBe('application/msword');
    });

    it('415 for a type not on the allow-list, and for content that is not what its extension says', async () => {
      const txt = await upload(branch, Buffer.from('hello'), '说明.txt');
      expect(txt.statusCode).toBe(415);
      expect(txt.json().error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
      expect(txt.json().error.message).toContain('不支持的文件类型');
      const exe = await upload(branch, Buffer.from('MZ\x90\x00'), '照片.jpg');
      expect(exe.statusCode).toBe(415);
      expect(exe.json().error.message).toContain('文件内容与扩展名 .jpg 不符');
    });

    it('413 above the size limit; exactly the limit is accepted', async () => {
      const big = Buffer.concat([PDF, Buffer.alloc(MAX_ATTACHMENT_BYTES + 1 - PDF.length)]);
      const res = await upload(branch, big, '大文件.pdf');
      expect(res.statusCode).toBe(413);
      expect(res.json().error).toEqual({
        code: 'PAYLOAD_TOO_LARGE',
        message: expect.stringContaining('不能超过 10 MB'),
      });
      const limit = Buffer.concat([PDF, Buffer.alloc(MAX_ATTACHMENT_BYTES - PDF.length)]);
      expect((await upload(branch, limit, '刚好.pdf')).statusCode).toBe(201);
    });

    it('400 for an empty file or a bad entity; 404 for an org out of scope; 403 without write permission', async () => {
      expect((await upload(branch, Buffer.alloc(0), '空.pdf')).statusCode).toBe(400);
      const bad = await upload(branch, PDF, 'a.pdf', tree.orgs.village.id, 'salary');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields.entity).toBe('附件所属的记录类型无效');
      expect((await upload(branch, PDF, 'a.pdf', tree.orgs.otherVillage.id)).statusCode).toBe(404);
      expect((await upload(grid, PDF, 'a.pdf', tree.orgs.group.id)).statusCode).toBe(403);
    });
  });

  describe('download and delete', () => {
    let id: number;
    beforeAll(async () => {
      id = (await upload(branch, PNG, '现场照片.png')).json().id;
    });

    it('downloads the bytes with their type and name, within scope (a county reader too)', async () => {
      for (const s of [branch, town, viewer]) {
        const res = await app.inject({ method: 'GET', url: `/api/attachments/${id}`, headers: s.read });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('image/png');
        expect(res.headers['content-disposition']).toMatch(/^inline; .*filename\*=UTF-8''%E7%8E%B0/);
        expect(res.rawPayload.equals(PNG)).toBe(true);
      }
    });

    it('404 out of scope, as if it did not exist', async () => {
      const res = await app.inject({ method: 'GET', url: `/api/attachments/${id}`, headers: otherTown.read });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.message).toBe('附件不存在或不在您的管辖范围内');
      expect(
        (await app.inject({ method: 'DELETE', url: `/api/attachments/${id}`, headers: otherTown.write })).statusCode,
      ).toBe(404);
    });

    it('delete needs the write permission (403 for a reader), then is audited and gone', async () => {
      const refused = await app.inject({ method: 'DELETE', url: `/api/attachments/${id}`, headers: viewer.write });
      expect(refused.statusCode).toBe(403);
      const res = await app.inject({ method: 'DELETE', url: `/api/attachments/${id}`, headers: town.write });
      expect(res.statusCode).toBe(204);
      expect(
        (await app.inject({ method: 'GET', url: `/api/attachments/${id}`, headers: branch.read })).statusCode,
      ).toBe(404);
      const audit = await getDb()
        .ctx.db.selectFrom('auditLog')
        .select(['action', 'before'])
        .where('entity', '=', 'attachment')
        .where('entityId', '=', id)
        .orderBy('id')
        .execute();
      expect(audit.map((r) => r.action)).toEqual(['upload', 'delete']);
      expect(JSON.parse(audit[1]!.before!)).toMatchObject({ fileName: '现场照片.png' });
    });
  });

  describe('linking to a record', () => {
    it('links uploads of the same entity and org, lists them, drops the ones left out; refuses others', async () => {
      const { db } = getDb().ctx;
      const a = (await upload(branch, PNG, '1.png')).json().id as number;
      const b = (await upload(branch, PDF, '2.pdf')).json().id as number;
      const foreign = (await upload(otherTown, PDF, '3.pdf', tree.orgs.otherVillage.id)).json().id as number;
      const record = { entity: 'meeting' as const, entityId: 9001, orgId: tree.orgs.village.id };
      await db.transaction().execute((trx) => linkAttachments(trx, record, [a, b]));
      const list = await app.inject({
        method: 'GET',
        url: '/api/attachments?entity=meeting&entityId=9001',
        headers: branch.read,
      });
      expect(list.json().items.map((x: { id: number }) => x.id)).toEqual([a, b]);
      const outside = await app.inject({
        method: 'GET',
        url: '/api/attachments?entity=meeting&entityId=9001',
        headers: otherTown.read,
      });
      expect(outside.json().items).toEqual([]);

      await db.transaction().execute((trx) => linkAttachments(trx, record, [b]));
      expect((await app.inject({ method: 'GET', url: `/api/attachments/${a}`, headers: branch.read })).statusCode).toBe(
        404,
      );
      await expect(db.transaction().execute((trx) => linkAttachments(trx, record, [b, foreign]))).rejects.toMatchObject(
        { code: 'VALIDATION_FAILED', fields: { attachmentIds: expect.stringContaining('附件') } },
      );
      await expect(
        db.transaction().execute((trx) => linkAttachments(trx, { ...record, entityId: 9002 }, [b])),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it('removes uploads never linked once older than a day, keeps linked and recent ones', async () => {
      const { db } = getDb().ctx;
      const fresh = (await upload(branch, PNG, 'fresh.png')).json().id as number;
      const removed = await removeUnlinkedAttachments(db, Date.now() + UNLINKED_RETENTION_MS + 60_000);
      expect(removed).toBeGreaterThan(0);
      const left = await db.selectFrom('attachments').select(['id', 'entityId']).execute();
      expect(left.every((r) => r.entityId !== null)).toBe(true);
      expect(left.some((r) => r.id === fresh)).toBe(false);
      const contents = await db.selectFrom('attachmentContents').select('attachmentId').execute();
      expect(contents.map((c) => Number(c.attachmentId)).sort()).toEqual(left.map((r) => Number(r.id)).sort());
    });
  });
});
