// 党员详情: the full record with PII masked; 查看 reveals ID number and phone (audited); transfer out; history.
import { EditOutlined, EyeInvisibleOutlined, EyeOutlined, SwapOutlined } from '@ant-design/icons';
import {
  ageOn,
  EDUCATION_LABELS,
  GENDER_LABELS,
  MEMBER_STATUS_LABELS,
  OCCUPATION_LABELS,
  todayIso,
} from '@grassroots/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../app/api-client';
import { useAuth } from '../../app/auth-context';
import { scopedHref } from '../../app/org-scope';
import { formatDateTime, orDash } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { ErrorState, PageLoading } from '../../ui/query-states';
import { MemberMobileSection } from '../mobile/member-mobile.section';
import { orgChainOf, useOrg } from '../orgs/orgs.hooks';
import { MemberFlagTags, MemberStatusTag } from './member-columns';
import { MemberHistory } from './member-history.component';
import { MemberTransferModal } from './member-transfer.modal';
import { MemberTransferOutModal } from './member-transfer-out.modal';
import { decideTransfer, fetchMember, fetchTransfer, type Member, memberKeys, revealMember } from './members.api';

const REVEAL_SECONDS = 60;

function PendingTransfer({ member, canCancel }: { member: Member; canCancel: boolean }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const id = member.pendingTransferId!;
  const transfer = useQuery({ queryKey: memberKeys.transfer(id), queryFn: () => fetchTransfer(id) });
  const cancel = useMutation({
    mutationFn: () => decideTransfer(id, 'cancel', null),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: memberKeys.all });
      message.success('已撤销转接');
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const t = transfer.data;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      message="组织关系转接中"
      description={
        t ? (
          <span>
            {t.fromOrgName} → <strong>{t.toOrgName}</strong>，发起于 {formatDateTime(t.requestedAt)}
            {t.letterNo ? `，介绍信 ${t.letterNo}` : ''}。等待转入组织接收，接收前仍计入原组织。
          </span>
        ) : transfer.isError ? (
          errorMessage(transfer.error)
        ) : (
          '正在加载转接信息…'
        )
      }
      action={
        canCancel ? (
          <Popconfirm
            title="确定撤销这次转接吗？"
            okText="撤销转接"
            cancelText="取消"
            onConfirm={() => cancel.mutate()}
          >
            <Button size="small" loading={cancel.isPending}>
              撤销转接
            </Button>
          </Popconfirm>
        ) : undefined
      }
    />
  );
}

function PiiValue({
  masked,
  revealed,
  canReveal,
  onReveal,
  loading,
  testId,
}: {
  masked: string | null;
  revealed: string | null | undefined;
  canReveal: boolean;
  onReveal: () => void;
  loading: boolean;
  testId: string;
}) {
  if (revealed !== undefined) {
    return (
      <Space size={6} wrap>
        <Typography.Text copyable={Boolean(revealed)} data-testid={`${testId}-value`}>
          {revealed ?? '—'}
        </Typography.Text>
        <Tag color="orange">已查看·留痕</Tag>
      </Space>
    );
  }
  if (!masked) return <>—</>;
  return (
    <Space size={6} wrap>
      <span style={{ fontFamily: 'monospace' }}>{masked}</span>
      {canReveal ? (
        <Popconfirm
          title="查看个人敏感信息"
          description="查看身份证号码和联系电话将记录审计日志（查看人、时间）。确定查看吗？"
          okText="确定查看"
          cancelText="取消"
          onConfirm={onReveal}
        >
          <Button size="small" type="link" icon={<EyeOutlined />} loading={loading} data-testid="reveal-pii">
            查看
          </Button>
        </Popconfirm>
      ) : null}
    </Space>
  );
}

