// 党建联系点: the year's figures of the chosen org's subtree ("协调解决党建难题N个"), the leader ↔ org links with
// their periods, and the visits with the problems raised and solved; links and visits are added and edited in drawers.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Input, Row, Select, Space, Statistic, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../app/auth-context';
import { useSelectedOrgId } from '../../app/org-scope';
import { DownloadButton } from '../../ui/download-button';
import { PageHeader } from '../../ui/page-header';
import { PagedTable } from '../../ui/paged-table';
import { EmptyState, ErrorState } from '../../ui/query-states';
import { useUrlFilters } from '../../ui/use-url-filters';
import { orgBreadcrumbItems } from '../orgs/org-breadcrumb';
import { orgChainOf, useOrg } from '../orgs/orgs.hooks';
import { LinkFormDrawer, VisitFormDrawer } from './contact-forms.drawer';
import {
  type ContactLink,
  type ContactVisit,
  contactKeys,
  fetchContactFigures,
  fetchLinks,
  fetchVisits,
} from './contact-points.api';

const thisYear = new Date().getFullYear();
type Drawer =
  | { kind: 'link'; link: ContactLink | null }
  | {
      kind: 'visit';
      link: Pick<ContactLink, 'id' | 'orgName' | 'leaderName' | 'validFrom' | 'validTo'>;
      visit: ContactVisit | null;
    };

