import { PASSWORD_MIN_LENGTH, passwordProblem } from '@grassroots/domain';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../app/api-client';
import { applyServerFieldErrors } from '../../ui/form-errors';
import { changeOwnPassword } from './auth.api';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

export const PASSWORD_POLICY_HINT = `至少${PASSWORD_MIN_LENGTH}位，包含大写字母、小写字母、数字、符号中的至少三类，不能与用户名相同，不能是常见密码`;

export function ChangePasswordModal({
  open,
  onClose,
  username,
}: {
  open: boolean;
  onClose: () => void;
  username: string;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const [otherError, setOtherError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (v: Values) => changeOwnPassword({ oldPassword: v.oldPassword, newPassword: v.newPassword }),
    onSuccess: () => {
      message.success('密码已修改');
      form.resetFields();
      onClose();
    },
    onError: (e) => {
      const rest = applyServerFieldErrors(form, e, ['oldPassword', 'newPassword']);
      setOtherError(rest.length ? rest.join('；') : (e as { fields?: unknown }).fields ? null : errorMessage(e));
    },
  });
  return (
    <Modal
      open={open}
      title="修改密码"
      okText="确定修改"
      cancelText="取消"
      onCancel={() => {
        form.resetFields();
        setOtherError(null);
        onClose();
      }}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      {otherError ? <Alert type="error" showIcon message={otherError} style={{ marginBottom: 12 }} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setOtherError(null);
          mutation.mutate(v);
        }}
        disabled={mutation.isPending}
      >
        <Form.Item name="oldPassword" label="原密码" rules={[{ required: true, message: '请填写原密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          extra={PASSWORD_POLICY_HINT}
          rules={[
            { required: true, message: '请填写新密码' },
            {
              validator: async (_, v: string | undefined) => {
                const p = v ? passwordProblem(v, username) : null;
                if (p) throw new Error(p);
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: async (_, v: string | undefined) => {
                if (v && v !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致');
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
