// 书记项目 and 实事 / 急难愁盼 of the chosen subtree: the figures ("领办N件实事已完成X%"), the two lists, 立项 and
// 登记, the project's 推进 / 验收 / 评比 and a matter's 办结 with residents' satisfaction.
import {
  MATTER_KIND_LABELS,
  MATTER_KINDS,
  PROJECT_GRADE_LABELS,
  PROJECT_GRADES,
  type ProjectGrade,
  SATISFACTION_LABELS,
  SATISFACTIONS,
  type Satisfaction,
  type TMatterCreate,
  type TProjectCreate,
} from '@grassroots/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Form, Input, Modal, Row, Select, Statistic, Tabs, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../app/api-client';
import { useAuth } from '../../app/auth-context';
import { useSelectedOrgId } from '../../app/org-scope';
import { DownloadButton } from '../../ui/download-button';
import { applyServerFieldErrors } from '../../ui/form-errors';
import { PageHeader } from '../../ui/page-header';
import { PagedTable } from '../../ui/paged-table';
import { EmptyState, ErrorState } from '../../ui/query-states';
import { useUrlFilters } from '../../ui/use-url-filters';
import { orgBreadcrumbItems } from '../orgs/org-breadcrumb';
import { orgChainOf, useOrg } from '../orgs/orgs.hooks';
import {
  actOnProject,
  createMatter,
  createProject,
  fetchMatters,
  fetchProjectFigures,
  fetchProjects,
  type Matter,
  type Project,
  projectKeys,
  updateMatter,
} from './projects.api';

const thisYear = new Date().getFullYear();
type Dialog =
  | { kind: 'project' }
  | { kind: 'matter' }
  | { kind: 'accept' | 'rate'; project: Project }
  | { kind: 'done'; matter: Matter };

