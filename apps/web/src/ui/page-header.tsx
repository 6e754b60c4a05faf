import { Breadcrumb, type BreadcrumbProps } from 'antd';
import type { ReactNode } from 'react';

export function PageHeader({
  title,
  breadcrumb,
  extra,
  tags,
}: {
  title: ReactNode;
  breadcrumb?: BreadcrumbProps['items'];
  extra?: ReactNode;
  tags?: ReactNode;
}) {
  return (
    <div className="page-header">
      {breadcrumb && breadcrumb.length > 0 ? <Breadcrumb items={breadcrumb} /> : null}
      <div className="page-header-title">
        <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap', minWidth: 0 }}>
          <h2>{title}</h2>
          {tags}
        </div>
        {extra ? <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>{extra}</div> : null}
      </div>
    </div>
  );
}
