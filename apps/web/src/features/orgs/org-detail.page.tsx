// 组织概况: the chosen org's record, warnings, figures for its subtree and its children.
import {
  ApartmentOutlined,
  DeleteOutlined,
  DownOutlined,
  EditOutlined,
  PlusOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Dropdown,
  Row,
  Space,
  Statistic,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth-context';
import { scopedHref, useSelectedOrgId, useSelectOrg } from '../../app/org-scope';
import { formatDateTime, orDash } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { EmptyState, ErrorState, PageLoading } from '../../ui/query-states';
import { useIsPhone } from '../../ui/use-is-mobile';
import { ElectionFormDrawer } from '../elections/election-form.drawer';
import { LedgerButtons } from '../jobs/ledger-buttons';
import { memberKeys } from '../members/members.api';
import { orgBreadcrumbItems } from './org-breadcrumb';
import { OrgFormDrawer } from './org-form.drawer';
import { OrgCloseModal, OrgMoveModal } from './org-move-close.modals';
import { MemberBreakdownCards } from './org-stats.component';
import { OrgWarningTags } from './org-warning-tags';
import { type OrgDetail, type OrgNode, orgKeys } from './orgs.api';
import { orgChainOf, useOrg, useOrgChildren, useOrgStats } from './orgs.hooks';

function TermText({ org }: { org: OrgDetail }) {
  if (!org.termStart || !org.termYears) return <>—</>;
  const overdue = org.warnings.some((w) => w.kind === 'term_overdue');
  const ending = org.warnings.some((w) => w.kind === 'term_ending');
  return (
    <Space size={4} wrap>
      <span>
        {org.termStart} 至 {org.termEnd}（{org.termYears}年）
      </span>
      {overdue ? (
        <Tag color="red">到期未换届</Tag>
      ) : ending ? (
        <Tag color="gold">即将届满</Tag>
      ) : (
        <Tag color="green">任期内</Tag>
      )}
    </Space>
  );
}

type Dialog = 'edit' | 'create' | 'move' | 'close' | 'election' | null;

export function OrgDetailPage() {
  const orgId = useSelectedOrgId();
  const selectOrg = useSelectOrg();
  const auth = useAuth();
  const phone = useIsPhone();
  const org = useOrg(orgId);
  const stats = useOrgStats(orgId);
  const [includeClosed, setIncludeClosed] = useState(false);
  const children = useOrgChildren(orgId, includeClosed);
  const [dialog, setDialog] = useState<Dialog>(null);
  const queryClient = useQueryClient();

  if (!orgId || org.isPending) return <PageLoading rows={10} />;
  if (org.isError) return <ErrorState error={org.error} onRetry={() => void org.refetch()} />;
  const o = org.data;
  const chain = orgChainOf(o);
  const canWrite = auth.canAt('orgs:write', chain) && o.closedAt === null;
  const isRoot = o.parentId === null;

  const actions = canWrite ? (
    <>
      <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="org-edit">
        编辑
      </Button>
      {o.kind !== 'group' ? (
        <Button icon={<PlusOutlined />} onClick={() => setDialog('create')}>
          新建下级组织
        </Button>
      ) : null}
      {o.kind !== 'group' ? (
        <Button onClick={() => setDialog('election')} data-testid="org-election">
          换届选举
        </Button>
      ) : null}
      {!isRoot ? (
        <Dropdown
          menu={{
            items: [
              { key: 'move', icon: <ApartmentOutlined />, label: '调整隶属关系', onClick: () => setDialog('move') },
              {
                key: 'close',
                icon: <DeleteOutlined />,
                label: '撤销组织',
                danger: true,
                onClick: () => setDialog('close'),
              },
            ],
          }}
        >
          <Button>
            更多 <DownOutlined />
          </Button>
        </Dropdown>
      ) : null}
    </>
  ) : null;

  const s = stats.data;
  const figures = [
    { title: '党员总数', value: o.memberCount, suffix: '名', link: scopedHref('/members', o.id) },
    {
      title: '正式党员',
      value: o.fullMemberCount,
      suffix: '名',
      link: scopedHref('/members', o.id, { status: 'full' }),
    },
    {
      title: '预备党员',
      value: o.memberCount - o.fullMemberCount,
      suffix: '名',
      link: scopedHref('/members', o.id, { status: 'probationary' }),
    },
    { title: '直属下级组织', value: o.childCount, suffix: '个' },
    { title: '组织总数（含本级）', value: s?.orgs.total ?? '—', suffix: s ? '个' : '' },
  ];

  const childColumns = [
    {
      title: '组织名称',
      dataIndex: 'name',
      render: (_: string, c: OrgNode) => (
        <Space size={4} wrap>
          <Typography.Link onClick={() => selectOrg(c.id)}>{c.name}</Typography.Link>
          {c.closedAt ? <Tag>已撤销</Tag> : null}
        </Space>
      ),
    },
    { title: '类别', dataIndex: 'kindLabel', width: 100, responsive: ['md' as const] },
    { title: '领域', dataIndex: 'sectorLabel', width: 100, responsive: ['lg' as const] },
    { title: '书记', dataIndex: 'secretaryName', width: 90, render: orDash, responsive: ['md' as const] },
    {
      title: '党员',
      dataIndex: 'memberCount',
      width: 80,
      align: 'right' as const,
      sorter: (a: OrgNode, b: OrgNode) => a.memberCount - b.memberCount,
    },
    {
      title: '正式',
      dataIndex: 'fullMemberCount',
      width: 70,
      align: 'right' as const,
      responsive: ['sm' as const],
    },
    { title: '下级', dataIndex: 'childCount', width: 60, align: 'right' as const, responsive: ['lg' as const] },
    {
      title: '预警',
      key: 'warnings',
      render: (_: unknown, c: OrgNode) => <OrgWarningTags warnings={c.warnings} />,
    },
  ];

  return (
    <div>
      <PageHeader
        breadcrumb={orgBreadcrumbItems(o)}
        title={o.name}
        tags={
          <Space size={4}>
            <Tag color="red">{o.kindLabel}</Tag>
            <Tag>{o.sectorLabel}</Tag>
            {o.closedAt ? <Tag color="default">已撤销</Tag> : null}
          </Space>
        }
        extra={
          <>
            {actions}
            <LedgerButtons
              what="组织"
              canImport={canWrite}
              importUrl="/api/orgs/import"
              templateUrl="/api/orgs/import-template"
              exportUrl={`/api/orgs/${o.id}/export`}
              compact={phone}
              onImported={() => {
                void queryClient.invalidateQueries({ queryKey: orgKeys.all });
                void queryClient.invalidateQueries({ queryKey: memberKeys.all });
              }}
            />
          </>
        }
      />

      {o.closedAt ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={`该组织已于 ${formatDateTime(o.closedAt)} 撤销`}
          description={o.closedReason ? `撤销原因：${o.closedReason}` : undefined}
        />
      ) : null}
      {o.warnings.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={`本组织有 ${o.warnings.length} 项预警`}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {o.warnings.map((w) => (
                <li key={w.kind}>{w.message}</li>
              ))}
            </ul>
          }
          action={
            <Link to={scopedHref('/orgs/warnings', o.id)}>
              <Button size="small">查看下级预警</Button>
            </Link>
          }
        />
      ) : null}

      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {figures.map((f) => (
          <Col key={f.title} xs={12} sm={8} flex={phone ? undefined : '1 1 0'}>
            <Card size="small" className="stat-card" hoverable={Boolean(f.link)}>
              {f.link ? (
                <Link to={f.link} style={{ color: 'inherit' }}>
                  <Statistic title={f.title} value={f.value} suffix={f.suffix} />
                </Link>
              ) : (
                <Statistic title={f.title} value={f.value} suffix={f.suffix} />
              )}
            </Card>
          </Col>
        ))}
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title="基本信息" size="small">
            <Descriptions
              column={1}
              size="small"
              styles={{ label: { width: 110, color: 'rgba(0,0,0,0.55)' } }}
              items={[
                { key: 'name', label: '组织全称', children: o.name },
                { key: 'short', label: '简称', children: orDash(o.shortName) },
                { key: 'code', label: '组织代码', children: o.code },
                { key: 'kind', label: '组织类别', children: o.kindLabel },
                { key: 'sector', label: '所属领域', children: o.sectorLabel },
                { key: 'sec', label: '书记', children: orDash(o.secretaryName) },
                {
                  key: 'committee',
                  label: '委员',
                  children: o.committee.length ? `${o.committee.join('、')}（${o.committee.length}人）` : '未设委员会',
                },
                { key: 'founded', label: '成立日期', children: orDash(o.foundedOn) },
                {
                  key: 'term',
                  label: '本届任期',
                  children: (
                    <Space size={8} wrap>
                      <TermText org={o} />
                      <Link to={scopedHref('/elections', o.id)}>换届记录</Link>
                    </Space>
                  ),
                },
                { key: 'phone', label: '联系电话', children: orDash(o.contactPhone) },
                { key: 'address', label: '地址', children: orDash(o.address) },
                { key: 'updated', label: '最后更新', children: formatDateTime(o.updatedAt) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          {stats.isPending ? (
            <Card title="党员结构" size="small">
              <PageLoading rows={6} />
            </Card>
          ) : stats.isError ? (
            <Card title="党员结构" size="small">
              <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />
            </Card>
          ) : (
            <MemberBreakdownCards members={stats.data.members} asOf={stats.data.asOf} />
          )}
        </Col>
        <Col xs={24}>
          <Card
            title={`下级组织（${o.childCount}）`}
            size="small"
            extra={
              <Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  显示已撤销
                </Typography.Text>
                <Switch size="small" checked={includeClosed} onChange={setIncludeClosed} />
              </Space>
            }
          >
            {children.isError ? (
              <ErrorState error={children.error} onRetry={() => void children.refetch()} />
            ) : (
              <Table<OrgNode>
                size="small"
                rowKey="id"
                loading={children.isFetching && !children.data}
                dataSource={children.data?.items ?? []}
                columns={childColumns}
                pagination={(children.data?.items.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                scroll={{ x: 'max-content' }}
                locale={{
                  emptyText: children.isPending ? (
                    ' '
                  ) : (
                    <EmptyState
                      description="暂无下级组织"
                      hint={canWrite && o.kind !== 'group' ? '可点击右上角“新建下级组织”添加' : undefined}
                    />
                  ),
                }}
              />
            )}
          </Card>
        </Col>
      </Row>

      <Space style={{ marginTop: 16 }} wrap>
        <Link to={scopedHref('/members', o.id)}>
          <Button icon={<TeamOutlined />}>查看本组织及下级党员</Button>
        </Link>
      </Space>

      <OrgFormDrawer
        open={dialog === 'edit' || dialog === 'create'}
        mode={dialog === 'create' ? 'create' : 'edit'}
        org={o}
        onClose={() => setDialog(null)}
        onSaved={(saved) => {
          setDialog(null);
          if (saved.id !== o.id) selectOrg(saved.id);
        }}
      />
      <OrgMoveModal open={dialog === 'move'} org={o} onClose={() => setDialog(null)} />
      <OrgCloseModal open={dialog === 'close'} org={o} onClose={() => setDialog(null)} />
      {dialog === 'election' ? <ElectionFormDrawer org={o} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
