// Create a child org or edit an org's record. Client checks use the domain schema; the server's field errors land
// on the same fields; a stale version opens the 「该记录已被他人修改」 dialog.
import {
  ORG_KIND_LABELS,
  ORG_KINDS,
  SECTOR_LABELS,
  SECTORS,
  type TOrgCreate,
  type TOrgUpdate,
  termEnd,
  ZOrgCreate,
} from '@grassroots/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Col, DatePicker, Form, Input, Radio, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { FormDrawer, useSaveErrors } from '../../ui/form-drawer';
import { fromIsoDate, toIsoDate } from '../../ui/format';
import { emptyToNull, zodRule } from '../../ui/zod-rule';
import { fieldLabel, formatAuditValue } from '../audit/audit-labels';
import { createOrg, type Org, type OrgDetail, orgKeys, updateOrg } from './orgs.api';

interface OrgFormValues {
  name: string;
  shortName?: string;
  kind: Org['kind'];
  sector: Org['sector'];
  code: string;
  secretaryName?: string;
  committee?: string[];
  foundedOn?: Dayjs | null;
  termStart?: Dayjs | null;
  termYears?: 3 | 5 | 0;
  contactPhone?: string;
  address?: string;
}

const FIELDS = [
  'name',
  'shortName',
  'kind',
  'sector',
  'code',
  'secretaryName',
  'committee',
  'foundedOn',
  'termStart',
  'termYears',
  'contactPhone',
  'address',
] as const;

// The 409 dialog: the audit log's field names and value labels (组织类别 as 党支部, not branch).
const STALE_FIELDS = FIELDS.map((name) => ({
  name,
  label: name === 'name' ? '组织名称' : fieldLabel(name),
  format: (v: unknown) => formatAuditValue(name, v),
}));

function valuesOf(org: Org): OrgFormValues {
  return {
    name: org.name,
    shortName: org.shortName ?? '',
    kind: org.kind,
    sector: org.sector,
    code: org.code,
    secretaryName: org.secretaryName ?? '',
    committee: org.committee,
    foundedOn: fromIsoDate(org.foundedOn),
    termStart: fromIsoDate(org.termStart),
    termYears: (org.termYears ?? 0) as 3 | 5 | 0,
    contactPhone: org.contactPhone ?? '',
    address: org.address ?? '',
  };
}

function recordOf(v: OrgFormValues): Omit<TOrgCreate, 'parentId'> {
  const text = (s: string | undefined) => (s?.trim() ? s.trim() : null);
  return {
    name: v.name.trim(),
    shortName: text(v.shortName),
    kind: v.kind,
    sector: v.sector,
    code: v.code.trim(),
    secretaryName: text(v.secretaryName),
    committee: (v.committee ?? []).map((c) => c.trim()).filter(Boolean),
    foundedOn: toIsoDate(v.foundedOn),
    termStart: toIsoDate(v.termStart),
    termYears: v.termYears ? v.termYears : null,
    contactPhone: text(v.contactPhone),
    address: text(v.address),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function OrgFormDrawer({
  open,
  mode,
  org,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** create: a child of `org`; edit: `org` itself. */
  mode: 'create' | 'edit';
  org: OrgDetail;
  onClose: () => void;
  onSaved: (saved: OrgDetail) => void;
}) {
  const [form] = Form.useForm<OrgFormValues>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [base, setBase] = useState<Org>(org);
  const errors = useSaveErrors<Org>(form, FIELDS);
  const { clear } = errors;

  useEffect(() => {
    if (!open) return;
    setBase(org);
    clear();
    form.resetFields();
    if (mode === 'edit') form.setFieldsValue(valuesOf(org));
    else form.setFieldsValue({ kind: 'branch', sector: org.sector, termYears: 0, committee: [] });
  }, [open, mode, org, form, clear]);

  const mutation = useMutation({
    mutationFn: async (v: OrgFormValues) => {
      const record = recordOf(v);
      if (mode === 'create') return createOrg({ ...record, parentId: org.id });
      const before = recordOf(valuesOf(base));
      const patch: TOrgUpdate = { version: base.version };
      for (const k of Object.keys(record) as Array<keyof typeof record>) {
        if (!same(record[k], before[k])) Object.assign(patch, { [k]: record[k] });
      }
      return updateOrg(org.id, patch);
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: orgKeys.all });
      message.success(mode === 'create' ? `已新建 ${saved.name}` : '已保存');
      onSaved(saved);
    },
    onError: (e, v) => errors.fail(e, { ...recordOf(v) }),
  });

  const termStart = Form.useWatch('termStart', form);
  const termYears = Form.useWatch('termYears', form);
  const end = termStart && termYears ? termEnd(termStart.format('YYYY-MM-DD'), termYears) : null;

  return (
    <FormDrawer<Org, OrgFormValues>
      open={open}
      onClose={onClose}
      title={mode === 'create' ? `新建下级组织（上级：${org.name}）` : `编辑组织：${org.name}`}
      width={720}
      form={form}
      saving={mutation.isPending}
      submitTestId="org-form-submit"
      onFinish={(v) => mutation.mutate(v)}
      errors={errors}
      staleFields={STALE_FIELDS}
      valuesOf={valuesOf}
      onReload={(current) => {
        setBase(current);
        void queryClient.invalidateQueries({ queryKey: orgKeys.all });
      }}
    >
      <Row gutter={16}>
        <Col xs={24} md={16}>
          <Form.Item name="name" label="组织名称" required rules={[zodRule(ZOrgCreate.shape.name)]}>
            <Input placeholder="如：中共××村支部委员会" maxLength={100} showCount />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="shortName" label="简称" rules={[zodRule(ZOrgCreate.shape.shortName, emptyToNull)]}>
            <Input placeholder="如：东街村党支部" maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="kind" label="组织类别" required rules={[{ required: true, message: '请选择组织类别' }]}>
            <Select options={ORG_KINDS.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="sector" label="所属领域" required rules={[{ required: true, message: '请选择所属领域' }]}>
            <Select options={SECTORS.map((k) => ({ value: k, label: SECTOR_LABELS[k] }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="code" label="组织代码" required rules={[zodRule(ZOrgCreate.shape.code)]}>
            <Input placeholder="字母、数字或短横线" maxLength={32} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="secretaryName" label="书记" rules={[zodRule(ZOrgCreate.shape.secretaryName, emptyToNull)]}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item
            name="committee"
            label="委员"
            extra="输入姓名后按回车添加；正式党员7人以上的支部应设支部委员会"
            rules={[zodRule(ZOrgCreate.shape.committee)]}
          >
            <Select mode="tags" tokenSeparators={[',', '，', '、', ' ']} open={false} placeholder="输入委员姓名" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="foundedOn" label="成立日期">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="termStart" label="本届任期开始">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="termYears"
            label="任期年限"
            extra={end ? `本届任期至 ${end}` : undefined}
            dependencies={['termStart']}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_, v: number | undefined) => {
                  if (getFieldValue('termStart') && !v) throw new Error('填写了任期开始日期时请选择任期年限');
                },
              }),
            ]}
          >
            <Radio.Group
              optionType="button"
              options={[
                { value: 0, label: '未设' },
                { value: 3, label: '3年' },
                { value: 5, label: '5年' },
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="contactPhone" label="联系电话" rules={[zodRule(ZOrgCreate.shape.contactPhone, emptyToNull)]}>
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="address" label="地址" rules={[zodRule(ZOrgCreate.shape.address, emptyToNull)]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
    </FormDrawer>
  );
}
