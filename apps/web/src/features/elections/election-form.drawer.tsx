// 换届选举: date, method, votes and who was elected; saving starts the org's new term (its term, secretary and
// committee change with it).

import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { ELECTION_METHOD_LABELS, ELECTION_METHODS, type ElectionMethod } from '@grassroots/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

import { FormDrawer, useSaveErrors } from '../../ui/form-drawer';
import { toIsoDate } from '../../ui/format';
import { type OrgDetail, orgKeys } from '../orgs/orgs.api';
import { electionKeys, recordElection } from './elections.api';

interface Values {
  electedOn: Dayjs | null;
  method: ElectionMethod;
  termYears: 3 | 5;
  eligibleVoters: number;
  presentVoters: number;
  secretary: { name: string; votes: number };
  committee: Array<{ name: string; votes: number }>;
  approvalRef: string | null;
  note: string | null;
}

const FIELDS = [
  'electedOn',
  'method',
  'termYears',
  'eligibleVoters',
  'presentVoters',
  'secretary',
  'committee',
  'approvalRef',
  'note',
];
const STALE_FIELDS = [
  { name: 'termStart', label: '本届任期开始' },
  { name: 'secretaryName', label: '书记' },
  { name: 'committee', label: '委员' },
];

export function ElectionFormDrawer({ org, onClose }: { org: OrgDetail; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errors = useSaveErrors<OrgDetail>(form, FIELDS);
  const mutation = useMutation({
    mutationFn: (v: Values) =>
      recordElection(org.id, {
        ...v,
        electedOn: toIsoDate(v.electedOn) ?? '',
        committee: v.committee ?? [],
        orgVersion: org.version,
      }),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: orgKeys.all });
      void queryClient.invalidateQueries({ queryKey: electionKeys.all });
      message.success(`换届选举已登记，新一届任期至${r.org.termEnd}`);
      onClose();
    },
    onError: (e, v) => errors.fail(e, { ...v }),
  });
  return (
    <FormDrawer<OrgDetail, Values>
      title={`换届选举：${org.name}`}
      width={620}
      form={form}
      saving={mutation.isPending}
      submitTestId="election-submit"
      errors={errors}
      staleFields={STALE_FIELDS}
      onClose={onClose}
      // Votes are left blank for the user to enter.
      initialValues={
        {
          electedOn: dayjs(),
          method: 'direct_competitive',
          termYears: org.termYears === 3 ? 3 : 5,
          secretary: { name: org.secretaryName ?? '' },
          committee: org.committee.filter((n) => n !== org.secretaryName).map((name) => ({ name })),
        } as Partial<Values>
      }
      onFinish={(v) => mutation.mutate(v)}
      valuesOf={() => ({})}
      onReload={() => {
        // The org changed meanwhile (its term or committee): start again from it as it now stands.
        void queryClient.invalidateQueries({ queryKey: orgKeys.all });
        onClose();
      }}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="保存后自动开始新一届任期：任期开始日期、书记和委员随之更新。"
        description="到会有选举权人数须超过应到人数的五分之四；当选人得票须超过实到人数的一半。"
      />
      <Space size={16} wrap>
        <Form.Item name="electedOn" label="选举日期" rules={[{ required: true, message: '请选择选举日期' }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="termYears" label="任期" rules={[{ required: true, message: '请选择任期' }]}>
          <Radio.Group
            options={[
              { value: 3, label: '3年' },
              { value: 5, label: '5年' },
            ]}
          />
        </Form.Item>
      </Space>
      <Form.Item name="method" label="选举方式" rules={[{ required: true, message: '请选择选举方式' }]}>
        <Select options={ELECTION_METHODS.map((m) => ({ value: m, label: ELECTION_METHOD_LABELS[m] }))} />
      </Form.Item>
      <Space size={16} wrap>
        <Form.Item name="eligibleVoters" label="应到人数" rules={[{ required: true, message: '请填写应到人数' }]}>
          <InputNumber min={1} precision={0} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="presentVoters" label="实到人数" rules={[{ required: true, message: '请填写实到人数' }]}>
          <InputNumber min={1} precision={0} style={{ width: 140 }} />
        </Form.Item>
      </Space>
      <Space size={16} wrap>
        <Form.Item
          name={['secretary', 'name']}
          label="书记"
          rules={[{ required: true, whitespace: true, message: '请填写书记姓名' }]}
        >
          <Input maxLength={50} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name={['secretary', 'votes']} label="得票" rules={[{ required: true, message: '请填写得票数' }]}>
          <InputNumber min={0} precision={0} style={{ width: 120 }} />
        </Form.Item>
      </Space>
      <Form.List name="committee">
        {(items, { add, remove }) => (
          <Form.Item label="其他委员（未设委员会的支部可不填）">
            {items.map((item) => (
              <Space key={item.key} align="baseline" style={{ display: 'flex' }} wrap>
                <Form.Item
                  name={[item.name, 'name']}
                  rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
                  style={{ marginBottom: 8 }}
                >
                  <Input placeholder="姓名" maxLength={50} style={{ width: 160 }} />
                </Form.Item>
                <Form.Item
                  name={[item.name, 'votes']}
                  rules={[{ required: true, message: '请填写得票数' }]}
                  style={{ marginBottom: 8 }}
                >
                  <InputNumber placeholder="得票" min={0} precision={0} style={{ width: 110 }} />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(item.name)} aria-label="删除委员" />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
              添加委员
            </Button>
          </Form.Item>
        )}
      </Form.List>
      <Form.Item name="approvalRef" label="上级批复文号">
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="note" label="备注">
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </FormDrawer>
  );
}
