// Choosing an org from the tree the user may see: children load when a node opens; typing searches by name or
// pinyin initials on the server. Used by the move dialog and the user grants form.
import { ORG_KIND_LABELS } from '@grassroots/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { TreeSelect, Typography } from 'antd';
import { useState } from 'react';
import { useDebouncedValue } from '../../ui/use-debounced-value';
import { fetchChildren, type OrgNode, orgKeys, searchOrgs } from './orgs.api';
import { useOrgRoots } from './orgs.hooks';

interface FlatNode {
  id: number;
  pId: number | null;
  value: number;
  title: React.ReactNode;
  isLeaf: boolean;
  disabled?: boolean;
  path: string;
}

export function OrgTreeSelect({
  value,
  onChange,
  labelHint,
  isDisabled,
  placeholder = '请选择组织',
  id,
  'data-testid': testId,
}: {
  value?: number | null;
  onChange?: (value: number | null) => void;
  /** The chosen org's name, shown before its branch of the tree is loaded. */
  labelHint?: string;
  /** Orgs that may not be chosen (e.g. the org being moved and its subtree). */
  isDisabled?: (org: { id: number; path: string; closedAt: string | null }) => boolean;
  placeholder?: string;
  id?: string;
  'data-testid'?: string;
}) {
  const queryClient = useQueryClient();
  const roots = useOrgRoots();
  const [loaded, setLoaded] = useState<Map<number, OrgNode[]>>(new Map());
  const [labels, setLabels] = useState<Map<number, string>>(new Map());
  const [text, setText] = useState('');
  const term = useDebouncedValue(text.trim(), 250);
  const search = useQuery({
    queryKey: orgKeys.search(term),
    queryFn: ({ signal }) => searchOrgs(term, signal),
    enabled: term.length > 0,
  });

  const toFlat = (o: OrgNode, pId: number | null): FlatNode => ({
    id: o.id,
    pId,
    value: o.id,
    path: o.path,
    isLeaf: !o.hasChildren,
    disabled: isDisabled?.(o) ?? false,
    title: (
      <span>
        {o.name}
        <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
          {o.kindLabel}
        </Typography.Text>
      </span>
    ),
  });

  const treeData = ((): FlatNode[] => {
    if (term) {
      return (search.data?.items ?? []).map<FlatNode>((o) => ({
        id: o.id,
        pId: null,
        value: o.id,
        path: o.path,
        isLeaf: true,
        disabled: isDisabled?.(o) ?? false,
        title: (
          <span>
            {o.name}
            <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
              {ORG_KIND_LABELS[o.kind]}
              {o.closedAt ? '（已撤销）' : ''}
            </Typography.Text>
          </span>
        ),
      }));
    }
    const out: FlatNode[] = [];
    const add = (o: OrgNode, pId: number | null) => {
      out.push(toFlat(o, pId));
      for (const c of loaded.get(o.id) ?? []) add(c, o.id);
    };
    for (const r of roots.data?.items ?? []) add(r, null);
    return out;
  })();

  const known = new Map(labels);
  const visit = (o: OrgNode) => {
    known.set(o.id, o.name);
    for (const c of loaded.get(o.id) ?? []) visit(c);
  };
  for (const r of roots.data?.items ?? []) visit(r);
  const label = value ? (known.get(value) ?? labelHint ?? `组织 #${value}`) : undefined;

  return (
    <TreeSelect<{ value: number; label: React.ReactNode } | null>
      id={id}
      data-testid={testId}
      treeDataSimpleMode
      treeData={treeData}
      labelInValue
      value={value ? { value, label } : null}
      onChange={(v) => {
        const picked = v?.value ?? null;
        if (picked && term) {
          const hit = search.data?.items.find((o) => o.id === picked);
          if (hit) setLabels((m) => new Map(m).set(hit.id, hit.name));
        }
        setText('');
        onChange?.(picked);
      }}
      loadData={async (node) => {
        const id = Number(node.value);
        if (term || loaded.has(id)) return;
        const data = await queryClient.fetchQuery({
          queryKey: orgKeys.children(id, false),
          queryFn: () => fetchChildren(id, false),
        });
        setLoaded((m) => new Map(m).set(id, data.items));
      }}
      showSearch
      searchValue={text}
      onSearch={setText}
      filterTreeNode={false}
      allowClear
      placeholder={placeholder}
      notFoundContent={search.isFetching ? '搜索中…' : term ? '未找到匹配的组织' : '暂无组织'}
      style={{ width: '100%' }}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto' } } }}
      treeNodeLabelProp="title"
    />
  );
}
