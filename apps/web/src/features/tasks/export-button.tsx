// 导出Excel of a task page: downloads what the page shows (the server applies the same scope and filters).
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { apiDownload, errorMessage, type QueryValue } from '../../app/api-client';

export function ExportButton(props: {
  path: string;
  fileName: string;
  query?: Record<string, QueryValue>;
  disabled?: boolean;
}) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
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
    <Button icon={<DownloadOutlined />} loading={busy} disabled={props.disabled} onClick={() => void run()}>
      导出Excel
    </Button>
  );
}
