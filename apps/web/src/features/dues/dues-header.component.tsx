// The header of the 党费管理 pages: the chosen org, tabs 收缴情况 / 欠缴名单, and the payments import for those who may
// record dues (the jobs platform's import dialog).
import { DownloadOutlined, ImportOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Tabs } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { apiDownload, errorMessage } from '../../app/api-client';
import { useAuth } from '../../app/auth-context';
import { scopedHref } from '../../app/org-scope';
import { PageHeader } from '../../ui/page-header';
import { useIsPhone } from '../../ui/use-is-mobile';
import { ImportJobModal } from '../jobs/import-job.modal';
import { orgBreadcrumbItems } from '../orgs/org-breadcrumb';
import type { OrgDetail } from '../orgs/orgs.api';
import { orgChainOf } from '../orgs/orgs.hooks';
import { DUES_IMPORT_URL, DUES_TEMPLATE_URL, duesKeys } from './dues.api';

const TEMPLATE_NAME = '党费交纳导入模板.xlsx';

export function DuesHeader({ org, tab }: { org: OrgDetail | undefined; tab: '/dues' | '/dues/arrears' }) {
  const auth = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const queryClient = useQueryClient();
  const [importing, setImporting] = useState(false);
  const canWrite = org ? auth.canAt('dues:write', orgChainOf(org)) : false;
  return (
    <>
      <PageHeader
        breadcrumb={orgBreadcrumbItems(org, { title: '党费管理', path: '/dues' })}
        title="党费管理"
        extra={
          canWrite ? (
            <>
              <Button
                icon={<DownloadOutlined />}
                aria-label="下载导入模板"
                onClick={() =>
                  void apiDownload(DUES_TEMPLATE_URL, TEMPLATE_NAME).catch((e: unknown) =>
                    message.error(errorMessage(e)),
                  )
                }
              >
                {phone ? null : '下载导入模板'}
              </Button>
              <Button
                icon={<ImportOutlined />}
                aria-label="导入交纳记录"
                onClick={() => setImporting(true)}
                data-testid="dues-import"
              >
                {phone ? null : '导入交纳记录'}
              </Button>
            </>
          ) : null
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate(scopedHref(key, org?.id ?? null))}
        items={[
          { key: '/dues', label: '收缴情况' },
          { key: '/dues/arrears', label: '欠缴名单' },
        ]}
      />
      {canWrite ? (
        <ImportJobModal
          open={importing}
          title="导入党费交纳记录"
          importUrl={DUES_IMPORT_URL}
          templateUrl={DUES_TEMPLATE_URL}
          templateName={TEMPLATE_NAME}
          onClose={() => setImporting(false)}
          onSucceeded={() => void queryClient.invalidateQueries({ queryKey: duesKeys.all })}
        />
      ) : null}
    </>
  );
}
