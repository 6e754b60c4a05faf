// Optional evidence files (附件) of any org-scoped record — a meeting's photos and minutes, a development step's
// forms. Nothing requires one (issue 5: evidence is optional). A file is uploaded on its own (from the record's form,
// before the record is saved) and linked by the owning module inside the record's write transaction
// (`linkAttachments`); files never linked are removed a day later.
//
// The bytes live in the database (table attachment_contents), not on disk: PostgreSQL deployments have no data
// directory of ours, the backup (SQLite backup API / pg_dump, db/backup.ts) then holds the files with the records
// that cite them, and a delete is one transaction with its audit row — no orphan files either way. It stays bounded:
// at most MAX_ATTACHMENT_BYTES a file and MAX_ATTACHMENTS_PER_RECORD a record, and the bytes sit in their own table
// so lists and scope checks never read them.
//
// Access follows the record's module: the entity names the permissions (ATTACHMENT_ENTITIES), the scope is the
// attachment's org_path like every read (out of scope answers 404, as if it did not exist).
import { createHash } from 'node:crypto';
import type { Permission } from '@grassroots/domain';
import type { Db } from '../db/database.js';
import type { Actor } from './actor.js';
import { recordAudit } from './audit.js';
import { nowIso } from './clock.js';
import type { AppContext } from './context.js';
import { AppError, notFound } from './errors.js';
import { hasPermission, isPathInScope, rewriteSubtreePaths, scopeOf, whereInScope } from './scope.js';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_RECORD = 20;
/** Files uploaded but never linked to a saved record go after this long. */
export const UNLINKED_RETENTION_MS = 24 * 3600_000;

/** The records files may be attached to, and the permissions to read and to attach/remove. */
export const ATTACHMENT_ENTITIES = {
  meeting: { read: 'life:read', write: 'life:write' },
  development: { read: 'development:read', write: 'development:write' },
  task_progress: { read: 'tasks:read', write: 'tasks:write' },
  // 督导检查: the inspectors' evidence of a problem; a rectification step's evidence (files of the workflow event).
  problem: { read: 'inspections:read', write: 'inspections:write' },
  rectification: { read: 'inspections:read', write: 'inspections:write' },
} as const satisfies Record<string, { read: Permission; write: Permission }>;
export type AttachmentEntity = keyof typeof ATTACHMENT_ENTITIES;
export const ATTACHMENT_ENTITY_NAMES = Object.keys(ATTACHMENT_ENTITIES) as [AttachmentEntity, ...AttachmentEntity[]];

// The allow-list by extension, each with the magic bytes its content must start with (the client's MIME type is
// not trusted; the stored one comes from here).
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const FILE_TYPES: Record<string, { mime: string; magic: number[][] }> = {
  jpg: { mime: 'image/jpeg', magic: [[0xff, 0xd8, 0xff]] },
  jpeg: { mime: 'image/jpeg', magic: [[0xff, 0xd8, 0xff]] },
  png: { mime: 'image/png', magic: [[0x89, 0x50, 0x4e, 0x47]] },
  gif: { mime: 'image/gif', magic: [[0x47, 0x49, 0x46, 0x38]] },
  webp: { mime: 'image/webp', magic: [[0x52, 0x49, 0x46, 0x46]] },
  bmp: { mime: 'image/bmp', magic: [[0x42, 0x4d]] },
  pdf: { mime: 'application/pdf', magic: [[0x25, 0x50, 0x44, 0x46]] },
  doc: { mime: 'application/msword', magic: [OLE] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: [ZIP] },
  xls: { mime: 'application/vnd.ms-excel', magic: [OLE] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: [ZIP] },
};
export const ATTACHMENT_EXTENSIONS = Object.keys(FILE_TYPES);

export const UNSUPPORTED_TYPE_MESSAGE =
  '不支持的文件类型：只能上传图片（jpg、png、gif、webp、bmp）、PDF、Word（doc、docx）或 Excel（xls、xlsx）文件';
export const TOO_LARGE_MESSAGE = `文件过大：单个附件不能超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB，可压缩图片或拆分文件后再上传`;

