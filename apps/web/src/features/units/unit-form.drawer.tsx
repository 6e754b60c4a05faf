// New or edited unit: name, type, formal members, employees and the party org covering it (none = 应建未建 at ≥ 3).
import { UNIT_TYPE_LABELS, UNIT_TYPES, type UnitType } from '@grassroots/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Form, Input, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../app/api-client';
import { applyServerFieldErrors } from '../../ui/form-errors';
import { useIsPhone } from '../../ui/use-is-mobile';
import { OrgTreeSelect } from '../orgs/org-tree-select.component';
import { orgKeys } from '../orgs/orgs.api';
import { createUnit, type Unit, unitKeys, updateUnit } from './units.api';

interface UnitFormValues {
  name: string;
  unitType: UnitType;
  fullMembers: number;
  employees: number | null;
  coveringOrgId: number | null;
}

const FIELDS = ['name', 'unitType', 'fullMembers', 'employees', 'coveringOrgId'] as const;

export function UnitFormDrawer({ orgId, unit, onClose }: { orgId: number; unit: Unit | null; onClose: () => void }) {
  const [form] = Form.useForm<UnitFormValues>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const phone = useIsPhone();
  const [formError, setFormError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (v: UnitFormValues) =>
      unit ? updateUnit(unit.id, { ...v, version: unit.version }) : createUnit({ ...v, orgId }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: unitKeys.all });
      void queryClient.invalidateQueries({ queryKey: orgKeys.all });
      message.success(unit ? '已保存' : '已新增单位');
      onClose();
    },
    onError: (e) => {
      const unmatched = applyServerFieldErrors(form, e, FIELDS);
      setFormError(
        isApiError(e) && e.code === 'STALE_VERSION'
          ? '该单位已被他人修改，请关闭后刷新再改'
          : (unmatched[0] ?? (isApiError(e) && e.fields ? null : errorMessage(e))),
      );
    },
  });
  return (
    <Drawer
      open
      title={unit ? `编辑单位：${unit.name}` : '新增单位'}
      onClose={onClose}
      width={phone ? '100%' : 560}
      destroyOnHidden
      maskClosable={false}
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button
            type="primary"
            loading={mutation.isPending}
            onClick={() => form.submit()}
            data-testid="unit-form-submit"
          >
            保存
          </Button>
        </Space>
      }
    >
      {formError ? <Alert type="error" showIcon message={formError} style={{ marginBottom: 16 }} /> : null}
      <Form<UnitFormValues>
        form={form}
        layout="vertical"
        disabled={mutation.isPending}
        initialValues={
          unit
            ? {
                name: unit.name,
                unitType: unit.unitType,
                fullMembers: unit.fullMembers,
                employees: unit.employees,
                coveringOrgId: unit.coveringOrgId,
              }
            : { unitType: 'private_enterprise', fullMembers: 0, employees: null, coveringOrgId: null }
        }
        onFinish={(v) => {
          setFormError(null);
          mutation.mutate({ ...v, employees: v.employees ?? null, coveringOrgId: v.coveringOrgId ?? null });
        }}
      >
        <Form.Item
          name="name"
          label="单位名称"
          rules={[{ required: true, whitespace: true, message: '请填写单位名称' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="unitType" label="单位类型" rules={[{ required: true, message: '请选择单位类型' }]}>
          <Select options={UNIT_TYPES.map((t) => ({ value: t, label: UNIT_TYPE_LABELS[t] }))} />
        </Form.Item>
        <Space size={16} wrap>
          <Form.Item
            name="fullMembers"
            label="正式党员人数"
            rules={[{ required: true, message: '请填写正式党员人数' }]}
          >
            <InputNumber min={0} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="employees" label="职工人数">
            <InputNumber min={0} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item
          name="coveringOrgId"
          label="覆盖的党组织"
          extra="单位自己的党组织或覆盖它的联合党支部；正式党员3人以上而没有党组织的，列入“应建未建”。"
        >
          <OrgTreeSelect
            labelHint={unit?.coveringOrgName ?? undefined}
            isDisabled={(o) => o.closedAt !== null}
            placeholder="无（尚未建立）"
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
