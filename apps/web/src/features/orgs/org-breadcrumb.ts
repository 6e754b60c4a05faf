import type { BreadcrumbProps } from 'antd';
import { createElement } from 'react';
import { Link } from 'react-router';
import { scopedHref } from '../../app/org-scope';
import type { OrgDetail } from './orgs.api';

type Items = NonNullable<BreadcrumbProps['items']>;

/** The chosen org's ancestors (each a link to its overview), then the page. */
export function orgBreadcrumbItems(org: OrgDetail | undefined, page?: { title: string; path?: string }): Items {
  const items: Items = (org?.breadcrumb ?? []).map((b) => ({
    key: b.id,
    title: createElement(Link, { to: scopedHref(page?.path ?? '/orgs', b.id) }, b.name),
  }));
  if (page) items.push({ key: 'page', title: page.title });
  return items;
}