/** The stored MIME type of a file by its name and first bytes; 415 when not on the allow-list. */
export function attachmentMime(fileName: string, content: Buffer): string {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const type = FILE_TYPES[ext];
  if (!type) throw new AppError('UNSUPPORTED_MEDIA_TYPE', UNSUPPORTED_TYPE_MESSAGE, { file: UNSUPPORTED_TYPE_MESSAGE });
  const matches = type.magic.some((m) => content.length >= m.length && m.every((b, i) => content[i] === b));
  if (!matches) {
    const message = `文件内容与扩展名 .${ext} 不符，可能已损坏或被改名；${UNSUPPORTED_TYPE_MESSAGE}`;
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', message, { file: message });
  }
  return type.mime;
}

export interface AttachmentDto {
  id: number;
  orgId: number;
  entity: string;
  entityId: number | null;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
  createdAt: string;
}

const META = [
  'id',
  'orgId',
  'orgPath',
  'entity',
  'entityId',
  'fileName',
  'mime',
  'size',
  'sha256',
  'uploadedBy',
  'createdAt',
] as const;

function toDto(r: {
  id: number;
  orgId: number;
  entity: string;
  entityId: number | null;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
  createdAt: string;
}): AttachmentDto {
  return {
    id: Number(r.id),
    orgId: Number(r.orgId),
    entity: r.entity,
    entityId: r.entityId === null ? null : Number(r.entityId),
    fileName: r.fileName,
    mime: r.mime,
    size: Number(r.size),
    sha256: r.sha256,
    createdAt: r.createdAt,
  };
}

export interface UploadInput {
  entity: AttachmentEntity;
  orgId: number;
  fileName: string;
  content: Buffer;
}

/** Stores an uploaded file for a record of `orgId` (not yet linked); audited. */
export async function createAttachment(ctx: AppContext, actor: Actor, input: UploadInput): Promise<AttachmentDto> {
  const perms = ATTACHMENT_ENTITIES[input.entity];
  const org = await ctx.db
    .selectFrom('orgs')
    .select(['id', 'path', 'closedAt'])
    .where('id', '=', input.orgId)
    .where(whereInScope(scopeOf(actor, perms.write), 'path'))
    .executeTakeFirst();
  if (!org) throw notFound('党组织');
  if (input.content.length === 0) throw new AppError('BAD_REQUEST', '文件是空的，请重新选择', { file: '文件是空的' });
  if (input.content.length > MAX_ATTACHMENT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', TOO_LARGE_MESSAGE);
  const mime = attachmentMime(input.fileName, input.content);
  const fileName = input.fileName.replace(/[\\/]/g, '_').slice(-200);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('attachments')
      .values({
        orgId: org.id,
        orgPath: org.path,
        entity: input.entity,
        entityId: null,
        fileName,
        mime,
        size: input.content.length,
        sha256: createHash('sha256').update(input.content).digest('hex'),
        uploadedBy: actor.userId,
        createdAt: nowIso(),
      })
      .returning(META)
      .executeTakeFirstOrThrow();
    await trx.insertInto('attachmentContents').values({ attachmentId: inserted.id, content: input.content }).execute();
    await recordAudit(trx, actor, {
      action: 'upload',
      entity: 'attachment',
      entityId: Number(inserted.id),
      orgPath: org.path,
      after: toDto(inserted),
    });
    return inserted;
  });
  await removeUnlinkedAttachments(ctx.db);
  return toDto(row);
}

async function findInScope(ctx: AppContext, actor: Actor, id: number, want: 'read' | 'write') {
  const row = await ctx.db.selectFrom('attachments').select(META).where('id', '=', id).executeTakeFirst();
  const perms = row ? ATTACHMENT_ENTITIES[row.entity as AttachmentEntity] : undefined;
  const may = (permission: Permission, path: string) =>
    hasPermission(actor, permission) && isPathInScope(scopeOf(actor, permission), path);
  // A file the actor may not read is as missing as one that does not exist; readable but not writable is refused.
  if (!row || !perms || !may(perms.read, row.orgPath)) throw notFound('附件');
  if (want === 'write' && !may(perms.write, row.orgPath)) throw new AppError('FORBIDDEN', '您没有删除此附件的权限');
  return row;
}

/** The file for download: its metadata and bytes, scope-checked with the entity's read permission. */
export async function readAttachment(ctx: AppContext, actor: Actor, id: number) {
  const row = await findInScope(ctx, actor, id, 'read');
  const content = await ctx.db
    .selectFrom('attachmentContents')
    .select('content')
    .where('attachmentId', '=', row.id)
    .executeTakeFirstOrThrow();
  return { ...toDto(row), content: Buffer.from(content.content) };
}

