// 导出: the draft as a .docx in the official-document layout or as Markdown, made by a job on the server; the dialog
// follows its progress (figures computed, then the file written), downloads the file when it is ready, and runs a
// failed job again (e.g. one cut off by a server restart).
import { FileMarkdownOutlined, FileWordOutlined } from '@ant-design/icons';
import type { ReportExportFormat } from '@grassroots/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Progress, Result, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { apiDownload, errorMessage } from '../../app/api-client';
import { ActionError } from '../../ui/action-error';
import {
  exportFileUrl,
  fetchExportJob,
  type ReportExportJob,
  reportKeys,
  rerunExport,
  startExport,
} from './reports.api';

const LABELS: Record<ReportExportFormat, string> = { docx: 'Word（公文格式）', md: 'Markdown' };

export function ReportExportButtons({
  draftId,
  beforeExport,
}: {
  draftId: number;
  /** Saves unsaved edits first: the export renders the saved draft. False stops the export. */
  beforeExport: () => Promise<boolean>;
}) {
  const [format, setFormat] = useState<ReportExportFormat | null>(null);
  const [jobId, setJobId] = useState<number | null>(null);
  const start = useMutation({
    mutationFn: async (f: ReportExportFormat) => {
      if (!(await beforeExport())) return null;
      return startExport(draftId, f);
    },
    onSuccess: (job) => {
      if (job) setJobId(job.id);
      else setFormat(null);
    },
  });
  const open = (f: ReportExportFormat) => {
    setFormat(f);
    setJobId(null);
    start.reset();
    start.mutate(f);
  };
  return (
    <>
      <Button icon={<FileWordOutlined />} onClick={() => open('docx')} data-testid="report-export-docx">
        导出Word
      </Button>
      <Button icon={<FileMarkdownOutlined />} onClick={() => open('md')} data-testid="report-export-md">
        导出Markdown
      </Button>
      <Modal
        open={format !== null}
        title={format ? `导出${LABELS[format]}` : ''}
        onCancel={() => setFormat(null)}
        maskClosable={false}
        destroyOnHidden
        footer={
          <Button type="primary" onClick={() => setFormat(null)} data-testid="report-export-close">
            关闭
          </Button>
        }
      >
        <ActionError title="无法开始导出" error={start.error} />
        {jobId !== null ? (
          <ExportJob jobId={jobId} onRerun={setJobId} />
        ) : start.isPending ? (
          <Progress percent={0} />
        ) : null}
      </Modal>
    </>
  );
}

function ExportJob({ jobId, onRerun }: { jobId: number; onRerun: (id: number) => void }) {
  const { message } = App.useApp();
  const downloaded = useRef<number | null>(null);
  const job = useQuery({
    queryKey: reportKeys.job(jobId),
    queryFn: () => fetchExportJob(jobId),
    refetchInterval: (q) => (q.state.data?.state === 'running' || !q.state.data ? 500 : false),
  });
  const rerun = useMutation({ mutationFn: () => rerunExport(jobId), onSuccess: (j) => onRerun(j.id) });
  const j = job.data;
  const download = (x: ReportExportJob) =>
    apiDownload(exportFileUrl(x.id), x.result?.fileName ?? '工作汇报').catch((e: unknown) =>
      message.error(errorMessage(e)),
    );
  // The file is saved once, as soon as the job has made it.
  useEffect(() => {
    if (j?.state === 'succeeded' && downloaded.current !== j.id) {
      downloaded.current = j.id;
      void download(j);
    }
  });

  if (job.isError && !j)
    return <Alert type="error" showIcon message="无法读取导出进度" description={errorMessage(job.error)} />;
  if (!j || j.state === 'running') {
    const writing = j?.result?.phase === 'writing';
    const percent = writing ? 95 : j?.total ? Math.min(90, Math.floor((j.done / j.total) * 90)) : 0;
    return (
      <div style={{ padding: '16px 0' }} data-testid="report-export-progress">
        <Progress percent={percent} status="active" />
        <Typography.Text type="secondary">
          {writing ? '正在生成文件…' : `正在计算数字${j?.total ? `（${j.done} / ${j.total} 项指标）` : ''}…`}
        </Typography.Text>
      </div>
    );
  }
  if (j.state === 'failed') {
    return (
      <Result
        status="error"
        title="导出失败"
        subTitle={j.error}
        extra={
          <Space direction="vertical">
            <Button
              type="primary"
              loading={rerun.isPending}
              onClick={() => rerun.mutate()}
              data-testid="report-export-rerun"
            >
              重新运行
            </Button>
            <ActionError title="无法重新运行" error={rerun.error} style={{ margin: 0 }} />
          </Space>
        }
      />
    );
  }
  const missing = j.result?.missing ?? [];
  return (
    <div data-testid="report-export-done">
      <Result
        status="success"
        title="导出完成"
        subTitle={`${j.result?.fileName ?? ''}，共填写 ${j.result?.figures ?? 0} 个数字`}
        extra={
          <Space direction="vertical">
            <Button onClick={() => void download(j)} data-testid="report-export-download">
              再次下载
            </Button>
            {missing.length > 0 ? (
              <Alert
                type="warning"
                showIcon
                message={`${missing.length} 处无法计算，已在文中标出`}
                description={missing.map((m) => `${m.key}：${m.reason}`).join('；')}
              />
            ) : null}
          </Space>
        }
      />
    </div>
  );
}
