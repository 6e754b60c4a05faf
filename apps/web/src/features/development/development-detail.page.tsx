// 发展党员记录: the person, where they stand (stage, days in it, next step, earliest date, time limit), the steps
// done as a timeline, and 办理下一步 (上级党委 steps only for those who approve).

import { PaperClipOutlined } from '@ant-design/icons';
import { EDUCATION_LABELS, GENDER_LABELS, OCCUPATION_LABELS } from '@grassroots/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../app/auth-context';
import { scopedHref, useSelectedOrgId } from '../../app/org-scope';
import { attachmentUrl } from '../../ui/attachment-upload';
import { orDash } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { ErrorState, PageLoading } from '../../ui/query-states';
import { orgBreadcrumbItems } from '../orgs/org-breadcrumb';
import { orgChainOf, useOrg } from '../orgs/orgs.hooks';
import { type DevelopmentStepRecord, developmentKeys, fetchDevelopment } from './development.api';
import { DevelopmentStageTag, DueDate } from './development-stage-tag';
import { DevelopmentStepDrawer } from './development-step.drawer';

function StepDetails({ s }: { s: DevelopmentStepRecord }) {
  const parts: string[] = [];
  if (s.decidedByLabel) parts.push(`${s.decidedByLabel}${s.decisionRef ? `（${s.decisionRef}）` : ''}`);
  if (s.people.length > 0) {
    parts.push(`${s.step === 'sponsors' ? '入党介绍人' : '培养联系人'}：${s.people.map((p) => p.name).join('、')}`);
  }
  if (s.politicalReviewPassed !== null) parts.push(`政治审查${s.politicalReviewPassed ? '合格' : '不合格'}`);
  if (s.trainingDays !== null || s.trainingHours !== null) {
    parts.push(`集中培训${s.trainingDays ?? 0}天、${s.trainingHours ?? 0}学时`);
  }
  if (s.outcomeLabel) parts.push(`${s.outcomeLabel}${s.extensionMonths ? `${s.extensionMonths}个月` : ''}`);
  return (
    <div>
      <Space wrap size={4}>
        <Typography.Text strong>
          第{s.number}步 {s.label}
        </Typography.Text>
        <Typography.Text type="secondary">{s.date}</Typography.Text>
        {s.late ? <Tag color="orange">逾期办理</Tag> : null}
      </Space>
      {parts.length > 0 ? <div>{parts.join('；')}</div> : null}
      {s.note ? <Typography.Paragraph type="secondary">{s.note}</Typography.Paragraph> : null}
      {s.attachments.length > 0 ? (
        <Space wrap size={4}>
          {s.attachments.map((f) => (
            <a key={f.id} href={attachmentUrl(f.id)} target="_blank" rel="noreferrer">
              <PaperClipOutlined /> {f.fileName}
            </a>
          ))}
        </Space>
      ) : null}
    </div>
  );
}

export function DevelopmentDetailPage() {
  const id = Number(useParams().id);
  const selectedOrgId = useSelectedOrgId();
  const auth = useAuth();
  const [acting, setActing] = useState(false);
  const query = useQuery({ queryKey: developmentKeys.detail(id), queryFn: () => fetchDevelopment(id) });
  const org = useOrg(query.data?.orgId);
  const selected = useOrg(selectedOrgId);
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const r = query.data;
  const next = r.status.next;
  const chain = orgChainOf(org.data);
  const canWrite = auth.canAt('development:write', chain);
  const canAct = canWrite && next !== null && (!next.step.needsApproval || auth.canAt('development:approve', chain));

  return (
    <div>
      <PageHeader
        breadcrumb={[
          ...orgBreadcrumbItems(selected.data, { title: '发展党员', path: '/development' }).slice(0, -1),
          { key: 'list', title: <Link to={scopedHref('/development', selectedOrgId)}>发展党员</Link> },
          { key: 'me', title: r.name },
        ]}
        title={r.name}
        tags={<DevelopmentStageTag stage={r.stage} label={r.stageLabel} />}
        extra={
          canAct ? (
            <Button type="primary" onClick={() => setActing(true)} data-testid="development-next-step">
              办理下一步
            </Button>
          ) : null
        }
      />
      {next && canWrite && !canAct ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={`下一步「${next.step.label}」由上级党委（乡镇、县）办理`}
        />
      ) : null}
      <Card size="small" title="发展进度" style={{ marginBottom: 12 }} data-testid="development-status">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label="当前阶段">{r.stageLabel}</Descriptions.Item>
          <Descriptions.Item label="在此阶段">
            {r.daysInStage}天（自{r.stageSince}起）
          </Descriptions.Item>
          <Descriptions.Item label="下一步">
            {next ? `第${next.step.number}步 ${next.step.label}` : '发展程序已完成'}
          </Descriptions.Item>
          <Descriptions.Item label="最早可办">{orDash(next?.earliestDate)}</Descriptions.Item>
          <Descriptions.Item label="办理期限">
            <DueDate date={r.nextDueDate} due={r.due} overdue={r.overdue} />
          </Descriptions.Item>
          <Descriptions.Item label="预备期满">{orDash(r.status.probationEnd)}</Descriptions.Item>
          <Descriptions.Item label="入党时间">{orDash(r.status.joinedOn)}</Descriptions.Item>
          <Descriptions.Item label="转正时间">{orDash(r.status.fullOn)}</Descriptions.Item>
          <Descriptions.Item label="党员信息">
            {r.memberId !== null ? <Link to={scopedHref(`/members/${r.memberId}`, r.orgId)}>查看党员信息</Link> : '—'}
          </Descriptions.Item>
        </Descriptions>
        {r.status.lateSteps.map((w) => (
          <Alert key={`${w.step}-${w.dueDate}`} type="warning" showIcon style={{ marginTop: 8 }} message={w.message} />
        ))}
      </Card>
      <Card size="small" title="基本信息" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label="所在组织">{r.orgName}</Descriptions.Item>
          <Descriptions.Item label="性别">{GENDER_LABELS[r.gender]}</Descriptions.Item>
          <Descriptions.Item label="出生日期">{r.birthDate}</Descriptions.Item>
          <Descriptions.Item label="民族">{r.ethnicity}</Descriptions.Item>
          <Descriptions.Item label="身份证号码">{r.idNumberMasked}</Descriptions.Item>
          <Descriptions.Item label="联系电话">{orDash(r.phoneMasked)}</Descriptions.Item>
          <Descriptions.Item label="学历">{EDUCATION_LABELS[r.education]}</Descriptions.Item>
          <Descriptions.Item label="职业类别">{OCCUPATION_LABELS[r.occupation]}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title="发展步骤">
        <Timeline
          data-testid="development-timeline"
          items={[
            ...r.steps.map((s) => ({ key: s.id, color: s.late ? 'orange' : 'red', children: <StepDetails s={s} /> })),
            ...(next
              ? [
                  {
                    key: 'next',
                    color: 'gray',
                    children: (
                      <Typography.Text type="secondary">
                        待办：第{next.step.number}步 {next.step.label}
                        {next.dueDate ? `（期限${next.dueDate}）` : ''}
                      </Typography.Text>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {acting && next ? <DevelopmentStepDrawer record={r} onClose={() => setActing(false)} /> : null}
    </div>
  );
}
