// 导入: choose an .xlsx, upload it, follow the job's progress; then either every error (行/列/原因) with the annotated
// file to download, or what was created, updated and left unchanged. Nothing is written unless every row is right.
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Progress, Result, Space, Statistic, Table, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { apiDownload, errorMessage } from '../../app/api-client';
import { ActionError } from '../../ui/action-error';
import { fetchJob, type Job, jobKeys, type RowError, startImport } from './jobs.api';

const MAX_MB = 50;

export function ImportJobModal({
  open,
  title,
  importUrl,
  templateUrl,
  templateName,
  onClose,
  onSucceeded,
}: {
  open: boolean;
  title: string;
  importUrl: string;
  templateUrl: string;
  templateName: string;
  onClose: () => void;
  onSucceeded: () => void;
}) {
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [jobId, setJobId] = useState<number | null>(null);
  const notified = useRef<number | null>(null);

  const upload = useMutation({
    mutationFn: (f: File) => startImport(importUrl, f),
    onSuccess: (job) => setJobId(job.id),
  });
  const job = useQuery({
    queryKey: jobKeys.job(jobId ?? 0),
    queryFn: () => fetchJob(jobId!),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data?.state === 'running' || !q.state.data ? 500 : false),
  });
  const j = job.data;

  useEffect(() => {
    if (j?.state === 'succeeded' && notified.current !== j.id) {
      notified.current = j.id;
      onSucceeded();
    }
  }, [j, onSucceeded]);

  useEffect(() => {
    if (open) {
      setFile(null);
      setFileProblem(null);
      setJobId(null);
      upload.reset();
    }
  }, [open, upload.reset]);

  const restart = () => {
    setFile(null);
    setJobId(null);
    upload.reset();
  };
  const running = upload.isPending || j?.state === 'running' || (jobId !== null && !j && !job.isError);
  const download = (url: string, name: string) =>
    apiDownload(url, name).catch((e: unknown) => message.error(errorMessage(e)));

  let body: React.ReactNode;
  if (jobId === null) {
    body = (
      <>
        <Typography.Paragraph type="secondary">
          请使用导入模板填写（
          <Typography.Link onClick={() => void download(templateUrl, templateName)} data-testid="import-template-link">
            下载导入模板
          </Typography.Link>
          ）。系统先检查全部行，只要有一处错误就不写入任何数据，并列出每处错误；全部正确才一次写入。重复导入同一文件不会重复新增。
        </Typography.Paragraph>
        <Upload.Dragger
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          maxCount={1}
          showUploadList={false}
          beforeUpload={(f) => {
            if (!/\.xlsx$/i.test(f.name))
              setFileProblem('只能导入 .xlsx 格式的 Excel 文件；.xls、.csv 请先在 Excel 中另存为 .xlsx');
            else if (f.size > MAX_MB * 1024 * 1024) setFileProblem(`文件不能超过 ${MAX_MB} MB，请分成几个文件导入`);
            else {
              setFileProblem(null);
              setFile(f);
            }
            return false;
          }}
          data-testid="import-file"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{file ? file.name : '点击或拖动 .xlsx 文件到此处'}</p>
          <p className="ant-upload-hint">
            {file ? `${(file.size / 1024).toFixed(0)} KB，点击“开始导入”` : `单个文件不超过 ${MAX_MB} MB`}
          </p>
        </Upload.Dragger>
        {fileProblem ? <Alert type="warning" showIcon message={fileProblem} style={{ marginTop: 12 }} /> : null}
        <ActionError title="上传失败" error={upload.error} style={{ marginTop: 12 }} />
      </>
    );
  } else if (!j && job.isError) {
    body = (
      <Alert
        type="error"
        showIcon
        message="无法读取导入进度"
        description={errorMessage(job.error)}
        action={
          <Button size="small" onClick={() => void job.refetch()}>
            重试
          </Button>
        }
      />
    );
  } else if (!j || j.state === 'running') {
    body = <JobProgress job={j} />;
  } else if (j.state === 'succeeded') {
    body = (
      <Result
        status="success"
        title="导入完成"
        subTitle={`共 ${j.result?.rows ?? 0} 行，已写入`}
        extra={
          <Space size={32} data-testid="import-summary">
            <Statistic title="新增" value={j.result?.created ?? 0} />
            <Statistic title="更新" value={j.result?.updated ?? 0} />
            <Statistic title="未变化" value={j.result?.unchanged ?? 0} />
          </Space>
        }
      />
    );
  } else {
    const errors = j.result?.errors ?? [];
    const count = j.result?.errorCount ?? 0;
    body = (
      <>
        <Alert type="error" showIcon message="未导入任何数据" description={j.error} data-testid="import-failed" />
        {errors.length > 0 ? (
          <>
            <Space style={{ margin: '12px 0', justifyContent: 'space-between', width: '100%' }} wrap>
              <Typography.Text>
                共 {count} 处错误{count > errors.length ? `，下表列出前 ${errors.length} 处，全部错误见标注文件` : ''}
              </Typography.Text>
              <Button
                icon={<DownloadOutlined />}
                onClick={() => void download(`/api/jobs/${j.id}/errors.xlsx`, '导入错误标注.xlsx')}
                data-testid="import-errors-download"
              >
                下载标注错误的文件
              </Button>
            </Space>
            <Table<RowError>
              size="small"
              rowKey={(e) => `${e.row}-${e.column}`}
              dataSource={errors}
              pagination={errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
              onRow={() => ({ 'data-testid': 'import-error-row' }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: '行', dataIndex: 'row', width: 70 },
                { title: '列', dataIndex: 'column', width: 120 },
                { title: '原因', dataIndex: 'reason' },
              ]}
            />
          </>
        ) : null}
      </>
    );
  }

  const finished = j && j.state !== 'running';
  return (
    <Modal
      open={open}
      title={title}
      width={720}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
      footer={
        finished ? (
          <Space>
            {j.state === 'failed' ? <Button onClick={restart}>重新选择文件</Button> : null}
            <Button type="primary" onClick={onClose} data-testid="import-close">
              完成
            </Button>
          </Space>
        ) : (
          <Space>
            <Button onClick={onClose}>{running ? '后台继续' : '取消'}</Button>
            <Button
              type="primary"
              disabled={!file || running}
              loading={running}
              onClick={() => file && upload.mutate(file)}
              data-testid="import-start"
            >
              开始导入
            </Button>
          </Space>
        )
      }
    >
      {body}
    </Modal>
  );
}

function JobProgress({ job }: { job: Job | undefined }) {
  const writing = job?.result?.phase === 'writing';
  const total = job?.total ?? null;
  const done = job?.done ?? 0;
  const percent = writing ? 100 : total ? Math.min(99, Math.floor((done / total) * 100)) : 0;
  return (
    <div style={{ padding: '24px 0' }} data-testid="import-progress">
      <Progress percent={percent} status="active" showInfo={Boolean(total) || writing} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {!job
          ? '正在上传…'
          : writing
            ? '检查通过，正在写入数据…'
            : `正在检查第 ${done.toLocaleString('zh-CN')} 行${total ? ` / 共 ${total.toLocaleString('zh-CN')} 行` : ''}…`}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        可以关闭此窗口，导入在后台继续；写入前会检查全部行。
      </Typography.Paragraph>
    </div>
  );
}
