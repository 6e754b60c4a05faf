// 组织关系转出: choose the receiving org (any open org, searched by name or pinyin initials), reason, letter number.
import { ORG_KIND_LABELS, ZTransferCreate } from '@grassroots/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Select, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../../app/api-client';
import { applyServerFieldErrors } from '../../ui/form-errors';
import { useDebouncedValue } from '../../ui/use-debounced-value';
import { emptyToNull, zodRule } from '../../ui/zod-rule';
import { orgKeys, searchTransferTargets } from '../orgs/orgs.api';
import { type Member, memberKeys, requestTransfer } from './members.api';

interface Values {
  toOrgId: number;
  reason?: string;
  letterNo?: string;
}

export function MemberTransferModal({ open, member, onClose }: { open: boolean; member: Member; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const term = useDebouncedValue(text.trim(), 250);
  const [error, setError] = useState<string | null>(null);
  const targets = useQuery({
    queryKey: orgKeys.transferTargets(term),
    queryFn: ({ signal }) => searchTransferTargets(term, signal),
    enabled: term.length > 0,
  });
  useEffect(() => {
    if (open) {
      form.resetFields();
      setText('');
      setError(null);
    }
  }, [open, form]);

  const mutation = useMutation({
    mutationFn: (v: Values) =>
      requestTransfer(member.id, {
        toOrgId: v.toOrgId,
        reason: v.reason?.trim() || null,
        letterNo: v.letterNo?.trim() || null,
        version: member.version,
      }),
    onSuccess: (t) => {
      void queryClient.invalidateQueries({ queryKey: memberKeys.all });
      message.success(`已发起转接，等待 ${t.toOrgName} 接收`);
      onClose();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'STALE_VERSION') {
        void queryClient.invalidateQueries({ queryKey: memberKeys.detail(member.id) });
        setError('该党员的信息已被他人修改，已为您加载最新内容，请确认后重新发起。');
        return;
      }
      const rest = applyServerFieldErrors(form, e, ['toOrgId', 'reason', 'letterNo']);
      setError(rest.length ? rest.join('；') : e instanceof ApiError && e.fields ? null : errorMessage(e));
    },
  });

  return (
    <Modal
      open={open}
      title={`组织关系转出：${member.name}`}
      okText="发起转接"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      maskClosable={false}
    >
      <Typography.Paragraph type="secondary">
        发起后须由转入组织确认接收；接收前该党员仍计入原组织（{member.orgName}），转出组织可以撤销。
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={mutation.isPending}
        onFinish={(v) => {
          setError(null);
          mutation.mutate(v);
        }}
      >
        <Form.Item name="toOrgId" label="转入组织" rules={[{ required: true, message: '请选择转入组织' }]}>
          <Select<number>
            showSearch
            filterOption={false}
            onSearch={setText}
            placeholder="输入组织名称或拼音首字母搜索"
            notFoundContent={
              targets.isFetching ? <Spin size="small" /> : term ? '未找到匹配的组织' : '请输入名称或拼音首字母'
            }
            options={(targets.data?.items ?? [])
              .filter((o) => o.id !== member.orgId)
              .map((o) => ({ value: o.id, label: `${o.name}（${ORG_KIND_LABELS[o.kind]}）` }))}
            data-testid="transfer-target"
          />
        </Form.Item>
        <Form.Item name="letterNo" label="介绍信编号" rules={[zodRule(ZTransferCreate.shape.letterNo, emptyToNull)]}>
          <Input maxLength={50} placeholder="如：组转字〔2026〕第015号" />
        </Form.Item>
        <Form.Item name="reason" label="转接原因" rules={[zodRule(ZTransferCreate.shape.reason, emptyToNull)]}>
          <Input.TextArea rows={3} maxLength={200} showCount placeholder="如：工作调动、外出务工、升学等" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
