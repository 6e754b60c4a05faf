// 星级评定 of the chosen subtree for a year: the distribution of stars, the rated orgs (best first), and rating by
// the level above.
import { STAR_LABELS, STARS, type Stars } from '@grassroots/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Input, InputNumber, Rate, Row, Select, Space, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth-context';
import { scopedHref, useSelectedOrgId } from '../../app/org-scope';
import { PageHeader } from '../../ui/page-header';
import { PagedTable } from '../../ui/paged-table';
import { EmptyState } from '../../ui/query-states';
import { useUrlFilters } from '../../ui/use-url-filters';
import { orgBreadcrumbItems } from '../orgs/org-breadcrumb';
import { useOrg } from '../orgs/orgs.hooks';
import { StarRatingFormDrawer } from './star-rating-form.drawer';
import { fetchStarRatings, type StarRating, type StarRatingListQuery, starRatingKeys } from './star-ratings.api';

export function StarRatingListPage() {
  const orgId = useSelectedOrgId();
  const org = useOrg(orgId);
  const auth = useAuth();
  const { params, page, pageSize, set, pagination } = useUrlFilters();
  const [editing, setEditing] = useState<StarRating | 'new' | null>(null);
  const lastYear = new Date().getFullYear() - 1;
  const starsParam = Number(params.get('stars'));
  const q: StarRatingListQuery = {
    orgId: orgId ?? 0,
    year: Number(params.get('year')) || lastYear,
    stars: (STARS as readonly number[]).includes(starsParam) ? (starsParam as Stars) : undefined,
    q: params.get('q') ?? undefined,
    sort: params.get('sort') === 'org' ? 'org' : '-total',
    page,
    pageSize,
  };
  const query = useQuery({
    queryKey: starRatingKeys.list(q),
    queryFn: ({ signal }) => fetchStarRatings(q, signal),
    enabled: Boolean(orgId),
    placeholderData: keepPreviousData,
  });
  const canRate = auth.can('ratings:write');
  const d = query.data?.distribution;

  return (
    <div>
      <PageHeader
        breadcrumb={orgBreadcrumbItems(org.data, { title: '星级评定', path: '/star-ratings' })}
        title="星级评定"
        tags={org.data ? <Typography.Text type="secondary">{org.data.name}及下级</Typography.Text> : null}
        extra={
          <>
            <Link to={scopedHref('/star-ratings/scorecard', orgId)}>
              <Button>评分标准</Button>
            </Link>
            {canRate ? (
              <Button type="primary" onClick={() => setEditing('new')} data-testid="star-rating-create">
                评定星级
              </Button>
            ) : null}
          </>
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {[...STARS].reverse().map((s) => (
          <Col key={s} xs={12} sm={8} md={4}>
            <Card
              size="small"
              hoverable
              className="stat-card"
              onClick={() => set({ stars: q.stars === s ? null : String(s), page: null })}
              style={q.stars === s ? { borderColor: '#c41d1d' } : undefined}
            >
              <Statistic title={STAR_LABELS[s]} value={d?.[s] ?? 0} suffix="个" />
            </Card>
          </Col>
        ))}
        <Col xs={12} sm={8} md={4}>
          <Card size="small" className="stat-card">
            <Statistic title="已评定" value={query.data?.rated ?? 0} suffix="个" />
          </Card>
        </Col>
      </Row>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <InputNumber
            min={2000}
            max={2100}
            value={q.year}
            addonBefore="年度"
            onChange={(v) => set({ year: v ? String(v) : null, page: null })}
            style={{ width: 150 }}
          />
          <Input.Search
            allowClear
            placeholder="组织名称"
            defaultValue={q.q}
            onSearch={(v) => set({ q: v.trim(), page: null })}
            style={{ width: 200 }}
          />
          <Select
            allowClear
            placeholder="星级"
            value={q.stars}
            onChange={(v) => set({ stars: v ? String(v) : null, page: null })}
            options={STARS.map((s) => ({ value: s, label: STAR_LABELS[s] }))}
            style={{ width: 110 }}
          />
          <Select
            value={q.sort}
            onChange={(v) => set({ sort: v === '-total' ? null : v, page: null })}
            options={[
              { value: '-total', label: '按得分' },
              { value: 'org', label: '按组织' },
            ]}
            style={{ width: 110 }}
          />
        </Space>
      </Card>
      <Card size="small">
        <PagedTable<StarRating>
          query={query}
          empty={<EmptyState description={`${q.year}年度暂无星级评定结果`} />}
          pagination={{ ...pagination, showTotal: (n) => `共 ${n} 个` }}
          columns={[
            { title: '党组织', dataIndex: 'orgName' },
            { title: '得分', dataIndex: 'total', width: 80, align: 'right' },
            {
              title: '星级',
              dataIndex: 'stars',
              width: 170,
              render: (s: Stars) => <Rate disabled value={s} style={{ fontSize: 14 }} />,
            },
            { title: '评定人', dataIndex: 'ratedByName', responsive: ['md'] },
            ...(canRate
              ? [
                  {
                    title: '操作',
                    key: 'actions',
                    width: 80,
                    render: (_: unknown, r: StarRating) => (
                      <Typography.Link onClick={() => setEditing(r)}>修改</Typography.Link>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {editing && orgId ? (
        <StarRatingFormDrawer
          rating={editing === 'new' ? null : editing}
          year={q.year}
          scopeOrgId={orgId}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </div>
  );
}