export function MemberDetailPage() {
  const params = useParams();
  const id = Number(params.id);
  const auth = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();
  const member = useQuery({
    queryKey: memberKeys.detail(id),
    queryFn: () => fetchMember(id),
    enabled: Number.isInteger(id) && id > 0,
  });
  const org = useOrg(member.data?.orgId);
  const [revealed, setRevealed] = useState<{ idNumber: string; phone: string | null } | null>(null);
  const [transferOpen, setTransferOpen] = useState(false);
  const [transferOutOpen, setTransferOutOpen] = useState(false);
  const reveal = useMutation({
    mutationFn: () => revealMember(id),
    onSuccess: setRevealed,
    onError: (e) => message.error(errorMessage(e)),
  });

  // Revealed values are hidden again after a minute, and when leaving the record.
  useEffect(() => {
    if (!revealed) return;
    const t = window.setTimeout(() => setRevealed(null), REVEAL_SECONDS * 1000);
    return () => window.clearTimeout(t);
  }, [revealed]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the record changes
  useEffect(() => setRevealed(null), [id]);

  if (!Number.isInteger(id) || id <= 0) return <ErrorState error={{ status: 404, message: '党员编号无效' }} />;
  if (member.isPending) return <PageLoading rows={12} />;
  if (member.isError) return <ErrorState error={member.error} onRetry={() => void member.refetch()} />;
  const m = member.data;
  const chain = orgChainOf(org.data);
  // A member transferred out of the platform is history: nothing more is done to the record.
  const canWrite = m.leftOn === null && auth.canAt('members:write', chain);
  const canTransfer = m.leftOn === null && auth.canAt('members:transfer', chain);
  const canReveal = auth.canAt('pii:reveal', chain);
  const today = todayIso();
  const listSearch = (location.state as { fromList?: string } | null)?.fromList;
  const listHref = listSearch ? `/members${listSearch}` : scopedHref('/members', m.orgId);

  const items = [
    { key: 'name', label: '姓名', children: m.name },
    { key: 'gender', label: '性别', children: GENDER_LABELS[m.gender] },
    { key: 'ethnicity', label: '民族', children: m.ethnicity },
    { key: 'birth', label: '出生日期', children: `${m.birthDate}（${ageOn(m.birthDate, today)}岁）` },
    {
      key: 'idNumber',
      label: '身份证号码',
      children: (
        <PiiValue
          masked={m.idNumberMasked}
          revealed={revealed ? revealed.idNumber : undefined}
          canReveal={canReveal}
          onReveal={() => reveal.mutate()}
          loading={reveal.isPending}
          testId="pii-id-number"
        />
      ),
    },
    {
      key: 'phone',
      label: '联系电话',
      children: (
        <PiiValue
          masked={m.phoneMasked}
          revealed={revealed ? revealed.phone : undefined}
          canReveal={false}
          onReveal={() => reveal.mutate()}
          loading={reveal.isPending}
          testId="pii-phone"
        />
      ),
    },
    { key: 'education', label: '学历', children: EDUCATION_LABELS[m.education] },
    { key: 'occupation', label: '职业类别', children: OCCUPATION_LABELS[m.occupation] },
    { key: 'status', label: '党员类别', children: MEMBER_STATUS_LABELS[m.status] },
    { key: 'joined', label: '入党时间', children: m.joinedOn },
    { key: 'full', label: '转正时间', children: orDash(m.fullOn) },
    // 党龄 counts from 转正 (党章 Article 7).
    { key: 'age', label: '党龄', children: m.fullOn ? `${Math.max(0, ageOn(m.fullOn, today))}年` : '—' },
    {
      key: 'org',
      label: '所在组织',
      children: <Link to={scopedHref('/orgs', m.orgId)}>{m.orgName}</Link>,
    },
    { key: 'flags', label: '标记', children: <MemberFlagTags member={m} /> },
    { key: 'address', label: '家庭住址', children: orDash(m.address) },
    { key: 'created', label: '登记时间', children: formatDateTime(m.createdAt) },
    { key: 'updated', label: '最后修改', children: formatDateTime(m.updatedAt), span: 'filled' as const },
  ];

  return (
    <div>
      <PageHeader
        breadcrumb={[
          { key: 'list', title: <Link to={listHref}>党员管理</Link> },
          { key: 'org', title: <Link to={scopedHref('/orgs', m.orgId)}>{m.orgName}</Link> },
          { key: 'me', title: m.name },
        ]}
        title={m.name}
        tags={<MemberStatusTag status={m.status} />}
        extra={
          <>
            {canWrite ? (
              <Button
                icon={<EditOutlined />}
                onClick={() => navigate(`/members/${m.id}/edit`)}
                data-testid="member-edit"
              >
                编辑
              </Button>
            ) : null}
            {canTransfer ? (
              <Tooltip title={m.pendingTransferId ? '已有未完成的转接' : undefined}>
                <Button
                  icon={<SwapOutlined />}
                  disabled={Boolean(m.pendingTransferId)}
                  onClick={() => setTransferOpen(true)}
                  data-testid="member-transfer"
                >
                  组织关系转出
                </Button>
              </Tooltip>
            ) : null}
            {canTransfer ? (
              <Button
                disabled={Boolean(m.pendingTransferId)}
                onClick={() => setTransferOutOpen(true)}
                data-testid="member-transfer-out"
              >
                转出系统外
              </Button>
            ) : null}
          </>
        }
      />
      {m.pendingTransferId ? <PendingTransfer member={m} canCancel={canTransfer} /> : null}
      {m.leftOn ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={`该党员已于${m.leftOn}转出系统外，不再计入党员数，记录仅供查阅`}
        />
      ) : null}
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'info',
              label: '基本信息',
              children: (
                <>
                  <Descriptions
                    bordered
                    size="small"
                    column={{ xs: 1, sm: 1, md: 2, lg: 3 }}
                    items={items}
                    styles={{ label: { width: 110, whiteSpace: 'nowrap' } }}
                  />
                  <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12, marginBottom: 0 }}>
                    {revealed ? (
                      <>
                        <EyeInvisibleOutlined /> 敏感信息将在{REVEAL_SECONDS}秒后自动隐藏。本次查看已记入审计日志。
                      </>
                    ) : canReveal ? (
                      '身份证号码和联系电话默认脱敏显示；点击“查看”可显示完整内容，每次查看都会记入审计日志。'
                    ) : (
                      '身份证号码和联系电话脱敏显示，您的角色无查看完整内容的权限。'
                    )}
                  </Typography.Paragraph>
                </>
              ),
            },
            {
              key: 'mobile',
              label: '流动党员与纪念章',
              children: <MemberMobileSection member={m} canWrite={canWrite} />,
            },
            { key: 'history', label: '变更记录', children: <MemberHistory memberId={m.id} /> },
          ]}
        />
      </Card>
      <MemberTransferModal open={transferOpen} member={m} onClose={() => setTransferOpen(false)} />
      {transferOutOpen ? <MemberTransferOutModal member={m} onClose={() => setTransferOutOpen(false)} /> : null}
    </div>
  );
}