export function ContactPointsPage() {
  const orgId = useSelectedOrgId();
  const org = useOrg(orgId);
  const auth = useAuth();
  const { params, page, pageSize, set, pagination } = useUrlFilters();
  const tab = params.get('tab') === 'visits' ? 'visits' : 'links';
  const year = Number(params.get('year')) || thisYear;
  const linkId = Number(params.get('link')) || undefined;
  const text = params.get('q') ?? undefined;
  const [drawer, setDrawer] = useState<Drawer | null>(null);
  const canWrite = org.data ? auth.canAt('tasks:write', orgChainOf(org.data)) : false;

  const figures = useQuery({
    queryKey: contactKeys.figures({ orgId, year }),
    queryFn: () => fetchContactFigures({ orgId: orgId!, year }),
    enabled: Boolean(orgId),
  });
  const linkQ = { orgId: orgId ?? 0, year, ...(text ? { q: text } : {}), page, pageSize };
  const links = useQuery({
    queryKey: contactKeys.links(linkQ),
    queryFn: () => fetchLinks(linkQ),
    enabled: Boolean(orgId) && tab === 'links',
    placeholderData: keepPreviousData,
  });
  const visitQ = { orgId: orgId ?? 0, year, ...(linkId ? { linkId } : {}), page, pageSize };
  const visits = useQuery({
    queryKey: contactKeys.visits(visitQ),
    queryFn: () => fetchVisits(visitQ),
    enabled: Boolean(orgId) && tab === 'visits',
    placeholderData: keepPreviousData,
  });
  const f = figures.data;

  return (
    <div>
      <PageHeader
        breadcrumb={orgBreadcrumbItems(org.data, { title: '党建联系点', path: '/contact-points' })}
        title="党建联系点"
        extra={
          <>
            <Select
              value={year}
              onChange={(v) => set({ year: String(v), page: null })}
              options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y}年` }))}
              style={{ width: 100 }}
            />
            {tab === 'visits' ? (
              <DownloadButton
                path="/api/contact-visits/export"
                fileName={`走访记录-${year}.xlsx`}
                query={{ orgId: orgId ?? undefined, year, linkId }}
                disabled={!orgId}
              />
            ) : null}
            {canWrite && orgId ? (
              <Button type="primary" onClick={() => setDrawer({ kind: 'link', link: null })}>
                建立联系点
              </Button>
            ) : null}
          </>
        }
      />
      {figures.isError ? (
        <ErrorState error={figures.error} onRetry={() => void figures.refetch()} />
      ) : (
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          {(
            [
              ['联系领导', f?.leaders, '人'],
              ['覆盖党组织', f?.orgsCovered, '个'],
              ['走访', f?.visits, '次'],
              ['发现问题', f?.raised, '个'],
              ['协调解决', f?.solved, '个'],
              ['解决率', f?.solvedRate ?? 0, '%'],
            ] as const
          ).map(([label, value, suffix]) => (
            <Col xs={12} sm={8} md={4} key={label}>
              <Card size="small" loading={figures.isPending}>
                <Statistic title={label} value={value ?? 0} suffix={suffix} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => set({ tab: k === 'links' ? null : k, page: null, link: null })}
          items={[
            {
              key: 'links',
              label: '联系点',
              children: (
                <>
                  <Input.Search
                    allowClear
                    defaultValue={text}
                    placeholder="联系领导或职务"
                    onSearch={(v) => set({ q: v, page: null })}
                    style={{ maxWidth: 280, marginBottom: 12 }}
                  />
                  <PagedTable<ContactLink>
                    query={links}
                    rowKey="id"
                    scroll={{ x: 'max-content' }}
                    pagination={pagination}
                    empty={<EmptyState description={`${year}年暂无联系点`} />}
                    columns={[
                      { title: '联系领导', dataIndex: 'leaderName', width: 100 },
                      { title: '职务', dataIndex: 'leaderPosition' },
                      { title: '联系的党组织', dataIndex: 'orgName' },
                      {
                        title: '联系期',
                        render: (_, l) => (
                          <Space size={4}>
                            {l.validFrom} 至 {l.validTo ?? '今'}
                            {l.active ? null : <Tag>已结束</Tag>}
                          </Space>
                        ),
                      },
                      {
                        title: '走访',
                        dataIndex: 'visits',
                        width: 70,
                        render: (n: number, l) => (
                          <Typography.Link onClick={() => set({ tab: 'visits', link: String(l.id), page: null })}>
                            {n}次
                          </Typography.Link>
                        ),
                      },
                      ...(canWrite
                        ? [
                            {
                              title: '操作',
                              width: 150,
                              render: (_: unknown, l: ContactLink) => (
                                <Space size={4}>
                                  <Button
                                    size="small"
                                    onClick={() => setDrawer({ kind: 'visit', link: l, visit: null })}
                                  >
                                    登记走访
                                  </Button>
                                  <Button size="small" type="link" onClick={() => setDrawer({ kind: 'link', link: l })}>
                                    修改
                                  </Button>
                                </Space>
                              ),
                            },
                          ]
                        : []),
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'visits',
              label: '走访记录',
              children: (
                <>
                  {linkId ? (
                    <Tag closable onClose={() => set({ link: null, page: null })} style={{ marginBottom: 12 }}>
                      仅看一个联系点
                    </Tag>
                  ) : null}
                  <PagedTable<ContactVisit>
                    query={visits}
                    rowKey="id"
                    scroll={{ x: 'max-content' }}
                    pagination={pagination}
                    empty={<EmptyState description={`${year}年暂无走访记录`} />}
                    columns={[
                      { title: '走访日期', dataIndex: 'visitedOn', width: 110 },
                      { title: '联系领导', dataIndex: 'leaderName', width: 100 },
                      { title: '党组织', dataIndex: 'orgName' },
                      { title: '走访内容', dataIndex: 'content' },
                      {
                        title: '问题（已解决/提出）',
                        render: (_, v) => (
                          <Space direction="vertical" size={0}>
                            <span>
                              {v.solved}/{v.raised}
                            </span>
                            {v.problems.map((p, i) => (
                              // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id; the list is the visit's, in order
                              <Typography.Text key={i} type={p.solved ? 'secondary' : 'danger'}>
                                {p.text}
                                {p.solved ? `（${p.solvedOn}解决）` : '（未解决）'}
                              </Typography.Text>
                            ))}
                          </Space>
                        ),
                      },
                      ...(canWrite
                        ? [
                            {
                              title: '操作',
                              width: 70,
                              render: (_: unknown, v: ContactVisit) => (
                                <Button
                                  size="small"
                                  type="link"
                                  onClick={() =>
                                    setDrawer({
                                      kind: 'visit',
                                      visit: v,
                                      link: {
                                        id: v.linkId,
                                        orgName: v.orgName,
                                        leaderName: v.leaderName,
                                        validFrom: v.linkValidFrom,
                                        validTo: v.linkValidTo,
                                      },
                                    })
                                  }
                                >
                                  修改
                                </Button>
                              ),
                            },
                          ]
                        : []),
                    ]}
                  />
                </>
              ),
            },
          ]}
        />
      </Card>
      {drawer?.kind === 'link' && orgId ? (
        <LinkFormDrawer link={drawer.link} defaultOrgId={orgId} onClose={() => setDrawer(null)} />
      ) : null}
      {drawer?.kind === 'visit' ? (
        <VisitFormDrawer link={drawer.link} visit={drawer.visit} onClose={() => setDrawer(null)} />
      ) : null}
    </div>
  );
}