export function ProjectsPage() {
  const orgId = useSelectedOrgId();
  const org = useOrg(orgId);
  const auth = useAuth();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const { params, page, set } = useUrlFilters();
  const tab = params.get('tab') === 'matters' ? 'matters' : 'projects';
  const year = Number(params.get('year')) || thisYear;
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [form] = Form.useForm();
  const canWrite = org.data ? auth.canAt('tasks:write', orgChainOf(org.data)) : false;
  const q = { orgId: orgId ?? 0, year, page, pageSize: 20 };
  const figures = useQuery({
    queryKey: projectKeys.figures({ orgId, year }),
    queryFn: () => fetchProjectFigures({ orgId: orgId!, year }),
    enabled: Boolean(orgId),
  });
  const projects = useQuery({
    queryKey: projectKeys.projects(q),
    queryFn: () => fetchProjects(q),
    enabled: Boolean(orgId) && tab === 'projects',
    placeholderData: keepPreviousData,
  });
  const matters = useQuery({
    queryKey: projectKeys.matters(q),
    queryFn: () => fetchMatters(q),
    enabled: Boolean(orgId) && tab === 'matters',
    placeholderData: keepPreviousData,
  });
  const save = useMutation({
    mutationFn: async (v: Record<string, unknown>) => {
      const date = (k: string) => (v[k] as Dayjs | undefined)?.format('YYYY-MM-DD');
      if (!dialog) return;
      if (dialog.kind === 'project') {
        await createProject({
          ...(v as Omit<TProjectCreate, 'orgId' | 'year' | 'targetDate'>),
          orgId: orgId!,
          year,
          targetDate: date('targetDate')!,
        });
      } else if (dialog.kind === 'matter') {
        await createMatter({
          ...(v as Omit<TMatterCreate, 'orgId' | 'year' | 'targetDate'>),
          orgId: orgId!,
          year,
          targetDate: date('targetDate')!,
        });
      } else if (dialog.kind === 'done') {
        await updateMatter(dialog.matter.id, {
          status: 'done',
          result: v.result as string,
          doneOn: date('doneOn') ?? null,
          satisfaction: (v.satisfaction as Satisfaction | undefined) ?? null,
          version: dialog.matter.version,
        });
      } else {
        await actOnProject(dialog.project.id, dialog.kind, {
          ...(v as { result?: string; grade?: ProjectGrade }),
          version: dialog.project.version,
        });
      }
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: projectKeys.all });
      message.success('已保存');
      setDialog(null);
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'STALE_VERSION') {
        modal.warning({ title: '记录已被他人修改', content: '已为您加载最新内容，请重新操作。' });
        void queryClient.invalidateQueries({ queryKey: projectKeys.all });
        setDialog(null);
        return;
      }
      applyServerFieldErrors(form, e, [
        'title',
        'secretaryName',
        'goal',
        'targetDate',
        'kind',
        'raisedBy',
        'ownerName',
        'result',
        'grade',
        'doneOn',
        'satisfaction',
      ]);
      message.error(errorMessage(e));
    },
  });
  const start = useMutation({
    mutationFn: (p: Project) => actOnProject(p.id, 'start', { version: p.version }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: projectKeys.all }),
    onError: (e) => message.error(errorMessage(e)),
  });
  const f = figures.data;
  const pagination = { current: page, pageSize: 20, onChange: (p: number) => set({ page: String(p) }) };

  return (
    <div>
      <PageHeader
        breadcrumb={orgBreadcrumbItems(org.data, { title: '书记项目', path: '/projects' })}
        title="书记项目与为民办实事"
        extra={
          <>
            <Select
              value={year}
              onChange={(v) => set({ year: String(v), page: null })}
              options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y}年` }))}
              style={{ width: 100 }}
            />
            <DownloadButton
              path={tab === 'projects' ? '/api/secretary-projects/export' : '/api/practical-matters/export'}
              fileName={`${tab === 'projects' ? '书记项目' : '实事'}-${year}.xlsx`}
              query={{ orgId: orgId ?? undefined, year }}
              disabled={!orgId}
            />
            {canWrite ? (
              <Button type="primary" onClick={() => setDialog({ kind: tab === 'projects' ? 'project' : 'matter' })}>
                {tab === 'projects' ? '项目立项' : '登记实事'}
              </Button>
            ) : null}
          </>
        }
      />
      {figures.isError ? (
        <ErrorState error={figures.error} onRetry={() => void figures.refetch()} />
      ) : (
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          {[
            ['书记项目', f?.projects.total, ''],
            ['已验收', f ? f.projects.accepted + f.projects.rated : undefined, ''],
            ['实事', f?.matters.total, '件'],
            ['已办结', f?.matters.done, '件'],
            ['办结率', f?.matters.doneRate ?? 0, '%'],
            ['逾期未办结', f?.matters.overdue, '件'],
            ['群众满意率', f?.matters.satisfactionRate ?? 0, '%'],
          ].map(([label, value, suffix]) => (
            <Col xs={12} sm={8} md={6} lg={3} key={String(label)}>
              <Card size="small" loading={figures.isPending}>
                <Statistic title={label} value={(value as number | undefined) ?? 0} suffix={suffix} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => set({ tab: k === 'matters' ? 'matters' : null, page: null })}
          items={[
            {
              key: 'projects',
              label: '书记项目',
              children: (
                <PagedTable<Project>
                  query={projects}
                  columns={[
                    { title: '项目', dataIndex: 'title' },
                    { title: '党组织', dataIndex: 'orgName' },
                    { title: '领办书记', dataIndex: 'secretaryName', width: 90 },
                    { title: '计划完成', dataIndex: 'targetDate', width: 110 },
                    {
                      title: '阶段',
                      render: (_, p) => (
                        <Tag color={p.stage === 'rated' || p.stage === 'accepted' ? 'green' : 'blue'}>
                          {p.stageLabel}
                          {p.gradeLabel ? `·${p.gradeLabel}` : ''}
                        </Tag>
                      ),
                    },
                    { title: '领办实事', render: (_, p) => `${p.mattersDone}/${p.matters}` },
                    ...(canWrite
                      ? [
                          {
                            title: '操作',
                            key: 'a',
                            render: (_: unknown, p: Project) =>
                              p.stage === 'approved' ? (
                                <Button size="small" loading={start.isPending} onClick={() => start.mutate(p)}>
                                  开始推进
                                </Button>
                              ) : p.stage === 'in_progress' && p.orgId !== orgId ? (
                                <Button size="small" onClick={() => setDialog({ kind: 'accept', project: p })}>
                                  验收
                                </Button>
                              ) : p.stage === 'accepted' && p.orgId !== orgId ? (
                                <Button size="small" onClick={() => setDialog({ kind: 'rate', project: p })}>
                                  评比
                                </Button>
                              ) : null,
                          },
                        ]
                      : []),
                  ]}
                  pagination={pagination}
                  empty={<EmptyState description="暂无书记项目" />}
                />
              ),
            },
            {
              key: 'matters',
              label: '实事 / 急难愁盼',
              children: (
                <PagedTable<Matter>
                  query={matters}
                  columns={[
                    { title: '事项', dataIndex: 'title' },
                    { title: '类别', dataIndex: 'kindLabel', width: 110 },
                    { title: '党组织', dataIndex: 'orgName' },
                    { title: '提出', dataIndex: 'raisedBy' },
                    { title: '责任人', dataIndex: 'ownerName', width: 90 },
                    { title: '承诺时间', dataIndex: 'targetDate', width: 110 },
                    {
                      title: '状态',
                      render: (_, m) => (
                        <Tag color={m.overdue ? 'red' : m.status === 'done' ? 'green' : 'default'}>
                          {m.overdue ? '逾期' : m.statusLabel}
                        </Tag>
                      ),
                    },
                    { title: '满意度', dataIndex: 'satisfactionLabel', render: (s: string | null) => s ?? '—' },
                    ...(canWrite
                      ? [
                          {
                            title: '操作',
                            key: 'a',
                            render: (_: unknown, m: Matter) =>
                              m.status !== 'done' ? (
                                <Button size="small" onClick={() => setDialog({ kind: 'done', matter: m })}>
                                  办结
                                </Button>
                              ) : null,
                          },
                        ]
                      : []),
                  ]}
                  pagination={pagination}
                  empty={<EmptyState description="暂无实事" />}
                />
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={dialog !== null}
        title={
          dialog?.kind === 'project'
            ? '书记项目立项'
            : dialog?.kind === 'matter'
              ? '登记实事 / 急难愁盼问题'
              : dialog?.kind === 'done'
                ? `办结：${dialog.matter.title}`
                : dialog
                  ? `${dialog.kind === 'accept' ? '验收' : '评比'}：${dialog.project.title}`
                  : ''
        }
        okText="保存"
        confirmLoading={save.isPending}
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} onFinish={(v) => save.mutate(v)}>
          {dialog?.kind === 'project' ? (
            <>
              <Form.Item
                name="title"
                label="项目名称"
                rules={[{ required: true, whitespace: true, message: '请填写项目名称' }]}
              >
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="secretaryName" label="领办书记" rules={[{ required: true, message: '请填写领办书记' }]}>
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item name="goal" label="项目目标" rules={[{ required: true, message: '请填写项目目标' }]}>
                <Input.TextArea autoSize maxLength={2000} />
              </Form.Item>
              <Form.Item name="targetDate" label="计划完成时间" rules={[{ required: true, message: '请选择日期' }]}>
                <DatePicker />
              </Form.Item>
              <div>党组织：{org.data?.name}</div>
            </>
          ) : null}
          {dialog?.kind === 'matter' ? (
            <>
              <Form.Item name="kind" label="类别" initialValue="practical_matter">
                <Select options={MATTER_KINDS.map((k) => ({ value: k, label: MATTER_KIND_LABELS[k] }))} />
              </Form.Item>
              <Form.Item
                name="title"
                label="事项"
                rules={[{ required: true, whitespace: true, message: '请填写事项' }]}
              >
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item
                name="raisedBy"
                label="提出人（来源）"
                rules={[{ required: true, message: '请填写提出人或来源' }]}
              >
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="ownerName" label="责任人" rules={[{ required: true, message: '请填写责任人' }]}>
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item name="targetDate" label="承诺完成时间" rules={[{ required: true, message: '请选择日期' }]}>
                <DatePicker />
              </Form.Item>
            </>
          ) : null}
          {dialog?.kind === 'accept' ? (
            <Form.Item name="result" label="项目成效" rules={[{ required: true, message: '请填写项目成效' }]}>
              <Input.TextArea autoSize maxLength={2000} />
            </Form.Item>
          ) : null}
          {dialog?.kind === 'rate' ? (
            <Form.Item name="grade" label="评比等次" rules={[{ required: true, message: '请选择评比等次' }]}>
              <Select options={PROJECT_GRADES.map((g) => ({ value: g, label: PROJECT_GRADE_LABELS[g] }))} />
            </Form.Item>
          ) : null}
          {dialog?.kind === 'done' ? (
            <>
              <Form.Item name="result" label="办理结果" rules={[{ required: true, message: '请填写办理结果' }]}>
                <Input.TextArea autoSize maxLength={2000} />
              </Form.Item>
              <Form.Item name="doneOn" label="办结日期" rules={[{ required: true, message: '请选择办结日期' }]}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="satisfaction" label="群众满意度">
                <Select allowClear options={SATISFACTIONS.map((s) => ({ value: s, label: SATISFACTION_LABELS[s] }))} />
              </Form.Item>
            </>
          ) : null}
        </Form>
      </Modal>
    </div>
  );
}
