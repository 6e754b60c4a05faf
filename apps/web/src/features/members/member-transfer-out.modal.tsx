// 转出系统外: on the introduction letter (介绍信编号 required), to an org outside the platform. Final when saved: the
// member leaves every count and list, the record stays readable.
import { ZTransferOut } from '@grassroots/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../app/api-client';
import { applyServerFieldErrors } from '../../ui/form-errors';
import { toIsoDate } from '../../ui/format';
import { emptyToNull, zodRule } from '../../ui/zod-rule';
import { orgKeys } from '../orgs/orgs.api';
import { type Member, memberKeys, transferOut } from './members.api';

interface Values {
  letterNo: string;
  destinationOrg: string;
  destinationRegion?: string;
  transferDate: Dayjs | null;
  reason?: string;
}

const FIELDS = ['letterNo', 'destinationOrg', 'destinationRegion', 'transferDate', 'reason'];

export function MemberTransferOutModal({ member, onClose }: { member: Member; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (v: Values) =>
      transferOut(member.id, {
        letterNo: v.letterNo.trim(),
        destinationOrg: v.destinationOrg.trim(),
        destinationRegion: v.destinationRegion?.trim() || null,
        transferDate: toIsoDate(v.transferDate) ?? '',
        reason: v.reason?.trim() || null,
        version: member.version,
      }),
    onSuccess: (t) => {
      void queryClient.invalidateQueries({ queryKey: memberKeys.all });
      void queryClient.invalidateQueries({ queryKey: orgKeys.all });
      message.success(`${member.name} 已转出至 ${t.toOrgName}`);
      onClose();
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'STALE_VERSION') {
        void queryClient.invalidateQueries({ queryKey: memberKeys.detail(member.id) });
        setError('记录已被他人修改，已为您加载最新内容，请确认后重新提交。');
        return;
      }
      const rest = applyServerFieldErrors(form, e, FIELDS);
      setError(rest.length ? rest.join('；') : isApiError(e) && e.fields ? null : errorMessage(e));
    },
  });
  const shape = ZTransferOut.shape;
  return (
    <Modal
      open
      title={`组织关系转出系统外：${member.name}`}
      okText="确认转出"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      maskClosable={false}
    >
      <Typography.Paragraph type="secondary">
        转往本平台以外的党组织（如外省市）。保存后该党员即不再计入 {member.orgName} 的党员数，记录保留备查。
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={mutation.isPending}
        initialValues={{ transferDate: dayjs() }}
        onFinish={(v) => {
          setError(null);
          mutation.mutate(v);
        }}
      >
        <Form.Item name="letterNo" label="介绍信编号" required rules={[zodRule(shape.letterNo)]}>
          <Input maxLength={50} placeholder="如：组转字〔2026〕第015号" data-testid="transfer-out-letter" />
        </Form.Item>
        <Form.Item name="destinationOrg" label="转往党组织" required rules={[zodRule(shape.destinationOrg)]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="destinationRegion" label="转往地区" rules={[zodRule(shape.destinationRegion, emptyToNull)]}>
          <Input maxLength={100} placeholder="如：浙江省杭州市" />
        </Form.Item>
        <Form.Item name="transferDate" label="转出日期" rules={[{ required: true, message: '请选择转出日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="reason" label="转出原因" rules={[zodRule(shape.reason, emptyToNull)]}>
          <Input.TextArea rows={2} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
