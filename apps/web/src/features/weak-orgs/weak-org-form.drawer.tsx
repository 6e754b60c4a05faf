// 认定软弱涣散党组织 (by the upper level) or edit its plan: reasons, 一支一策, 包联领导, measures, deadline.

import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { WEAK_ORG_REASON_LABELS, WEAK_ORG_REASONS, type WeakOrgReason } from '@grassroots/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, InputNumber, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { FormDrawer, useSaveErrors } from '../../ui/form-drawer';
import { fromIsoDate, toIsoDate } from '../../ui/format';
import { OrgTreeSelect } from '../orgs/org-tree-select.component';
import { orgKeys } from '../orgs/orgs.api';
import { createWeakOrg, updateWeakOrg, type WeakOrg, type WeakOrgDetail, weakOrgKeys } from './weak-orgs.api';

interface Values {
  orgId: number;
  year: number;
  reasons: WeakOrgReason[];
  reasonDetail: string | null;
  plan: string;
  leaderName: string;
  leaderTitle: string | null;
  measures: string[];
  deadline: Dayjs | null;
}

const FIELDS = [
  'orgId',
  'year',
  'reasons',
  'reasonDetail',
  'plan',
  'leaderName',
  'leaderTitle',
  'measures',
  'deadline',
];
const STALE_FIELDS = [
  { name: 'plan', label: '整顿方案' },
  { name: 'leaderName', label: '包联领导' },
  { name: 'measures', label: '整顿措施' },
  { name: 'deadline', label: '整顿期限' },
];

const valuesOf = (r: WeakOrg): Values => ({
  orgId: r.orgId,
  year: r.year,
  reasons: r.reasons,
  reasonDetail: r.reasonDetail,
  plan: r.plan,
  leaderName: r.leaderName,
  leaderTitle: r.leaderTitle,
  measures: r.measures,
  deadline: fromIsoDate(r.deadline),
});

export function WeakOrgFormDrawer({
  record,
  defaultOrgId,
  onClose,
  onSaved,
}: {
  record: WeakOrg | null;
  defaultOrgId?: number | undefined;
  onClose: () => void;
  onSaved?: (saved: WeakOrgDetail) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [base, setBase] = useState<WeakOrg | null>(record);
  const errors = useSaveErrors<WeakOrg>(form, FIELDS);
  const mutation = useMutation({
    mutationFn: (v: Values) => {
      const { orgId, year, deadline, ...rest } = v;
      const fields = { ...rest, deadline: toIsoDate(deadline) ?? '' };
      return base
        ? updateWeakOrg(base.id, { ...fields, version: base.version })
        : createWeakOrg({ ...fields, orgId, year });
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: weakOrgKeys.all });
      void queryClient.invalidateQueries({ queryKey: orgKeys.all });
      message.success(record ? '已保存' : '已列为软弱涣散党组织');
      onSaved?.(saved);
      onClose();
    },
    onError: (e, v) => errors.fail(e, { ...v, deadline: toIsoDate(v.deadline) }),
  });
  return (
    <FormDrawer<WeakOrg, Values>
      title={record ? `修改整顿方案：${record.orgName}` : '认定软弱涣散党组织'}
      width={640}
      form={form}
      saving={mutation.isPending}
      submitTestId="weak-org-submit"
      errors={errors}
      staleFields={STALE_FIELDS}
      onClose={onClose}
      initialValues={
        record
          ? valuesOf(record)
          : { orgId: defaultOrgId, year: new Date().getFullYear(), reasons: [], measures: [''], deadline: null }
      }
      onFinish={(v) => mutation.mutate(v)}
      valuesOf={valuesOf}
      onReload={setBase}
    >
      <Space size={16} wrap style={{ width: '100%' }}>
        <Form.Item
          name="orgId"
          label="党组织"
          rules={[{ required: true, message: '请选择党组织' }]}
          style={{ minWidth: 300 }}
        >
          <OrgTreeSelect labelHint={record?.orgName} isDisabled={(o) => o.closedAt !== null || Boolean(record)} />
        </Form.Item>
        <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
          <InputNumber min={2000} max={2100} precision={0} disabled={Boolean(record)} style={{ width: 110 }} />
        </Form.Item>
      </Space>
      <Form.Item
        name="reasons"
        label="软弱涣散类型"
        rules={[{ required: true, message: '请至少选择一项软弱涣散类型' }]}
      >
        <Select
          mode="multiple"
          options={WEAK_ORG_REASONS.map((r) => ({ value: r, label: WEAK_ORG_REASON_LABELS[r] }))}
        />
      </Form.Item>
      <Form.Item name="reasonDetail" label="具体表现">
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Form.Item
        name="plan"
        label="整顿方案（一支一策）"
        rules={[{ required: true, whitespace: true, message: '请填写整顿方案（一支一策）' }]}
      >
        <Input.TextArea rows={4} maxLength={4000} />
      </Form.Item>
      <Space size={16} wrap>
        <Form.Item
          name="leaderName"
          label="包联领导"
          rules={[{ required: true, whitespace: true, message: '请填写包联领导' }]}
        >
          <Input maxLength={50} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="leaderTitle" label="职务">
          <Input maxLength={100} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="deadline" label="整顿期限" rules={[{ required: true, message: '请选择整顿期限' }]}>
          <DatePicker />
        </Form.Item>
      </Space>
      <Form.List name="measures">
        {(items, { add, remove }) => (
          <Form.Item label="整顿措施" required>
            {items.map((item, i) => (
              <Space key={item.key} align="baseline" style={{ display: 'flex' }}>
                <Form.Item
                  name={item.name}
                  rules={[{ required: true, whitespace: true, message: '请填写整顿措施' }]}
                  style={{ marginBottom: 8, width: 480, maxWidth: '70vw' }}
                >
                  <Input placeholder={`措施${i + 1}`} maxLength={500} />
                </Form.Item>
                {items.length > 1 ? (
                  <MinusCircleOutlined onClick={() => remove(item.name)} aria-label="删除措施" />
                ) : null}
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')}>
              添加措施
            </Button>
          </Form.Item>
        )}
      </Form.List>
    </FormDrawer>
  );
}
