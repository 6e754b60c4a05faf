// Picks formal members of an org's subtree by name or pinyin (培养联系人, 入党介绍人); the server checks the rest.
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useDebouncedValue } from '../../ui/use-debounced-value';
import { fetchMembers, memberKeys } from '../members/members.api';

export function MemberPicker({
  orgId,
  value,
  onChange,
  max,
  id,
  'data-testid': testId,
}: {
  orgId: number;
  value?: number[];
  onChange?: (value: number[]) => void;
  max: number;
  id?: string;
  'data-testid'?: string;
}) {
  const [text, setText] = useState('');
  const term = useDebouncedValue(text.trim(), 250);
  const q = { orgId, q: term || undefined, status: 'full' as const, page: 1, pageSize: 20, sort: 'name' as const };
  const found = useQuery({ queryKey: memberKeys.list(q), queryFn: ({ signal }) => fetchMembers(q, signal) });
  return (
    <Select
      id={id}
      data-testid={testId}
      mode="multiple"
      showSearch
      filterOption={false}
      onSearch={setText}
      loading={found.isFetching}
      value={value}
      onChange={(v: number[]) => onChange?.(v.slice(0, max))}
      maxCount={max}
      placeholder="输入姓名或拼音首字母查找正式党员"
      notFoundContent={found.isFetching ? '查找中…' : '没有找到正式党员'}
      options={(found.data?.items ?? []).map((m) => ({
        value: m.id,
        label: `${m.name}（${m.orgName}，${m.fullOn ?? '—'}转正）`,
      }))}
    />
  );
}
