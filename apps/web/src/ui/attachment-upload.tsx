// Optional evidence files (scans, photos) for a record: each is uploaded as it is picked, before the record is saved;
// the server links them to the record when it is.
import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Form, Upload } from 'antd';
import type { Dispatch, SetStateAction } from 'react';
import { apiUpload, errorMessage } from '../app/api-client';

export interface UploadedFile {
  id: number;
  fileName: string;
}

export const attachmentUrl = (id: number) => `/api/attachments/${id}`;

export function AttachmentUpload<F extends UploadedFile>({
  entity,
  orgId,
  files,
  setFiles,
  setUploading,
  extra,
}: {
  /** The kind of record the files are for (the server checks the user may write it in `orgId`). */
  entity: string;
  orgId: number;
  files: F[];
  setFiles: Dispatch<SetStateAction<F[]>>;
  setUploading: (busy: boolean) => void;
  extra: string;
}) {
  const { message } = App.useApp();
  return (
    <Form.Item label="附件（可选）" extra={extra}>
      <Upload
        multiple
        fileList={files.map((f) => ({ uid: String(f.id), name: f.fileName, status: 'done', url: attachmentUrl(f.id) }))}
        onRemove={(f) => setFiles((all) => all.filter((x) => String(x.id) !== f.uid))}
        customRequest={async ({ file, onSuccess, onError }) => {
          setUploading(true);
          try {
            const form = new FormData();
            form.append('file', file as File, (file as File).name);
            const saved = await apiUpload<F>('/api/attachments', form, { entity, orgId });
            setFiles((all) => [...all, saved]);
            onSuccess?.(saved);
          } catch (e) {
            message.error(errorMessage(e));
            onError?.(e as Error);
          } finally {
            setUploading(false);
          }
        }}
      >
        <Button icon={<UploadOutlined />}>上传附件</Button>
      </Upload>
    </Form.Item>
  );
}
