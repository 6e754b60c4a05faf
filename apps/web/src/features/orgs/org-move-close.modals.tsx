// 调整隶属关系 (move under another parent) and 撤销 (close, with a reason). The server's refusals are shown as they are.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ActionError } from '../../ui/action-error';
import { memberKeys } from '../members/members.api';
import { OrgTreeSelect } from './org-tree-select.component';
import { closeOrg, moveOrg, type OrgDetail, orgKeys } from './orgs.api';

export function OrgMoveModal({ open, org, onClose }: { open: boolean; org: OrgDetail; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [parentId, setParentId] = useState<number | null>(null);
  const mutation = useMutation({
    mutationFn: () => moveOrg(org.id, { parentId: parentId!, version: org.version }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: orgKeys.all });
      void queryClient.invalidateQueries({ queryKey: memberKeys.all });
      message.success(`已将 ${saved.name} 调整到新的上级组织之下`);
      onClose();
    },
  });
  useEffect(() => {
    if (open) {
      setParentId(null);
      mutation.reset();
    }
  }, [open, mutation.reset]);
  return (
    <Modal
      open={open}
      title={`调整隶属关系：${org.name}`}
      okText="确定调整"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => mutation.mutate()}
      okButtonProps={{ disabled: !parentId || parentId === org.parentId }}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        调整后，该组织及其全部下级组织、党员将随之归入新的上级组织，统计数据同步更新。此操作记入审计日志。
      </Typography.Paragraph>
      <ActionError title="不能调整" error={mutation.error} />
      <Form layout="vertical">
        <Form.Item label="当前上级组织">
          <Typography.Text>{org.breadcrumb.at(-2)?.name ?? '—'}</Typography.Text>
        </Form.Item>
        <Form.Item label="新的上级组织" required extra="不能选择本组织或其下级组织，已撤销的组织不可选">
          <OrgTreeSelect
            value={parentId}
            onChange={setParentId}
            isDisabled={(o) => o.path.startsWith(org.path) || o.closedAt !== null}
            data-testid="org-move-target"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function OrgCloseModal({ open, org, onClose }: { open: boolean; org: OrgDetail; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string; confirmName: string }>();
  const mutation = useMutation({
    mutationFn: (reason: string) => closeOrg(org.id, { version: org.version, reason }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: orgKeys.all });
      message.success(`已撤销 ${org.name}`);
      onClose();
    },
  });
  useEffect(() => {
    if (open) {
      form.resetFields();
      mutation.reset();
    }
  }, [open, form, mutation.reset]);
  return (
    <Modal
      open={open}
      title={`撤销组织：${org.name}`}
      okText="确定撤销"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        message="撤销后该组织不再出现在组织树中，历史记录保留，不可直接恢复。"
        description="撤销前须先将下级组织调整或撤销，将党员组织关系全部转出，并把单位台账中由其管理或覆盖的单位调整到其他党组织。"
        style={{ marginBottom: 12 }}
      />
      <ActionError title="不能撤销" error={mutation.error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => mutation.mutate(v.reason.trim())}
        disabled={mutation.isPending}
      >
        <Form.Item
          name="reason"
          label="撤销原因"
          rules={[
            { required: true, whitespace: true, message: '请填写撤销原因' },
            { max: 200, message: '撤销原因不能超过200个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount placeholder="如：村组合并，党员已全部转入××村党支部" />
        </Form.Item>
        <Form.Item
          name="confirmName"
          label={`请输入组织名称“${org.name}”以确认`}
          rules={[
            {
              validator: async (_, v: string | undefined) => {
                if ((v ?? '').trim() !== org.name) throw new Error('输入的名称与组织名称不一致');
              },
            },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
