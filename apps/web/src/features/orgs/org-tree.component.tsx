// The org tree the user may see: roots from /api/orgs/roots, children loaded when a node is expanded, member
// counts beside the names, a mark on orgs with warnings.
import { ExclamationCircleOutlined } from '@ant-design/icons';
import { useQueries } from '@tanstack/react-query';
import { Alert, Button, Spin, Tooltip, Tree, type TreeDataNode, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../../app/api-client';
import { PageLoading } from '../../ui/query-states';
import { OrgSearch } from './org-search.component';
import { fetchChildren, idsOfPath, type OrgNode, type OrgSearchItem, orgKeys } from './orgs.api';
import { useOrg, useOrgRoots } from './orgs.hooks';

function NodeTitle({ node }: { node: OrgNode }) {
  const warn = node.warnings.length > 0;
  return (
    <span className="org-tree-title" data-org-key={node.id}>
      <span className="org-tree-name" title={node.name}>
        {node.shortName || node.name}
      </span>
      {warn ? (
        <Tooltip title={node.warnings.map((w) => w.message).join('；')}>
          <ExclamationCircleOutlined style={{ color: '#fa8c16', marginLeft: 4 }} aria-label="有预警" />
        </Tooltip>
      ) : null}
      <span className="org-tree-count" title={`党员${node.memberCount}名`}>
        {node.memberCount}
      </span>
    </span>
  );
}

export function OrgTree({ selectedId, onSelect }: { selectedId: number | null; onSelect: (id: number) => void }) {
  const roots = useOrgRoots();
  const selected = useOrg(selectedId);
  const [expanded, setExpanded] = useState<number[]>([]);
  const [scrollTarget, setScrollTarget] = useState<number | null>(null);

  // Roots start expanded.
  const rootIds = useMemo(() => (roots.data?.items ?? []).map((r) => r.id), [roots.data]);
  useEffect(() => {
    if (rootIds.length) setExpanded((e) => [...new Set([...rootIds.filter((id) => !e.includes(id)), ...e])]);
  }, [rootIds]);
  // The chosen org's ancestors are expanded so it can be seen (after a search, a link or a reload).
  const breadcrumb = selected.data?.breadcrumb;
  useEffect(() => {
    if (!breadcrumb || !selectedId) return;
    const ancestors = breadcrumb.map((b) => b.id).filter((id) => id !== selectedId);
    setExpanded((e) => (ancestors.every((id) => e.includes(id)) ? e : [...new Set([...e, ...ancestors])]));
    setScrollTarget(selectedId);
  }, [breadcrumb, selectedId]);

  const childQueries = useQueries({
    queries: expanded.map((id) => ({
      queryKey: orgKeys.children(id, false),
      queryFn: () => fetchChildren(id, false),
      staleTime: 60_000,
    })),
  });
  const childrenOf = new Map<number, { items?: OrgNode[]; error: unknown }>();
  expanded.forEach((id, i) => {
    const q = childQueries[i];
    if (q) childrenOf.set(id, { items: q.data?.items, error: q.error });
  });

  const build = (node: OrgNode): TreeDataNode => {
    const key = String(node.id);
    const base: TreeDataNode = { key, title: <NodeTitle node={node} />, isLeaf: !node.hasChildren };
    if (!node.hasChildren || !expanded.includes(node.id)) return base;
    const kids = childrenOf.get(node.id);
    if (kids?.items) return { ...base, children: kids.items.map(build) };
    return {
      ...base,
      children: [
        {
          key: `${key}-pending`,
          isLeaf: true,
          selectable: false,
          title: kids?.error ? (
            <Typography.Text type="danger">{errorMessage(kids.error)}</Typography.Text>
          ) : (
            <Spin size="small" />
          ),
        },
      ],
    };
  };
  const treeData = (roots.data?.items ?? []).map(build);

  useEffect(() => {
    if (scrollTarget === null) return;
    const el = document.querySelector(`[data-org-key="${scrollTarget}"]`);
    if (el) {
      el.scrollIntoView({ block: 'nearest' });
      setScrollTarget(null);
    }
  });

  const pick = (org: OrgSearchItem) => {
    const ancestors = idsOfPath(org.path).filter((id) => id !== org.id);
    setExpanded((e) => [...new Set([...e, ...ancestors])]);
    setScrollTarget(org.id);
    onSelect(org.id);
  };

  return (
    <div className="org-tree">
      <div style={{ padding: '12px 12px 8px' }}>
        <OrgSearch onPick={pick} />
      </div>
      <div className="org-tree-body">
        {roots.isPending ? (
          <PageLoading rows={8} />
        ) : roots.isError ? (
          <Alert
            type="error"
            showIcon
            message="组织树加载失败"
            description={errorMessage(roots.error)}
            action={
              <Button size="small" onClick={() => void roots.refetch()}>
                重试
              </Button>
            }
            style={{ margin: 12 }}
          />
        ) : treeData.length === 0 ? (
          <Alert type="info" showIcon message="您当前没有可查看的组织" style={{ margin: 12 }} />
        ) : (
          <Tree
            blockNode
            showLine={{ showLeafIcon: false }}
            treeData={treeData}
            expandedKeys={expanded.map(String)}
            selectedKeys={selectedId ? [String(selectedId)] : []}
            onExpand={(keys) => setExpanded(keys.map(Number).filter((n) => Number.isInteger(n)))}
            onSelect={(keys) => {
              const id = Number(keys[0]);
              if (Number.isInteger(id) && id > 0) onSelect(id);
            }}
            data-testid="org-tree"
          />
        )}
      </div>
    </div>
  );
}
