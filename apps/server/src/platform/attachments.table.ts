import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

// 附件: an optional evidence file of a record (entity, entityId); entityId null = uploaded, record not saved yet.
export interface AttachmentTable {
  id: Generated<number>;
  orgId: number;
  orgPath: string;
  /** Generated from org_path. */
  provinceId: ColumnType<number, never, never>;
  entity: string;
  entityId: number | null;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
  uploadedBy: number;
  createdAt: string;
}
export type AttachmentRow = Selectable<AttachmentTable>;
export type NewAttachmentRow = Insertable<AttachmentTable>;

export interface AttachmentContentTable {
  attachmentId: number;
  content: Buffer;
}
