// 欠缴党费名单 of the chosen subtree: months unpaid per member up to the last ended month (or a chosen one), runs of 6
// or more flagged (连续六个月不交纳党费); filtered, sorted and paged on the server.
import { DUES_ARREARS_FLAG_MONTHS, DUES_ARREARS_SORTS } from '@grassroots/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Input, InputNumber, Select, Space, Switch, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { scopedHref, useSelectedOrgId } from '../../app/org-scope';
import { PagedTable } from '../../ui/paged-table';
import { EmptyState } from '../../ui/query-states';
import { useUrlFilters } from '../../ui/use-url-filters';
import { useOrg } from '../orgs/orgs.hooks';
import { type ArrearsItem, duesKeys, fetchArrears } from './dues.api';
import { DuesHeader } from './dues-header.component';

const SORT_LABELS: Record<(typeof DUES_ARREARS_SORTS)[number], string> = {
  '-unpaid': '欠缴月数从多到少',
  unpaid: '欠缴月数从少到多',
  '-longest': '连续欠缴从长到短',
  firstUnpaid: '最早欠缴在前',
  name: '按姓名',
  org: '按组织',
};

export function DuesArrearsPage() {
  const orgId = useSelectedOrgId();
  const org = useOrg(orgId);
  const { params, page, pageSize, set, pagination } = useUrlFilters();
  const sortParam = params.get('sort') ?? '-unpaid';
  const q = {
    orgId: orgId ?? 0,
    upTo: /^\d{4}-\d{2}$/.test(params.get('upTo') ?? '') ? params.get('upTo')! : undefined,
    flagged: params.get('flagged') === 'true' ? ('true' as const) : undefined,
    minMonths: Number(params.get('minMonths')) || undefined,
    q: params.get('q') ?? undefined,
    sort: (DUES_ARREARS_SORTS as readonly string[]).includes(sortParam) ? sortParam : '-unpaid',
    page,
    pageSize,
  };
  const query = useQuery({
    queryKey: duesKeys.arrears(q),
    queryFn: ({ signal }) => fetchArrears(q, signal),
    enabled: Boolean(orgId),
    placeholderData: keepPreviousData,
  });

  return (
    <div>
      <DuesHeader org={org.data} tab="/dues/arrears" />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder="党员姓名"
            defaultValue={q.q}
            onSearch={(v) => set({ q: v.trim(), page: null })}
            style={{ width: 180 }}
          />
          <Space>
            <Switch
              checked={q.flagged === 'true'}
              onChange={(on) => set({ flagged: on ? 'true' : null, page: null })}
            />
            <span>只看连续欠缴{DUES_ARREARS_FLAG_MONTHS}个月及以上</span>
          </Space>
          <InputNumber
            min={1}
            max={600}
            placeholder="欠缴至少几个月"
            value={q.minMonths ?? null}
            onChange={(v) => set({ minMonths: v ? String(v) : null, page: null })}
            style={{ width: 150 }}
          />
          <DatePicker
            picker="month"
            placeholder="统计截至（默认上月）"
            value={q.upTo ? dayjs(`${q.upTo}-01`) : null}
            onChange={(d) => set({ upTo: d ? d.format('YYYY-MM') : null, page: null })}
            disabledDate={(d) => d.isAfter(dayjs(), 'month')}
            style={{ width: 180 }}
          />
          <Select
            value={q.sort}
            onChange={(v) => set({ sort: v, page: null })}
            options={DUES_ARREARS_SORTS.map((s) => ({ value: s, label: SORT_LABELS[s] }))}
            style={{ width: 170 }}
            aria-label="排序"
          />
        </Space>
      </Card>
      <Card size="small">
        <PagedTable<ArrearsItem>
          query={query}
          rowKey="memberId"
          columns={[
            {
              title: '姓名',
              dataIndex: 'name',
              fixed: 'left',
              render: (name: string, r) => <Link to={scopedHref(`/dues/members/${r.memberId}`, r.orgId)}>{name}</Link>,
            },
            { title: '所在组织', dataIndex: 'orgName' },
            {
              title: '欠缴月数',
              dataIndex: 'total',
              align: 'right',
              render: (n: number, r) => (
                <Tooltip title={r.unpaidMonths.join('、')}>
                  <span>{n}</span>
                </Tooltip>
              ),
            },
            {
              title: '最长连续',
              dataIndex: 'longestConsecutive',
              align: 'right',
              render: (n: number, r) => (r.flagged ? <Tag color="red">{n}个月</Tag> : <span>{n}个月</span>),
            },
            { title: '最早欠缴', dataIndex: 'firstUnpaid' },
            {
              title: '欠缴金额（元）',
              dataIndex: 'owedAmount',
              align: 'right',
              render: (n: number) => n.toFixed(2),
            },
            { title: '类别', dataIndex: 'categoryLabel', render: (v: string | null) => v ?? '—' },
            {
              title: '月交额（元）',
              dataIndex: 'monthly',
              align: 'right',
              render: (n: number | null) => (n === null ? '—' : n.toFixed(2)),
            },
          ]}
          pagination={{ ...pagination, showSizeChanger: true, showTotal: (t) => `共 ${t} 人` }}
          empty={<EmptyState description="没有欠缴党费的党员" />}
        />
        {query.data ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            统计截至 {query.data.upTo}（每月党费在当月月底前交纳；从党员登记党费基数的月份起计算）。
          </Typography.Paragraph>
        ) : null}
      </Card>
    </div>
  );
}
