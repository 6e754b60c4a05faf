// 我的任务 (what my org must do, by deadline) and one assignment: its progress timeline, the responsible org's
// report (text, percent or milestone, 报完成), and the issuer's 验收 / 退回.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Progress,
  Space,
  Switch,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage, isApiError } from '../../app/api-client';
import { scopedHref, useSelectedOrgId } from '../../app/org-scope';
import { AttachmentUpload, type UploadedFile } from '../../ui/attachment-upload';
import { DownloadButton } from '../../ui/download-button';
import { applyServerFieldErrors } from '../../ui/form-errors';
import { PageHeader } from '../../ui/page-header';
import { PagedTable } from '../../ui/paged-table';
import { EmptyState, ErrorState, PageLoading } from '../../ui/query-states';
import { useUrlFilters } from '../../ui/use-url-filters';
import { AssignmentStatus } from './task-list.page';
import { type Assignment, actOnAssignment, fetchAssignment, fetchAssignments, taskKeys } from './tasks.api';

export function AssignmentListPage() {
  const orgId = useSelectedOrgId();
  const { params, page, set } = useUrlFilters();
  const overdue = params.get('overdue') === 'true' ? ('true' as const) : undefined;
  const q = { orgId: orgId ?? 0, overdue, page, pageSize: 20 };
  const query = useQuery({
    queryKey: taskKeys.assignments(q),
    queryFn: () => fetchAssignments(q),
    enabled: Boolean(orgId),
    placeholderData: keepPreviousData,
  });
  return (
    <div>
      <PageHeader
        breadcrumb={[{ title: <Link to={scopedHref('/tasks', orgId)}>清单管理</Link> }, { title: '我的任务' }]}
        title="我的任务"
        extra={
          <Space wrap>
            <Switch checked={Boolean(overdue)} onChange={(on) => set({ overdue: on ? 'true' : null, page: null })} />
            <span>只看逾期</span>
            <DownloadButton
              path="/api/task-assignments/export"
              fileName="我的任务.xlsx"
              query={{ orgId: orgId ?? undefined, overdue, sort: 'deadline' }}
              disabled={!orgId}
            />
          </Space>
        }
      />
      <Card size="small">
        <PagedTable<Assignment>
          query={query}
          columns={[
            {
              title: '推进措施',
              dataIndex: 'measureTitle',
              render: (t: string, a) => <Link to={scopedHref(`/tasks/assignments/${a.id}`, orgId)}>{t}</Link>,
            },
            { title: '责任单位', dataIndex: 'orgName' },
            { title: '完成时限', dataIndex: 'deadline', width: 110 },
            { title: '状态', render: (_, a) => <AssignmentStatus a={a} />, width: 90 },
            { title: '进度', render: (_, a) => <Progress percent={a.percent} size="small" />, width: 140 },
          ]}
          pagination={{
            current: page,
            pageSize: 20,
            onChange: (p) => set({ page: String(p) }),
          }}
          empty={<EmptyState description="暂无任务" />}
        />
      </Card>
    </div>
  );
}

interface ActValues {
  note?: string;
  percent?: number | null;
  milestone?: string;
  complete?: boolean;
}

