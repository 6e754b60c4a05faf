// 清单管理 of the chosen org: roll-up cards and the per-org table, the task lists (issued here or with assignments
// here) with their progress, a new list, and a whole list imported from Excel.
import { SECTOR_LABELS, SECTORS, type Sector } from '@grassroots/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, Input, InputNumber, Modal, Progress, Row, Select, Statistic, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../app/api-client';
import { useAuth } from '../../app/auth-context';
import { scopedHref, useSelectedOrgId } from '../../app/org-scope';
import { applyServerFieldErrors } from '../../ui/form-errors';
import { PageHeader } from '../../ui/page-header';
import { PagedTable } from '../../ui/paged-table';
import { EmptyState, ErrorState } from '../../ui/query-states';
import { useUrlFilters } from '../../ui/use-url-filters';
import { ImportJobModal } from '../jobs/import-job.modal';
import { orgBreadcrumbItems } from '../orgs/org-breadcrumb';
import { orgChainOf, useOrg } from '../orgs/orgs.hooks';
import { createTaskList, type Figures, fetchTaskLists, fetchTaskStats, type TaskList, taskKeys } from './tasks.api';

const thisYear = new Date().getFullYear();

export function RateBar({ f }: { f: Figures }) {
  return (
    <Progress
      percent={f.completionRate ?? 0}
      size="small"
      status={f.overdue > 0 ? 'exception' : undefined}
      format={(p) => `${p}%`}
      style={{ minWidth: 120 }}
    />
  );
}

interface ListFormValues {
  title: string;
  year: number;
  sector: Sector;
}

