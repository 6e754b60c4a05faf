// 登记入党申请: the person (not a member yet: ID number checked like a member's) and the date of the application.
// Refused under 18 with the date the person turns 18.
import {
  EDUCATION_LABELS,
  EDUCATIONS,
  type Education,
  ETHNICITIES,
  type Ethnicity,
  GENDER_LABELS,
  GENDERS,
  type Gender,
  OCCUPATION_LABELS,
  OCCUPATIONS,
  type Occupation,
  parseIdNumber,
  todayIso,
} from '@grassroots/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { scopedHref } from '../../app/org-scope';
import { FormDrawer, useSaveErrors } from '../../ui/form-drawer';
import { fromIsoDate, toIsoDate } from '../../ui/format';
import { OrgTreeSelect } from '../orgs/org-tree-select.component';
import { createDevelopment, developmentKeys } from './development.api';
import { type Refusal, refusalOf } from './development-refusal';

interface Values {
  orgId: number;
  name: string;
  idNumber: string;
  gender: Gender;
  birthDate: Dayjs;
  ethnicity: Ethnicity;
  education: Education;
  occupation: Occupation;
  phone?: string;
  applicationDate: Dayjs;
  note?: string;
}

const FIELDS = [
  'orgId',
  'name',
  'idNumber',
  'gender',
  'birthDate',
  'ethnicity',
  'education',
  'occupation',
  'phone',
  'applicationDate',
  'note',
] as const;

const disabledFuture = (d: Dayjs) => d.format('YYYY-MM-DD') > todayIso();

export function DevelopmentCreateDrawer({ orgId, onClose }: { orgId: number; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errors = useSaveErrors(form, FIELDS);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const mutation = useMutation({
    mutationFn: (v: Values) =>
      createDevelopment({
        ...v,
        phone: v.phone?.trim() ? v.phone.trim() : null,
        note: v.note?.trim() ? v.note.trim() : null,
        birthDate: toIsoDate(v.birthDate)!,
        applicationDate: toIsoDate(v.applicationDate)!,
      }),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: developmentKeys.all });
      message.success('已登记入党申请');
      onClose();
      navigate(scopedHref(`/development/${created.id}`, orgId));
    },
    onError: (e, v) => {
      const r = refusalOf(e);
      if (r) setRefusal(r);
      else errors.fail(e, { ...v });
    },
  });
  const onIdNumberBlur = () => {
    const parsed = parseIdNumber((form.getFieldValue('idNumber') as string | undefined) ?? '', todayIso());
    if (!parsed.ok) return;
    form.setFieldsValue({
      idNumber: parsed.value.idNumber,
      birthDate: fromIsoDate(parsed.value.birthDate)!,
      gender: parsed.value.gender,
    });
  };
  return (
    <FormDrawer
      title="登记入党申请"
      onClose={onClose}
      width={600}
      form={form}
      saving={mutation.isPending}
      submitTestId="development-create-submit"
      errors={errors}
      staleFields={[]}
      onReload={() => undefined}
    >
      {refusal ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={refusal.message}
          description={refusal.earliestDate ? `最早可于${refusal.earliestDate}递交入党申请` : undefined}
          data-testid="development-refusal"
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={mutation.isPending}
        initialValues={{ orgId, ethnicity: '汉族', education: 'secondary', occupation: 'farmer' }}
        onFinish={(v) => {
          errors.clear();
          setRefusal(null);
          mutation.mutate(v);
        }}
      >
        <Form.Item name="orgId" label="党支部" rules={[{ required: true, message: '请选择党支部' }]}>
          <OrgTreeSelect isDisabled={(o) => o.closedAt !== null} />
        </Form.Item>
        <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label="身份证号码"
          rules={[{ required: true, whitespace: true, message: '请填写身份证号码' }]}
        >
          <Input maxLength={18} onBlur={onIdNumberBlur} />
        </Form.Item>
        <Space size={16} wrap>
          <Form.Item name="gender" label="性别" rules={[{ required: true, message: '请选择性别' }]}>
            <Select style={{ width: 120 }} options={GENDERS.map((g) => ({ value: g, label: GENDER_LABELS[g] }))} />
          </Form.Item>
          <Form.Item name="birthDate" label="出生日期" rules={[{ required: true, message: '请填写出生日期' }]}>
            <DatePicker disabledDate={disabledFuture} />
          </Form.Item>
          <Form.Item name="ethnicity" label="民族" rules={[{ required: true, message: '请选择民族' }]}>
            <Select showSearch style={{ width: 140 }} options={ETHNICITIES.map((e) => ({ value: e, label: e }))} />
          </Form.Item>
        </Space>
        <Space size={16} wrap>
          <Form.Item name="education" label="学历" rules={[{ required: true, message: '请选择学历' }]}>
            <Select
              style={{ width: 160 }}
              options={EDUCATIONS.map((e) => ({ value: e, label: EDUCATION_LABELS[e] }))}
            />
          </Form.Item>
          <Form.Item name="occupation" label="职业类别" rules={[{ required: true, message: '请选择职业类别' }]}>
            <Select
              style={{ width: 200 }}
              options={OCCUPATIONS.map((o) => ({ value: o, label: OCCUPATION_LABELS[o] }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="phone" label="联系电话">
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item
          name="applicationDate"
          label="递交入党申请书日期"
          rules={[{ required: true, message: '请填写递交入党申请书日期' }]}
          extra="入党申请人须年满18周岁；党组织应在一个月内派人谈话。"
        >
          <DatePicker disabledDate={disabledFuture} />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