/** Removes a file (linked or not); audited with its metadata. */
export async function deleteAttachment(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const row = await findInScope(ctx, actor, id, 'write');
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('attachmentContents').where('attachmentId', '=', row.id).execute();
    await trx.deleteFrom('attachments').where('id', '=', row.id).execute();
    await recordAudit(trx, actor, {
      action: 'delete',
      entity: 'attachment',
      entityId: Number(row.id),
      orgPath: row.orgPath,
      before: toDto(row),
    });
  });
}

/** Files of records, in scope of the entity's read permission, in upload order. */
export async function listAttachments(
  ctx: AppContext,
  actor: Actor,
  entity: AttachmentEntity,
  entityId: number,
): Promise<AttachmentDto[]> {
  const scope = scopeOf(actor, ATTACHMENT_ENTITIES[entity].read);
  return (await attachmentsOf(ctx.db, entity, [entityId])).filter((a) => isPathInScope(scope, a.orgPath)).map(toDto);
}

/** Metadata of the files of some records (for the owning module's DTOs; the caller has checked the scope). */
export async function attachmentsOf(db: Db, entity: AttachmentEntity, entityIds: readonly number[]) {
  if (entityIds.length === 0) return [];
  const rows = await db
    .selectFrom('attachments')
    .select(META)
    .where('entity', '=', entity)
    .where('entityId', 'in', entityIds)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...toDto(r), orgPath: r.orgPath }));
}

/**
 * Makes `ids` exactly the files of the record (entity, entityId) of org `orgId`: links new ones, unlinks (deletes)
 * ones dropped. Call in the record's write transaction. A file must be of this entity and org, and unlinked or
 * already this record's; otherwise 400 naming `attachmentIds`.
 */
export async function linkAttachments(
  trx: Db,
  record: { entity: AttachmentEntity; entityId: number; orgId: number },
  ids: readonly number[],
): Promise<void> {
  const wanted = [...new Set(ids)];
  if (wanted.length > MAX_ATTACHMENTS_PER_RECORD) {
    const message = `附件不能超过 ${MAX_ATTACHMENTS_PER_RECORD} 个`;
    throw new AppError('VALIDATION_FAILED', message, { attachmentIds: message });
  }
  if (wanted.length > 0) {
    const rows = await trx
      .selectFrom('attachments')
      .select(['id', 'orgId', 'entity', 'entityId'])
      .where('id', 'in', wanted)
      .execute();
    const ok = rows.filter(
      (r) =>
        r.entity === record.entity &&
        Number(r.orgId) === record.orgId &&
        (r.entityId === null || Number(r.entityId) === record.entityId),
    );
    if (ok.length !== wanted.length) {
      const message = '附件不存在、已被其他记录使用或不属于该党组织，请重新上传';
      throw new AppError('VALIDATION_FAILED', message, { attachmentIds: message });
    }
    await trx
      .updateTable('attachments')
      .set({ entityId: record.entityId })
      .where('id', 'in', wanted)
      .where('entityId', 'is', null)
      .execute();
  }
  const dropped = trx
    .selectFrom('attachments')
    .select('id')
    .where('entity', '=', record.entity)
    .where('entityId', '=', record.entityId)
    .$if(wanted.length > 0, (qb) => qb.where('id', 'not in', wanted));
  await trx.deleteFrom('attachmentContents').where('attachmentId', 'in', dropped).execute();
  await trx
    .deleteFrom('attachments')
    .where('entity', '=', record.entity)
    .where('entityId', '=', record.entityId)
    .$if(wanted.length > 0, (qb) => qb.where('id', 'not in', wanted))
    .execute();
}

/** Deletes files uploaded for a form that was never saved, once they are older than the retention. */
export async function removeUnlinkedAttachments(db: Db, now = Date.now()): Promise<number> {
  const before = new Date(now - UNLINKED_RETENTION_MS).toISOString();
  const stale = db.selectFrom('attachments').select('id').where('entityId', 'is', null).where('createdAt', '<', before);
  await db.deleteFrom('attachmentContents').where('attachmentId', 'in', stale).execute();
  const r = await db
    .deleteFrom('attachments')
    .where('entityId', 'is', null)
    .where('createdAt', '<', before)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Moves attachments' paths along with an org subtree that moved. */
export async function rewriteAttachmentPaths(db: Db, oldPath: string, newPath: string) {
  await rewriteSubtreePaths(db, 'attachments', oldPath, newPath);
}
