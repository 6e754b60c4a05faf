// 评分标准: the scorecard in force for the chosen org; the county edits its items, points and star thresholds, the
// levels below see the one they follow.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { type ScorecardItem, STAR_LABELS } from '@grassroots/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Space, Table, Typography } from 'antd';
import { useEffect } from 'react';
import { useSelectedOrgId } from '../../app/org-scope';
import { useSaveErrors } from '../../ui/form-drawer';
import { PageHeader } from '../../ui/page-header';
import { ErrorState, PageLoading } from '../../ui/query-states';
import { StaleVersionModal } from '../../ui/stale-version.modal';
import { orgBreadcrumbItems } from '../orgs/org-breadcrumb';
import { useOrg } from '../orgs/orgs.hooks';
import { fetchScorecard, type ScorecardView, saveScorecard, starRatingKeys } from './star-ratings.api';

interface Values {
  items: ScorecardItem[];
  thresholds: [number, number, number, number];
}
const FIELDS = ['items', 'thresholds'];

export function ScorecardPage() {
  const orgId = useSelectedOrgId();
  const org = useOrg(orgId);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const errors = useSaveErrors<Values>(form, FIELDS);
  const query = useQuery({
    queryKey: starRatingKeys.scorecard(orgId ?? 0),
    queryFn: () => fetchScorecard(orgId!),
    enabled: Boolean(orgId),
  });
  const card = query.data;
  useEffect(() => {
    if (card) form.setFieldsValue({ items: card.items, thresholds: [...card.thresholds] });
  }, [card, form]);
  const items = Form.useWatch('items', form);
  const save = useMutation({
    mutationFn: (v: Values) =>
      saveScorecard({ orgId: orgId!, ...v, ...(card?.version != null ? { version: card.version } : {}) }),
    onSuccess: (saved: ScorecardView) => {
      queryClient.setQueryData(starRatingKeys.scorecard(orgId!), saved);
      void queryClient.invalidateQueries({ queryKey: starRatingKeys.all });
      message.success('评分标准已保存');
    },
    onError: (e, v) => errors.fail(e, { ...v }),
  });
  if (!orgId || query.isPending) return <PageLoading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const c = query.data;
  const max = (items ?? []).reduce((s, i) => s + (Number(i?.maxPoints) || 0), 0);

  return (
    <div>
      <PageHeader
        breadcrumb={orgBreadcrumbItems(org.data, { title: '评分标准', path: '/star-ratings/scorecard' })}
        title="星级评定评分标准"
        extra={
          c.editable ? (
            <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="scorecard-save">
              保存
            </Button>
          ) : null
        }
      />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message={c.isDefault ? '尚未制定评分标准，使用系统默认标准' : `执行${c.ownerOrgName}制定的评分标准`}
        description={c.editable ? '修改后的标准用于之后的评定；已完成的评定保留评定时的标准。' : undefined}
      />
      {errors.message ? <Alert type="error" showIcon message={errors.message} style={{ marginBottom: 12 }} /> : null}
      {c.editable ? (
        <Form<Values>
          form={form}
          layout="vertical"
          disabled={save.isPending}
          onFinish={(v) => {
            errors.clear();
            save.mutate(v);
          }}
        >
          <Card size="small" title={`评分项目（满分 ${max} 分）`} style={{ marginBottom: 12 }}>
            <Form.List name="items">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline" wrap style={{ display: 'flex' }}>
                      <Form.Item
                        name={[f.name, 'key']}
                        rules={[{ required: true, message: '请填写代码' }]}
                        style={{ marginBottom: 8 }}
                      >
                        <Input placeholder="代码" style={{ width: 120 }} maxLength={32} />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'label']}
                        rules={[{ required: true, whitespace: true, message: '请填写评分项目' }]}
                        style={{ marginBottom: 8 }}
                      >
                        <Input placeholder="评分项目" style={{ width: 240 }} maxLength={100} />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'maxPoints']}
                        rules={[{ required: true, message: '请填写分值' }]}
                        style={{ marginBottom: 8 }}
                      >
                        <InputNumber placeholder="分值" min={0.5} step={0.5} style={{ width: 100 }} />
                      </Form.Item>
                      {fields.length > 1 ? (
                        <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除项目" />
                      ) : null}
                    </Space>
                  ))}
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ key: `item${fields.length + 1}`, label: '', maxPoints: 10 })}
                  >
                    添加评分项目
                  </Button>
                </>
              )}
            </Form.List>
          </Card>
          <Card size="small" title="星级分数线（达到即评为该星级，低于二星级分数线为一星级）">
            <Space wrap>
              {([2, 3, 4, 5] as const).map((s, i) => (
                <Form.Item
                  key={s}
                  name={['thresholds', i]}
                  label={STAR_LABELS[s]}
                  rules={[{ required: true, message: '请填写分数线' }]}
                >
                  <InputNumber min={0} step={0.5} style={{ width: 110 }} />
                </Form.Item>
              ))}
            </Space>
          </Card>
        </Form>
      ) : (
        <Card size="small" title={`评分项目（满分 ${c.maxTotal} 分）`}>
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={c.items}
            columns={[
              { title: '评分项目', dataIndex: 'label' },
              { title: '分值', dataIndex: 'maxPoints', width: 80, align: 'right' },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {([2, 3, 4, 5] as const).map((s, i) => `${STAR_LABELS[s]} ≥ ${c.thresholds[i]}分`).join('；')}
            ；其余为一星级。
          </Typography.Paragraph>
        </Card>
      )}
      <StaleVersionModal
        open={errors.stale !== null}
        current={errors.stale ? (errors.stale.current as unknown as Record<string, unknown>) : null}
        mine={errors.stale?.mine ?? null}
        fields={[{ name: 'thresholds', label: '星级分数线' }]}
        onCancel={errors.closeStale}
        onReload={() => {
          errors.closeStale();
          void query.refetch();
          message.info('已加载最新内容，请重新修改后保存');
        }}
      />
    </div>
  );
}
