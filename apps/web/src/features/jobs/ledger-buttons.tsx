// 台账 buttons of a list page: 下载导入模板 and 导入 (for those who may write), 导出 (the current view).
import { DownloadOutlined, ExportOutlined, ImportOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { apiDownload, errorMessage } from '../../app/api-client';
import { ImportJobModal } from './import-job.modal';

export function LedgerButtons({
  what,
  canImport,
  importUrl,
  templateUrl,
  exportUrl,
  onImported,
  compact,
}: {
  /** 党员 / 组织 */
  what: string;
  canImport: boolean;
  importUrl: string;
  templateUrl: string;
  exportUrl: string;
  onImported: () => void;
  /** Icons only (phone width). */
  compact?: boolean;
}) {
  const { message } = App.useApp();
  const [importing, setImporting] = useState(false);
  // The download under way (one at a time: its button spins, a second click starts nothing).
  const [downloading, setDownloading] = useState<'template' | 'export' | null>(null);
  const templateName = `${what}导入模板.xlsx`;
  const download = async (kind: 'template' | 'export', url: string, fileName: string) => {
    if (downloading) return;
    setDownloading(kind);
    try {
      await apiDownload(url, fileName);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setDownloading(null);
    }
  };
  return (
    <>
      {canImport ? (
        <>
          <Button
            icon={<DownloadOutlined />}
            loading={downloading === 'template'}
            onClick={() => void download('template', templateUrl, templateName)}
            data-testid="ledger-template"
            aria-label="下载导入模板"
          >
            {compact ? null : '下载导入模板'}
          </Button>
          <Button
            icon={<ImportOutlined />}
            onClick={() => setImporting(true)}
            data-testid="ledger-import"
            aria-label="导入"
          >
            {compact ? null : '导入'}
          </Button>
        </>
      ) : null}
      <Button
        icon={<ExportOutlined />}
        loading={downloading === 'export'}
        onClick={() => void download('export', exportUrl, `${what}台账.xlsx`)}
        data-testid="ledger-export"
        aria-label="导出"
      >
        {compact ? null : '导出'}
      </Button>
      {canImport ? (
        <ImportJobModal
          open={importing}
          title={`导入${what}台账`}
          importUrl={importUrl}
          templateUrl={templateUrl}
          templateName={templateName}
          onClose={() => setImporting(false)}
          onSucceeded={onImported}
        />
      ) : null}
    </>
  );
}