export function AssignmentPage() {
  const id = Number(useParams().id);
  const orgId = useSelectedOrgId();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ActValues>();
  const [decision, setDecision] = useState<'accept' | 'return' | null>(null);
  const [files, setFiles] = useState<UploadedFile[]>([]);
  const [uploading, setUploading] = useState(false);
  const query = useQuery({ queryKey: taskKeys.assignment(id), queryFn: () => fetchAssignment(id) });
  const act = useMutation({
    mutationFn: ({ action, v }: { action: 'report' | 'accept' | 'return'; v: ActValues }) =>
      actOnAssignment(id, action, {
        ...v,
        version: query.data!.version,
        ...(action === 'report' ? { attachmentIds: files.map((f) => f.id) } : {}),
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(taskKeys.assignment(id), data);
      void queryClient.invalidateQueries({ queryKey: taskKeys.all });
      form.resetFields();
      setFiles([]);
      setDecision(null);
      message.success('已保存');
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'STALE_VERSION') {
        modal.warning({ title: '记录已被他人修改', content: '该任务已被他人更新，已为您加载最新内容。' });
        void query.refetch();
        return;
      }
      applyServerFieldErrors(form, e, ['note', 'percent', 'milestone']);
      message.error(errorMessage(e));
    },
  });
  const decide = (action: 'accept' | 'return') => {
    setDecision(action);
    void form.validateFields().then((v) => act.mutate({ action, v }));
  };
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const a = query.data;
  const canReport = a.canReport && (a.state === 'not_started' || a.state === 'in_progress');
  const canDecide = a.canDecide && a.state === 'submitted';
  return (
    <div>
      <PageHeader
        breadcrumb={[
          { title: <Link to={scopedHref('/tasks', orgId)}>清单管理</Link> },
          { title: <Link to={scopedHref(`/tasks/lists/${a.listId}`, orgId)}>{a.listTitle}</Link> },
          { title: a.orgName },
        ]}
        title={a.measureTitle}
        tags={<AssignmentStatus a={a} />}
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label="重点任务">{a.taskTitle}</Descriptions.Item>
          <Descriptions.Item label="具体举措">{a.measureMethod ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="责任单位">{a.orgName}</Descriptions.Item>
          <Descriptions.Item label="责任人">{a.responsiblePerson ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="完成时限">
            {a.deadline}
            {a.overdue ? <Typography.Text type="danger">（逾期{a.daysOverdue}天）</Typography.Text> : null}
          </Descriptions.Item>
          <Descriptions.Item label="进度">
            <Progress percent={a.percent} size="small" style={{ width: 160 }} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {canReport || canDecide ? (
        <Card size="small" title={canReport ? '报告进展' : '验收'} style={{ marginBottom: 12 }}>
          <Form<ActValues>
            form={form}
            layout="vertical"
            disabled={act.isPending}
            onFinish={(v) => act.mutate({ action: 'report', v })}
          >
            <Form.Item
              name="note"
              label={canReport ? '进展情况' : '验收意见（退回时必填）'}
              rules={canReport ? [{ required: true, whitespace: true, message: '请填写进展情况' }] : []}
            >
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
            </Form.Item>
            {canReport ? (
              <Space wrap>
                <Form.Item name="percent" label="完成进度（%）">
                  <InputNumber min={0} max={100} precision={0} />
                </Form.Item>
                <Form.Item name="milestone" label="节点">
                  <Input maxLength={100} placeholder="如：动员部署" />
                </Form.Item>
                <Form.Item name="complete" valuePropName="checked" label=" ">
                  <Checkbox>已全部完成，提交验收</Checkbox>
                </Form.Item>
              </Space>
            ) : null}
            {canReport ? (
              <AttachmentUpload
                entity="task_progress"
                orgId={a.orgId}
                files={files}
                setFiles={setFiles}
                setUploading={setUploading}
                extra="照片、文件扫描件等，图片、PDF、Word、Excel，每个不超过 10 MB；不要求必须上传"
              />
            ) : null}
            <Space>
              {canReport ? (
                <Button type="primary" htmlType="submit" loading={act.isPending} disabled={uploading}>
                  提交
                </Button>
              ) : (
                <>
                  <Button
                    type="primary"
                    loading={act.isPending && decision === 'accept'}
                    onClick={() => decide('accept')}
                  >
                    验收通过
                  </Button>
                  <Button danger loading={act.isPending && decision === 'return'} onClick={() => decide('return')}>
                    退回
                  </Button>
                </>
              )}
            </Space>
          </Form>
        </Card>
      ) : null}
      <Card size="small" title="进展记录">
        <Timeline
          items={a.events.map((e) => ({
            children: (
              <div>
                <Typography.Text strong>{e.actionLabel}</Typography.Text>（{e.toStateLabel}）{' '}
                <Typography.Text type="secondary">
                  {e.at.slice(0, 10)} {e.userName ?? ''}
                </Typography.Text>
                {e.note ? <div>{e.note}</div> : null}
                {e.percent !== null ? (
                  <div>
                    进度 {e.percent}%{e.milestone ? `，${e.milestone}` : ''}
                  </div>
                ) : null}
                {e.attachments.map((f) => (
                  <div key={f.id}>
                    <a href={`/api/attachments/${f.id}`} target="_blank" rel="noreferrer">
                      {f.fileName}
                    </a>
                  </div>
                ))}
              </div>
            ),
          }))}
        />
      </Card>
    </div>
  );
}
