// New or edited unit: name, type, formal members, employees and the party org covering it (none = 应建未建 at ≥ 3).
import { UNIT_TYPE_LABELS, UNIT_TYPES, type UnitType } from '@grassroots/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { FormDrawer, useSaveErrors } from '../../ui/form-drawer';
import { OrgTreeSelect } from '../orgs/org-tree-select.component';
import { orgKeys } from '../orgs/orgs.api';
import { createUnit, type Unit, unitKeys, updateUnit } from './units.api';

interface UnitFormValues {
  orgId: number;
  name: string;
  unitType: UnitType;
  fullMembers: number;
  employees: number | null;
  coveringOrgId: number | null;
}

const FIELDS = ['orgId', 'name', 'unitType', 'fullMembers', 'employees', 'coveringOrgId'] as const;

const STALE_FIELDS = [
  { name: 'name', label: '单位名称' },
  { name: 'unitType', label: '单位类型', format: (v: unknown) => UNIT_TYPE_LABELS[v as UnitType] ?? '—' },
  { name: 'fullMembers', label: '正式党员人数' },
  { name: 'employees', label: '职工人数' },
];

function valuesOf(unit: Unit): UnitFormValues {
  return {
    orgId: unit.orgId,
    name: unit.name,
    unitType: unit.unitType,
    fullMembers: unit.fullMembers,
    employees: unit.employees,
    coveringOrgId: unit.coveringOrgId,
  };
}

export function UnitFormDrawer({
  orgId,
  orgName,
  unit,
  onClose,
}: {
  /** The org of the page: a new unit's overseeing org unless another is chosen. */
  orgId: number;
  orgName: string | undefined;
  unit: Unit | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<UnitFormValues>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [base, setBase] = useState<Unit | null>(unit);
  const errors = useSaveErrors<Unit>(form, FIELDS);
  const mutation = useMutation({
    mutationFn: (v: UnitFormValues) => (base ? updateUnit(base.id, { ...v, version: base.version }) : createUnit(v)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: unitKeys.all });
      void queryClient.invalidateQueries({ queryKey: orgKeys.all });
      message.success(unit ? '已保存' : '已新增单位');
      onClose();
    },
    onError: (e, v) => errors.fail(e, { ...v }),
  });
  return (
    <FormDrawer<Unit, UnitFormValues>
      title={unit ? `编辑单位：${unit.name}` : '新增单位'}
      onClose={onClose}
      width={560}
      form={form}
      saving={mutation.isPending}
      submitTestId="unit-form-submit"
      initialValues={
        unit
          ? valuesOf(unit)
          : { orgId, unitType: 'private_enterprise', fullMembers: 0, employees: null, coveringOrgId: null }
      }
      onFinish={(v) =>
        mutation.mutate({ ...v, employees: v.employees ?? null, coveringOrgId: v.coveringOrgId ?? null })
      }
      errors={errors}
      staleFields={STALE_FIELDS}
      valuesOf={valuesOf}
      onReload={(current) => {
        setBase(current);
        void queryClient.invalidateQueries({ queryKey: unitKeys.all });
      }}
    >
      <Form.Item name="name" label="单位名称" rules={[{ required: true, whitespace: true, message: '请填写单位名称' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="unitType" label="单位类型" rules={[{ required: true, message: '请选择单位类型' }]}>
        <Select options={UNIT_TYPES.map((t) => ({ value: t, label: UNIT_TYPE_LABELS[t] }))} />
      </Form.Item>
      <Space size={16} wrap>
        <Form.Item name="fullMembers" label="正式党员人数" rules={[{ required: true, message: '请填写正式党员人数' }]}>
          <InputNumber min={0} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="employees" label="职工人数">
          <InputNumber min={0} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Space>
      <Form.Item
        name="orgId"
        label="管理的党组织"
        rules={[{ required: true, message: '请选择管理该单位的党组织' }]}
        extra={unit ? '该组织撤销或调整前，可把单位移交其他组织管理。' : undefined}
      >
        <OrgTreeSelect labelHint={unit?.orgName ?? orgName} isDisabled={(o) => o.closedAt !== null} />
      </Form.Item>
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
    </FormDrawer>
  );
}
