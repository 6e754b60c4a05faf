// One rectification: plan, measures, deadline, its history, and the actions this user may take (edit and submit at
// the org's level; accept or return, with the reason, by the level above).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Input, Modal, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { errorMessage, isApiError } from '../../app/api-client';
import { useSelectedOrgId } from '../../app/org-scope';
import { formatDateTime, orDash } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { ErrorState, PageLoading } from '../../ui/query-states';
import { orgBreadcrumbItems } from '../orgs/org-breadcrumb';
import { orgKeys } from '../orgs/orgs.api';
import { useOrg } from '../orgs/orgs.hooks';
import { WeakOrgFormDrawer } from './weak-org-form.drawer';
import { STATUS_COLORS } from './weak-org-list.page';
import { decideWeakOrg, fetchWeakOrg, weakOrgKeys } from './weak-orgs.api';

type Decision = 'submit' | 'accept' | 'return';
const DECISION_TITLES: Record<Decision, string> = { submit: '提交验收', accept: '验收通过', return: '退回整顿' };

export function WeakOrgDetailPage() {
  const id = Number(useParams().id);
  const org = useOrg(useSelectedOrgId());
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [note, setNote] = useState('');
  const query = useQuery({ queryKey: weakOrgKeys.detail(id), queryFn: () => fetchWeakOrg(id) });
  const decide = useMutation({
    mutationFn: (d: Decision) => decideWeakOrg(id, d, { version: query.data!.version, note: note.trim() || null }),
    onSuccess: (saved, d) => {
      queryClient.setQueryData(weakOrgKeys.detail(id), saved);
      void queryClient.invalidateQueries({ queryKey: weakOrgKeys.all });
      void queryClient.invalidateQueries({ queryKey: orgKeys.all });
      message.success(`已${DECISION_TITLES[d]}`);
      setDeciding(null);
      setNote('');
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'STALE_VERSION') {
        message.warning('记录已被他人修改，已加载最新内容');
        setDeciding(null);
        void query.refetch();
      }
    },
  });

  if (query.isPending) return <PageLoading rows={8} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const r = query.data;

  return (
    <div>
      <PageHeader
        breadcrumb={orgBreadcrumbItems(org.data, { title: '软弱涣散整顿', path: '/weak-orgs' })}
        title={`${r.orgName}（${r.year}年度）`}
        tags={
          <Space size={4}>
            <Tag color={STATUS_COLORS[r.status]}>{r.statusLabel}</Tag>
            {r.overdue ? <Tag color="red">已逾期</Tag> : null}
          </Space>
        }
        extra={
          <>
            {r.can.edit ? <Button onClick={() => setEditing(true)}>修改方案</Button> : null}
            {r.can.submit ? (
              <Button type="primary" onClick={() => setDeciding('submit')} data-testid="weak-org-submit-review">
                提交验收
              </Button>
            ) : null}
            {r.can.decide ? (
              <>
                <Button type="primary" onClick={() => setDeciding('accept')} data-testid="weak-org-accept">
                  验收通过
                </Button>
                <Button danger onClick={() => setDeciding('return')}>
                  退回整顿
                </Button>
              </>
            ) : null}
          </>
        }
      />
      {r.status === 'returned' && r.decisionNote ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={`已退回：${r.decisionNote}`} />
      ) : null}
      <Card size="small" title="整顿方案" style={{ marginBottom: 16 }}>
        <Descriptions
          column={1}
          size="small"
          styles={{ label: { width: 120, color: 'rgba(0,0,0,0.55)' } }}
          items={[
            { key: 'reasons', label: '软弱涣散类型', children: r.reasonLabels.join('；') },
            { key: 'detail', label: '具体表现', children: orDash(r.reasonDetail) },
            { key: 'plan', label: '一支一策', children: <span style={{ whiteSpace: 'pre-wrap' }}>{r.plan}</span> },
            {
              key: 'leader',
              label: '包联领导',
              children: `${r.leaderName}${r.leaderTitle ? `（${r.leaderTitle}）` : ''}`,
            },
            {
              key: 'measures',
              label: '整顿措施',
              children: (
                <ol style={{ margin: 0, paddingLeft: 18 }}>
                  {r.measures.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ol>
              ),
            },
            { key: 'deadline', label: '整顿期限', children: r.deadline },
            {
              key: 'decided',
              label: '验收',
              children: r.decidedAt ? `${r.decidedByName} · ${formatDateTime(r.decidedAt)}` : '—',
            },
          ]}
        />
      </Card>
      <Card size="small" title="办理经过">
        <Timeline
          items={r.events.map((e) => ({
            key: e.id,
            children: (
              <span>
                <Typography.Text strong>{e.actionLabel}</Typography.Text> · {e.userName} · {formatDateTime(e.at)}
                {e.note ? <div style={{ color: 'rgba(0,0,0,0.65)' }}>{e.note}</div> : null}
              </span>
            ),
          }))}
        />
      </Card>
      {editing ? <WeakOrgFormDrawer record={r} onClose={() => setEditing(false)} /> : null}
      <Modal
        open={deciding !== null}
        title={deciding ? DECISION_TITLES[deciding] : ''}
        okText="确定"
        cancelText="取消"
        confirmLoading={decide.isPending}
        okButtonProps={{ disabled: deciding === 'return' && note.trim() === '', danger: deciding === 'return' }}
        onOk={() => deciding && decide.mutate(deciding)}
        onCancel={() => setDeciding(null)}
        destroyOnHidden
      >
        {decide.isError && !(isApiError(decide.error) && decide.error.code === 'STALE_VERSION') ? (
          <Alert type="error" showIcon message={errorMessage(decide.error)} style={{ marginBottom: 12 }} />
        ) : null}
        <Input.TextArea
          rows={3}
          maxLength={1000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={deciding === 'return' ? '请填写退回原因（必填）' : '说明（选填）'}
        />
      </Modal>
    </div>
  );
}
