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
import { Alert, App, Button, Col, DatePicker, Drawer, Form, Input, Radio, Row, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../../app/api-client';
import { applyServerFieldErrors } from '../../ui/form-errors';
import { fromIsoDate, toIsoDate } from '../../ui/format';
import { StaleVersionModal } from '../../ui/stale-version.modal';
import { useIsPhone } from '../../ui/use-is-mobile';
import { emptyToNull, zodRule } from '../../ui/zod-rule';
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

const FIELD_LABELS: Record<(typeof FIELDS)[number], string> = {
  name: '组织名称',
  shortName: '简称',
  kind: '组织类别',
  sector: '所属领域',
  code: '组织代码',
  secretaryName: '书记',
  committee: '委员',
  foundedOn: '成立日期',
  termStart: '本届任期开始',
  termYears: '任期年限',
  contactPhone: '联系电话',
  address: '地址',
};

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
  const phone = useIsPhone();
  const [base, setBase] = useState<Org>(org);
  const [formError, setFormError] = useState<string | null>(null);
  const [stale, setStale] = useState<{ current: Org; mine: Record<string, unknown> } | null>(null);

  useEffect(() => {
    if (!open) return;
    setBase(org);
    setFormError(null);
    form.resetFields();
    if (mode === 'edit') form.setFieldsValue(valuesOf(org));
    else form.setFieldsValue({ kind: 'branch', sector: org.sector, termYears: 0, committee: [] });
  }, [open, mode, org, form]);

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
    onError: (e, v) => {
      if (e instanceof ApiError && e.code === 'STALE_VERSION' && e.current) {
        setStale({ current: e.current as Org, mine: { ...recordOf(v) } });
        return;
      }
      const rest = applyServerFieldErrors(form, e, FIELDS as unknown as string[]);
      setFormError(rest.length ? rest.join('；') : e instanceof ApiError && e.fields ? null : errorMessage(e));
    },
  });

  const termStart = Form.useWatch('termStart', form);
  const termYears = Form.useWatch('termYears', form);
  const end = termStart && termYears ? termEnd(termStart.format('YYYY-MM-DD'), termYears) : null;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={mode === 'create' ? `新建下级组织（上级：${org.name}）` : `编辑组织：${org.name}`}
      width={phone ? '100%' : 720}
      destroyOnHidden
      maskClosable={false}
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button
            type="primary"
            loading={mutation.isPending}
            onClick={() => form.submit()}
            data-testid="org-form-submit"
          >
            保存
          </Button>
        </Space>
      }
    >
      {formError ? <Alert type="error" showIcon message={formError} style={{ marginBottom: 16 }} /> : null}
      <Form<OrgFormValues>
        form={form}
        layout="vertical"
        disabled={mutation.isPending}
        onFinish={(v) => {
          setFormError(null);
          mutation.mutate(v);
        }}
        scrollToFirstError
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
            <Form.Item
              name="contactPhone"
              label="联系电话"
              rules={[zodRule(ZOrgCreate.shape.contactPhone, emptyToNull)]}
            >
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="address" label="地址" rules={[zodRule(ZOrgCreate.shape.address, emptyToNull)]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <StaleVersionModal
        open={stale !== null}
        current={stale ? { ...stale.current } : null}
        mine={stale?.mine ?? null}
        fields={FIELDS.map((name) => ({ name, label: FIELD_LABELS[name] }))}
        onCancel={() => setStale(null)}
        onReload={() => {
          if (!stale) return;
          setBase(stale.current);
          form.setFieldsValue(valuesOf(stale.current));
          void queryClient.invalidateQueries({ queryKey: orgKeys.all });
          setStale(null);
          message.info('已加载最新内容，请重新修改后保存');
        }}
      />
    </Drawer>
  );
}
