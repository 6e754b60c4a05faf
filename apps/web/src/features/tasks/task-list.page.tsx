// One list: key tasks → measures (the four fixes) → each responsible org's assignment with its progress; the issuing
// side adds tasks and measures and assigns them to orgs below it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Progress,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../app/api-client';
import { scopedHref, useSelectedOrgId } from '../../app/org-scope';
import { DownloadButton } from '../../ui/download-button';
import { applyServerFieldErrors } from '../../ui/form-errors';
import { PageHeader } from '../../ui/page-header';
import { ErrorState, PageLoading } from '../../ui/query-states';
import { useOrgChildren } from '../orgs/orgs.hooks';
import { RateBar } from './task-lists.page';
import { type Assignment, addMeasure, addTask, fetchTaskList, type Measure, taskKeys } from './tasks.api';

export function AssignmentStatus({ a }: { a: Pick<Assignment, 'overdue' | 'statusLabel' | 'state'> }) {
  const color = a.overdue ? 'red' : a.state === 'completed' ? 'green' : a.state === 'submitted' ? 'blue' : 'default';
  return <Tag color={color}>{a.statusLabel}</Tag>;
}

interface MeasureValues {
  taskId: number;
  title: string;
  method?: string;
  deadline: Dayjs;
  responsiblePerson?: string;
  orgIds: number[];
}

export function TaskListPage() {
  const id = Number(useParams().id);
  const orgId = useSelectedOrgId();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState<'task' | 'measure' | null>(null);
  const [form] = Form.useForm();
  const list = useQuery({ queryKey: taskKeys.list(id), queryFn: () => fetchTaskList(id) });
  const children = useOrgChildren(list.data?.canEdit ? list.data.orgId : null);
  const save = useMutation({
    mutationFn: (v: { title: string } | MeasureValues) =>
      adding === 'task'
        ? addTask(id, v.title)
        : addMeasure(id, {
            ...(v as MeasureValues),
            deadline: (v as MeasureValues).deadline.format('YYYY-MM-DD'),
          }),
    onSuccess: (data) => {
      queryClient.setQueryData(taskKeys.list(id), data);
      void queryClient.invalidateQueries({ queryKey: taskKeys.all });
      message.success('已保存');
      setAdding(null);
    },
    onError: (e) => {
      applyServerFieldErrors(form, e, ['title', 'taskId', 'method', 'deadline', 'responsiblePerson', 'orgIds']);
      message.error(errorMessage(e));
    },
  });
  if (list.isPending) return <PageLoading />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const l = list.data;
  const measureColumns = [
    {
      title: '推进措施',
      dataIndex: 'title',
      render: (t: string, m: Measure) => (
        <span>
          {t}
          {m.method ? <Typography.Text type="secondary">（{m.method}）</Typography.Text> : null}
        </span>
      ),
    },
    { title: '完成时限', dataIndex: 'deadline', width: 110 },
    { title: '责任人', dataIndex: 'responsiblePerson', width: 90 },
    {
      title: '进度',
      width: 140,
      // The measure's progress: the mean of its assignments' percents (an accepted one counts 100).
      render: (_: unknown, m: Measure) =>
        m.assignments.length === 0 ? (
          '—'
        ) : (
          <Progress
            size="small"
            percent={Math.round(
              m.assignments.reduce((s, a) => s + (a.state === 'completed' ? 100 : a.percent), 0) / m.assignments.length,
            )}
            status={m.assignments.some((a) => a.overdue) ? 'exception' : undefined}
          />
        ),
    },
  ];
  return (
    <div>
      <PageHeader
        breadcrumb={[{ title: <Link to={scopedHref('/tasks', orgId)}>清单管理</Link> }, { title: l.title }]}
        title={l.title}
        tags={<Tag>{l.sectorLabel}</Tag>}
        extra={
          <>
            <DownloadButton path={`/api/task-lists/${l.id}/export`} fileName={`${l.title}.xlsx`} />
            {l.canEdit ? (
              <>
                <Button onClick={() => setAdding('task')}>新增重点任务</Button>
                <Button type="primary" disabled={l.tasks.length === 0} onClick={() => setAdding('measure')}>
                  新增推进措施
                </Button>
              </>
            ) : null}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap size="large">
          <span>下达单位：{l.orgName}</span>
          <span>任务 {l.figures.assignments}</span>
          <span>已完成 {l.figures.completed}</span>
          <span>待验收 {l.figures.submitted}</span>
          <Typography.Text type={l.figures.overdue ? 'danger' : undefined}>逾期 {l.figures.overdue}</Typography.Text>
          <RateBar f={l.figures} />
        </Space>
      </Card>
      {l.tasks.map((t) => (
        <Card key={t.id} size="small" title={`${t.seq}. ${t.title}`} style={{ marginBottom: 12 }}>
          <Table<Measure>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={t.measures}
            scroll={{ x: 'max-content' }}
            columns={measureColumns}
            expandable={{
              defaultExpandAllRows: t.measures.length <= 3,
              expandedRowRender: (m) => (
                <Table<Assignment>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={m.assignments}
                  columns={[
                    {
                      title: '责任单位',
                      dataIndex: 'orgName',
                      render: (n: string, a) => <Link to={scopedHref(`/tasks/assignments/${a.id}`, orgId)}>{n}</Link>,
                    },
                    { title: '状态', render: (_, a) => <AssignmentStatus a={a} />, width: 90 },
                    { title: '进度', render: (_, a) => <Progress percent={a.percent} size="small" />, width: 140 },
                    { title: '最新进展', dataIndex: 'lastNote', render: (n: string | null) => n ?? '—' },
                  ]}
                />
              ),
            }}
          />
        </Card>
      ))}
      <Modal
        open={adding !== null}
        title={adding === 'task' ? '新增重点任务' : '新增推进措施（定任务、定措施、定时限、定单位）'}
        okText="保存"
        confirmLoading={save.isPending}
        onCancel={() => setAdding(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} onFinish={(v) => save.mutate(v)}>
          {adding === 'measure' ? (
            <Form.Item name="taskId" label="重点任务" rules={[{ required: true, message: '请选择重点任务' }]}>
              <Select options={l.tasks.map((t) => ({ value: t.id, label: t.title }))} />
            </Form.Item>
          ) : null}
          <Form.Item
            name="title"
            label={adding === 'task' ? '重点任务' : '推进措施（做什么）'}
            rules={[{ required: true, whitespace: true, message: '请填写' }]}
          >
            <Input.TextArea autoSize maxLength={adding === 'task' ? 200 : 500} />
          </Form.Item>
          {adding === 'measure' ? (
            <>
              <Form.Item name="method" label="具体举措（怎么做）">
                <Input.TextArea autoSize maxLength={2000} />
              </Form.Item>
              <Form.Item name="deadline" label="完成时限" rules={[{ required: true, message: '请选择完成时限' }]}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="responsiblePerson" label="责任人">
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item name="orgIds" label="责任单位" rules={[{ required: true, message: '请至少选择一个责任单位' }]}>
                <Select
                  mode="multiple"
                  loading={children.isPending}
                  options={(children.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
                  placeholder="下级组织（可多选，每个单位单独跟踪）"
                />
              </Form.Item>
              <Button
                size="small"
                onClick={() =>
                  form.setFieldValue(
                    'orgIds',
                    (children.data?.items ?? []).map((o) => o.id),
                  )
                }
              >
                全部下级组织
              </Button>
            </>
          ) : null}
        </Form>
      </Modal>
    </div>
  );
}
