// Search the orgs the user may see by name or pinyin initials (`cgz` finds 城关镇) and jump to one.
import { SearchOutlined } from '@ant-design/icons';
import { ORG_KIND_LABELS } from '@grassroots/domain';
import { useQuery } from '@tanstack/react-query';
import { Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../app/api-client';
import { useDebouncedValue } from '../../ui/use-debounced-value';
import { type OrgSearchItem, orgKeys, searchOrgs } from './orgs.api';

export function OrgSearch({ onPick, style }: { onPick: (org: OrgSearchItem) => void; style?: React.CSSProperties }) {
  const [text, setText] = useState('');
  const term = useDebouncedValue(text.trim(), 250);
  const query = useQuery({
    queryKey: orgKeys.search(term),
    queryFn: ({ signal }) => searchOrgs(term, signal),
    enabled: term.length > 0,
    staleTime: 30_000,
  });
  const items = query.data?.items ?? [];
  return (
    <Select<number>
      showSearch
      value={null}
      placeholder="搜索组织名称或拼音首字母"
      suffixIcon={<SearchOutlined />}
      filterOption={false}
      searchValue={text}
      onSearch={setText}
      onSelect={(id) => {
        const org = items.find((o) => o.id === id);
        if (org) onPick(org);
        setText('');
      }}
      notFoundContent={
        query.isFetching ? (
          <Spin size="small" />
        ) : query.isError ? (
          <Typography.Text type="danger">搜索失败：{errorMessage(query.error)}</Typography.Text>
        ) : term ? (
          <Typography.Text type="secondary">未找到匹配的组织</Typography.Text>
        ) : (
          <Typography.Text type="secondary">输入名称，或拼音首字母如 cgz</Typography.Text>
        )
      }
      options={items.map((o) => ({
        value: o.id,
        label: (
          <span style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {o.name}
              {o.closedAt ? <Typography.Text type="secondary">（已撤销）</Typography.Text> : null}
            </span>
            <Typography.Text type="secondary" style={{ flex: 'none', fontSize: 12 }}>
              {ORG_KIND_LABELS[o.kind]}
            </Typography.Text>
          </span>
        ),
      }))}
      style={{ width: '100%', ...style }}
      data-testid="org-tree-search"
      aria-label="搜索组织"
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { minWidth: 260 } } }}
    />
  );
}
