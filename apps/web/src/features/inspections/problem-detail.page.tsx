// One problem found in an inspection: what, where, by when, its rectification timeline with the evidence, and the
// actions the server allows this user now (start and submit by the rectifying side; accept or return — with the
// reason — by the level above).
import { PROBLEM_ACTION_LABELS, type ProblemAction } from '@grassroots/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { errorMessage, isApiError } from '../../app/api-client';
import { useSelectedOrgId } from '../../app/org-scope';
import { AttachmentUpload, attachmentUrl, type UploadedFile } from '../../ui/attachment-upload';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { ErrorState, PageLoading } from '../../ui/query-states';
import { orgBreadcrumbItems } from '../orgs/org-breadcrumb';
import { orgKeys } from '../orgs/orgs.api';
import { useOrg } from '../orgs/orgs.hooks';
import { actOnProblem, fetchProblem, inspectionKeys } from './inspections.api';
import { STATE_COLORS } from './problems.page';

function FileLinks({ files }: { files: UploadedFile[] }) {
  if (files.length === 0) return null;
  return (
    <Space wrap size={8}>
      {files.map((f) => (
        <a key={f.id} href={attachmentUrl(f.id)} target="_blank" rel="noreferrer">
          {f.fileName}
        </a>
      ))}
    </Space>
  );
}

export function ProblemDetailPage() {
  const id = Number(useParams().id);
  const org = useOrg(useSelectedOrgId());
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [acting, setActing] = useState<ProblemAction | null>(null);
  const [reason, setReason] = useState('');
  const [evidence, setEvidence] = useState('');
  const [files, setFiles] = useState<UploadedFile[]>([]);
  const [uploading, setUploading] = useState(false);
  const query = useQuery({ queryKey: inspectionKeys.problem(id), queryFn: () => fetchProblem(id) });
  const close = () => {
    setActing(null);
    setReason('');
    setEvidence('');
    setFiles([]);
  };
  const act = useMutation({
    mutationFn: (a: ProblemAction) =>
      actOnProblem(id, a, {
        version: query.data!.version,
        reason: reason.trim() || null,
        ...(evidence.trim() ? { evidence: evidence.trim() } : {}),
        attachmentIds: files.map((f) => f.id),
      }),
    onSuccess: (saved, a) => {
      queryClient.setQueryData(inspectionKeys.problem(id), saved);
      void queryClient.invalidateQueries({ queryKey: inspectionKeys.all });
      void queryClient.invalidateQueries({ queryKey: orgKeys.all });
      message.success(`已${PROBLEM_ACTION_LABELS[a]}`);
      close();
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'STALE_VERSION') {
        message.warning('记录已被他人修改，已加载最新内容');
        close();
        void query.refetch();
      }
    },
  });

  if (query.isPending) return <PageLoading rows={8} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const p = query.data;
  const fields = isApiError(act.error) ? (act.error.fields ?? {}) : {};
  const missing =
    (acting === 'return' && reason.trim() === '') ||
    (acting === 'submit' && evidence.trim() === '' && files.length === 0);

  return (
    <div>
      <PageHeader
        breadcrumb={orgBreadcrumbItems(org.data, { title: '督导整改', path: '/inspections' })}
        title={`${p.orgName} · ${p.categoryLabel}`}
        tags={
          <Space size={4}>
            <Tag color={STATE_COLORS[p.state]} data-testid="problem-state">
              {p.stateLabel}
            </Tag>
            {p.overdue ? <Tag color="red">已逾期</Tag> : null}
          </Space>
        }
        extra={p.actions.map((a) => (
          <Button
            key={a}
            type={a === 'return' ? 'default' : 'primary'}
            danger={a === 'return'}
            onClick={() => setActing(a)}
            data-testid={`problem-${a}`}
          >
            {PROBLEM_ACTION_LABELS[a]}
          </Button>
        ))}
      />
      <Card size="small" title="问题" style={{ marginBottom: 16 }}>
        <Descriptions
          column={1}
          size="small"
          styles={{ label: { width: 110, color: 'rgba(0,0,0,0.55)' } }}
          items={[
            { key: 'round', label: '检查轮次', children: p.roundTitle },
            {
              key: 'desc',
              label: '问题描述',
              children: <span style={{ whiteSpace: 'pre-wrap' }}>{p.description}</span>,
            },
            { key: 'severity', label: '严重程度', children: p.severityLabel },
            { key: 'person', label: '整改责任人', children: p.responsiblePerson },
            { key: 'found', label: '发现日期', children: p.foundOn },
            { key: 'deadline', label: '整改期限', children: p.deadline },
            ...(p.attachments.length > 0
              ? [{ key: 'files', label: '检查佐证', children: <FileLinks files={p.attachments} /> }]
              : []),
            ...(p.closedAt ? [{ key: 'closed', label: '销号时间', children: formatDateTime(p.closedAt) }] : []),
          ]}
        />
      </Card>
      <Card size="small" title="整改经过">
        <Timeline
          items={p.events.map((e) => ({
            key: e.id,
            children: (
              <span>
                <Typography.Text strong>{e.actionLabel}</Typography.Text> → {e.toStateLabel} · {e.userName} ·{' '}
                {formatDateTime(e.at)}
                {e.reason ? <div style={{ color: 'rgba(0,0,0,0.65)' }}>原因：{e.reason}</div> : null}
                {e.evidence ? <div style={{ color: 'rgba(0,0,0,0.65)' }}>整改材料：{e.evidence}</div> : null}
                <FileLinks files={e.attachments} />
              </span>
            ),
          }))}
        />
      </Card>
      <Modal
        open={acting !== null}
        title={acting ? PROBLEM_ACTION_LABELS[acting] : ''}
        okText="确定"
        cancelText="取消"
        confirmLoading={act.isPending}
        okButtonProps={
          {
            disabled: missing || uploading,
            danger: acting === 'return',
            'data-testid': 'problem-action-ok',
          } as ButtonProps
        }
        onOk={() => acting && !act.isPending && act.mutate(acting)}
        onCancel={close}
        destroyOnHidden
      >
        {act.isError && !(isApiError(act.error) && act.error.code === 'STALE_VERSION') ? (
          <Alert type="error" showIcon message={errorMessage(act.error)} style={{ marginBottom: 12 }} />
        ) : null}
        <Form layout="vertical">
          {acting === 'submit' ? (
            <>
              <Form.Item
                label="整改材料（文字说明或附件，至少一项）"
                validateStatus={fields.evidence ? 'error' : undefined}
                help={fields.evidence}
              >
                <Input.TextArea
                  rows={3}
                  maxLength={2000}
                  value={evidence}
                  onChange={(e) => setEvidence(e.target.value)}
                  placeholder="整改了什么、怎么整改的"
                  data-testid="problem-evidence"
                />
              </Form.Item>
              <AttachmentUpload
                entity="rectification"
                orgId={p.orgId}
                files={files}
                setFiles={setFiles}
                setUploading={setUploading}
                extra="整改前后照片、会议记录、制度文件等"
              />
            </>
          ) : null}
          <Form.Item
            label={acting === 'return' ? '退回原因（必填）' : '说明（选填）'}
            validateStatus={fields.reason ? 'error' : undefined}
            help={fields.reason}
          >
            <Input.TextArea rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
