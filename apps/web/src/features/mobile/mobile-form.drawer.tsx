// 登记 / 编辑流动党员: where the member is, since when, whom to call, the receiving station; 失联 when editing.
import { type TMobileCreate, ZMobileCreate } from '@grassroots/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { FormDrawer, useSaveErrors } from '../../ui/form-drawer';
import { fromIsoDate, toIsoDate } from '../../ui/format';
import { useDebouncedValue } from '../../ui/use-debounced-value';
import { emptyToNull, zodRule } from '../../ui/zod-rule';
import { fetchMembers, memberKeys } from '../members/members.api';
import { createMobileMember, type MobileMember, mobileKeys, updateMobileMember } from './mobile.api';

interface Values {
  memberId?: number;
  destinationRegion: string;
  workplace?: string;
  since: Dayjs | null;
  contactName?: string;
  contactPhone?: string;
  station?: string;
  note?: string;
  lostContact?: boolean;
}

const FIELDS = [
  'memberId',
  'destinationRegion',
  'workplace',
  'since',
  'contactName',
  'contactPhone',
  'station',
  'note',
];
const STALE_FIELDS = [
  { name: 'destinationRegion', label: '流入地' },
  { name: 'workplace', label: '工作单位' },
  { name: 'since', label: '外出日期' },
  { name: 'contactName', label: '联系人' },
  { name: 'contactPhone', label: '联系电话' },
  { name: 'station', label: '流入地党组织/服务站' },
  { name: 'lostContact', label: '失联', format: (v: unknown) => (v ? '是' : '否') },
];
const text = (s: string | undefined) => (s?.trim() ? s.trim() : null);
const shape = ZMobileCreate.shape;

function valuesOf(r: MobileMember): Values {
  return {
    destinationRegion: r.destinationRegion,
    workplace: r.workplace ?? '',
    since: fromIsoDate(r.since),
    contactName: r.contactName ?? '',
    contactPhone: r.contactPhone ?? '',
    station: r.station ?? '',
    note: r.note ?? '',
    lostContact: r.lostContact,
  };
}

/** Members of the chosen subtree found by name or pinyin initials. */
function MemberPicker({ orgId, value, onChange }: { orgId: number; value?: number; onChange?: (v: number) => void }) {
  const [text, setText] = useState('');
  const term = useDebouncedValue(text.trim(), 250);
  const q = { orgId, q: term, page: 1, pageSize: 20, sort: 'name' as const };
  const found = useQuery({
    queryKey: memberKeys.list(q),
    queryFn: ({ signal }) => fetchMembers(q, signal),
    enabled: term.length > 0,
  });
  return (
    <Select<number>
      showSearch
      value={value}
      onChange={onChange}
      filterOption={false}
      onSearch={setText}
      placeholder="输入姓名或拼音首字母搜索"
      notFoundContent={term ? (found.isFetching ? '搜索中…' : '未找到') : '请输入姓名'}
      options={(found.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.name}（${m.orgName}）` }))}
    />
  );
}

export function MobileFormDrawer({
  orgId,
  memberId,
  record,
  onClose,
}: {
  orgId: number;
  /** Given when registering from a member's page. */
  memberId?: number;
  record: MobileMember | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [base, setBase] = useState<MobileMember | null>(record);
  const errors = useSaveErrors<MobileMember>(form, FIELDS);
  const mutation = useMutation({
    mutationFn: (v: Values) => {
      const fields = {
        destinationRegion: v.destinationRegion.trim(),
        workplace: text(v.workplace),
        since: toIsoDate(v.since) ?? '',
        contactName: text(v.contactName),
        contactPhone: text(v.contactPhone),
        station: text(v.station),
        note: text(v.note),
      };
      if (base)
        return updateMobileMember(base.id, { ...fields, lostContact: v.lostContact ?? false, version: base.version });
      const input: TMobileCreate = { ...fields, memberId: memberId ?? v.memberId! };
      return createMobileMember(input);
    },
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: mobileKeys.all });
      void queryClient.invalidateQueries({ queryKey: memberKeys.detail(r.memberId) });
      message.success(record ? '已保存' : `已登记流动党员 ${r.memberName}`);
      onClose();
    },
    onError: (e, v) => errors.fail(e, { ...v, since: toIsoDate(v.since) }),
  });
  return (
    <FormDrawer<MobileMember, Values>
      title={record ? `编辑流动党员：${record.memberName}` : '登记流动党员'}
      onClose={onClose}
      width={560}
      form={form}
      saving={mutation.isPending}
      submitTestId="mobile-form-submit"
      initialValues={record ? valuesOf(record) : { since: dayjs() }}
      onFinish={(v) => mutation.mutate(v)}
      errors={errors}
      staleFields={STALE_FIELDS}
      valuesOf={valuesOf}
      onReload={(current) => {
        setBase(current);
        void queryClient.invalidateQueries({ queryKey: mobileKeys.all });
      }}
    >
      {!record && memberId === undefined ? (
        <Form.Item name="memberId" label="党员" rules={[{ required: true, message: '请选择党员' }]}>
          <MemberPicker orgId={orgId} />
        </Form.Item>
      ) : null}
      <Form.Item name="destinationRegion" label="流入地" required rules={[zodRule(shape.destinationRegion)]}>
        <Input maxLength={100} placeholder="如：广东省深圳市宝安区" />
      </Form.Item>
      <Form.Item name="workplace" label="工作单位或务工地点" rules={[zodRule(shape.workplace, emptyToNull)]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="since" label="外出日期" rules={[{ required: true, message: '请选择外出日期' }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="contactName" label="联系人" rules={[zodRule(shape.contactName, emptyToNull)]}>
        <Input maxLength={50} placeholder="本人或家属" />
      </Form.Item>
      <Form.Item name="contactPhone" label="联系电话" rules={[zodRule(shape.contactPhone, emptyToNull)]}>
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item name="station" label="流入地党组织/流动党员服务站" rules={[zodRule(shape.station, emptyToNull)]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="note" label="备注" rules={[zodRule(shape.note, emptyToNull)]}>
        <Input.TextArea rows={2} maxLength={200} showCount />
      </Form.Item>
      {record ? (
        <Form.Item name="lostContact" label="失联" valuePropName="checked" extra="登记一次联系后自动取消失联标记">
          <Switch />
        </Form.Item>
      ) : null}
    </FormDrawer>
  );
}
