// A button that downloads a file the server produces (导出Excel, 下载通报); the server applies the page's scope and
// filters. One click at a time; a failure is shown, not thrown.
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { type ReactNode, useState } from 'react';
import { apiDownload, errorMessage, type QueryValue } from '../app/api-client';

export function DownloadButton(props: {
  path: string;
  fileName: string;
  query?: Record<string, QueryValue>;
  disabled?: boolean;
  label?: ReactNode;
  testId?: string;
}) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await apiDownload(props.path, props.fileName, props.query);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      disabled={props.disabled}
      onClick={() => void run()}
      data-testid={props.testId}
    >
      {props.label ?? '导出Excel'}
    </Button>
  );
}
