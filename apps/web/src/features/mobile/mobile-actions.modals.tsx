// 登记联系 and 返回 of a mobile member: small forms with the server's field errors inline and the 409 message.
import { MOBILE_CONTACT_METHOD_LABELS, MOBILE_CONTACT_METHODS, type MobileContactMethod } from '@grassroots/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../app/api-client';
import { applyServerFieldErrors } from '../../ui/form-errors';
import { toIsoDate } from '../../ui/format';
import { memberKeys } from '../members/members.api';
import { logContact, type MobileMember, markReturned, mobileKeys } from './mobile.api';

interface Values {
  date: Dayjs | null;
  method?: MobileContactMethod;
  note?: string;
}

export function MobileActionModal({
  kind,
  record,
  onClose,
}: {
  kind: 'contact' | 'return';
  record: MobileMember;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const dateField = kind === 'contact' ? 'contactedOn' : 'returnedOn';
  const mutation = useMutation({
    mutationFn: (v: Values) => {
      const date = toIsoDate(v.date) ?? '';
      const note = v.note?.trim() || null;
      return kind === 'contact'
        ? logContact(record.id, { contactedOn: date, method: v.method!, note, version: record.version })
        : markReturned(record.id, { returnedOn: date, note, version: record.version });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: mobileKeys.all });
      void queryClient.invalidateQueries({ queryKey: memberKeys.detail(record.memberId) });
      message.success(kind === 'contact' ? '已登记联系' : `已登记 ${record.memberName} 返回`);
      onClose();
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'STALE_VERSION') {
        void queryClient.invalidateQueries({ queryKey: mobileKeys.all });
        setError('记录已被他人修改，已为您加载最新内容，请确认后重新提交。');
        return;
      }
      const rest = applyServerFieldErrors(form, e, ['date', 'method', 'note'], { [dateField]: 'date' });
      setError(rest.length ? rest.join('；') : isApiError(e) && e.fields ? null : errorMessage(e));
    },
  });
  return (
    <Modal
      open
      title={`${kind === 'contact' ? '登记联系' : '登记返回'}：${record.memberName}`}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      maskClosable={false}
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={mutation.isPending}
        initialValues={{ date: dayjs(), method: 'phone' }}
        onFinish={(v) => {
          setError(null);
          mutation.mutate(v);
        }}
      >
        <Form.Item
          name="date"
          label={kind === 'contact' ? '联系日期' : '返回日期'}
          rules={[{ required: true, message: '请选择日期' }]}
        >
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        {kind === 'contact' ? (
          <Form.Item name="method" label="联系方式" rules={[{ required: true, message: '请选择联系方式' }]}>
            <Select
              options={MOBILE_CONTACT_METHODS.map((m) => ({ value: m, label: MOBILE_CONTACT_METHOD_LABELS[m] }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="note"
          label={kind === 'contact' ? '联系情况' : '备注'}
          rules={[{ max: 200, message: '不能超过200个字' }]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
