// The phrases users added that apply to the chosen org's reports (its own and its upper levels'), deletable by those
// who may write reports for the org that added them.
import type { MetricPhraseDto } from '@grassroots/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Popconfirm } from 'antd';
import { errorMessage } from '../../app/api-client';
import { useAuth } from '../../app/auth-context';
import { PagedTable, useLocalPaging } from '../../ui/paged-table';
import { EmptyState } from '../../ui/query-states';
import { useIsPhone } from '../../ui/use-is-mobile';
import { deleteMetricPhrase, fetchMetricPhrases, reportCheckKeys } from './report-check.api';

export function PhrasesDrawer({
  open,
  orgId,
  onClose,
  onChanged,
}: {
  open: boolean;
  orgId: number;
  onClose: () => void;
  onChanged: () => void;
}) {
  const phone = useIsPhone();
  const auth = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { page, pageSize, pagination } = useLocalPaging();
  const phrases = useQuery({
    queryKey: reportCheckKeys.phrases(orgId, page, pageSize),
    queryFn: () => fetchMetricPhrases(orgId, page, pageSize),
    enabled: open,
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: deleteMetricPhrase,
    onSuccess: () => {
      message.success('已删除');
      void queryClient.invalidateQueries({ queryKey: reportCheckKeys.allPhrases });
      onChanged();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Drawer open={open} onClose={onClose} width={phone ? '100%' : 760} title="核数说法" destroyOnHidden>
      <PagedTable<MetricPhraseDto>
        query={phrases}
        size="small"
        columns={[
          { title: '说法', dataIndex: 'phrase', key: 'phrase' },
          {
            title: '对应指标',
            dataIndex: 'metricLabel',
            key: 'metricLabel',
            render: (v: string, r) => v || r.metricKey,
          },
          { title: '添加单位', dataIndex: 'orgName', key: 'orgName' },
          { title: '添加人', dataIndex: 'createdByName', key: 'createdByName' },
          { title: '添加时间', dataIndex: 'createdAt', key: 'createdAt', render: (v: string) => v.slice(0, 10) },
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, r) =>
              auth.can('reports:write') ? (
                <Popconfirm
                  title={`删除说法“${r.phrase}”？`}
                  okText="删除"
                  cancelText="取消"
                  onConfirm={() => remove.mutate(r.id)}
                >
                  <Button type="link" size="small" danger>
                    删除
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
        pagination={pagination}
        empty={<EmptyState description="还没有补充的说法" hint="在“无法核对”的数字上点“添加说法”" />}
      />
    </Drawer>
  );
}