export function TaskListsPage() {
  const orgId = useSelectedOrgId();
  const org = useOrg(orgId);
  const auth = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { params, page, set } = useUrlFilters();
  const year = Number(params.get('year')) || thisYear;
  const [creating, setCreating] = useState<'new' | 'import' | null>(null);
  const [importing, setImporting] = useState<ListFormValues | null>(null);
  const [form] = Form.useForm<ListFormValues>();
  const canWrite = org.data ? auth.canAt('tasks:write', orgChainOf(org.data)) : false;

  const stats = useQuery({
    queryKey: taskKeys.stats({ orgId, year }),
    queryFn: () => fetchTaskStats({ orgId: orgId!, year }),
    enabled: Boolean(orgId),
  });
  const lists = useQuery({
    queryKey: taskKeys.lists({ orgId, year, page }),
    queryFn: () => fetchTaskLists({ orgId: orgId!, year, page, pageSize: 20 }),
    enabled: Boolean(orgId),
    placeholderData: keepPreviousData,
  });
  const create = useMutation({
    mutationFn: (v: ListFormValues) => createTaskList({ ...v, orgId: orgId! }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: taskKeys.all });
      message.success('已新建清单');
      setCreating(null);
    },
    onError: (e) => {
      applyServerFieldErrors(form, e, ['title', 'year', 'sector']);
      message.error(errorMessage(e));
    },
  });
  const s = stats.data;

  return (
    <div>
      <PageHeader
        breadcrumb={orgBreadcrumbItems(org.data, { title: '清单管理', path: '/tasks' })}
        title="清单管理"
        extra={
          <>
            <Select
              value={year}
              onChange={(v) => set({ year: String(v) })}
              options={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y}年` }))}
              style={{ width: 100 }}
            />
            <Link to={scopedHref('/tasks/assignments', orgId)}>
              <Button>我的任务</Button>
            </Link>
            {canWrite ? (
              <>
                <Button onClick={() => setCreating('import')}>导入清单</Button>
                <Button type="primary" onClick={() => setCreating('new')} data-testid="task-list-create">
                  新建清单
                </Button>
              </>
            ) : null}
          </>
        }
      />
      {stats.isError ? (
        <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />
      ) : (
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          {[
            ['重点任务', s?.tasks],
            ['推进措施', s?.measures],
            ['责任单位任务', s?.assignments],
            ['已完成', s?.completed],
            ['待验收', s?.submitted],
            ['推进中', s ? s.inProgress + s.notStarted : undefined],
            ['逾期', s?.overdue],
          ].map(([label, value]) => (
            <Col xs={12} sm={8} md={6} lg={3} key={String(label)}>
              <Card size="small" loading={stats.isPending}>
                <Statistic
                  title={label}
                  value={(value as number | undefined) ?? 0}
                  valueStyle={label === '逾期' && Number(value) > 0 ? { color: '#cf1322' } : undefined}
                />
              </Card>
            </Col>
          ))}
          <Col xs={24} sm={16} md={12} lg={3}>
            <Card size="small" loading={stats.isPending}>
              <Statistic title="完成率" value={s?.completionRate ?? 0} suffix="%" precision={1} />
            </Card>
          </Col>
        </Row>
      )}
      <Card size="small" title={`${year}年任务清单`} style={{ marginBottom: 12 }}>
        <PagedTable<TaskList>
          query={lists}
          columns={[
            {
              title: '清单',
              dataIndex: 'title',
              render: (t: string, l) => <Link to={scopedHref(`/tasks/lists/${l.id}`, orgId)}>{t}</Link>,
            },
            { title: '领域', dataIndex: 'sectorLabel', width: 90 },
            { title: '下达单位', dataIndex: 'orgName' },
            { title: '任务数', render: (_, l) => l.figures.assignments, width: 80, align: 'right' },
            { title: '逾期', render: (_, l) => l.figures.overdue, width: 70, align: 'right' },
            { title: '完成率', render: (_, l) => <RateBar f={l.figures} />, width: 160 },
          ]}
          pagination={{
            current: page,
            pageSize: 20,
            onChange: (p) => set({ page: String(p) }),
          }}
          empty={<EmptyState description="暂无任务清单" />}
        />
      </Card>
      {s && s.byOrg.length > 0 ? (
        <Card size="small" title="各责任单位完成情况">
          <Table
            rowKey="orgId"
            size="small"
            dataSource={s.byOrg}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: '责任单位', dataIndex: 'orgName' },
              { title: '任务', dataIndex: 'assignments', align: 'right' },
              { title: '已完成', dataIndex: 'completed', align: 'right' },
              { title: '待验收', dataIndex: 'submitted', align: 'right' },
              { title: '逾期', dataIndex: 'overdue', align: 'right' },
              { title: '完成率', render: (_, f: Figures) => <RateBar f={f} />, width: 160 },
            ]}
          />
        </Card>
      ) : null}
      <Modal
        open={creating !== null}
        title={creating === 'import' ? '导入任务清单：先填写清单信息' : '新建任务清单'}
        okText={creating === 'import' ? '下一步：选择文件' : '保存'}
        confirmLoading={create.isPending}
        onCancel={() => setCreating(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form<ListFormValues>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ year, sector: 'rural', title: `${year}年基层党建重点任务清单` }}
          onFinish={(v) => {
            if (creating === 'import') {
              setImporting(v);
              setCreating(null);
            } else create.mutate(v);
          }}
        >
          <Form.Item
            name="title"
            label="清单名称"
            rules={[{ required: true, whitespace: true, message: '请填写清单名称' }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
            <InputNumber min={2000} max={2100} precision={0} />
          </Form.Item>
          <Form.Item name="sector" label="领域" rules={[{ required: true, message: '请选择领域' }]}>
            <Select options={SECTORS.map((x) => ({ value: x, label: SECTOR_LABELS[x] }))} />
          </Form.Item>
          <div>下达单位：{org.data?.name}</div>
        </Form>
      </Modal>
      {importing && orgId ? (
        <ImportJobModal
          open
          title={`导入任务清单：${importing.title}`}
          importUrl={`/api/task-lists/import?${new URLSearchParams({
            orgId: String(orgId),
            year: String(importing.year),
            sector: importing.sector,
            title: importing.title,
          }).toString()}`}
          templateUrl="/api/task-lists/import-template"
          templateName="任务清单导入模板.xlsx"
          onClose={() => setImporting(null)}
          onSucceeded={() => void queryClient.invalidateQueries({ queryKey: taskKeys.all })}
        />
      ) : null}
    </div>
  );
}
