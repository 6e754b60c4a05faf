// 用户管理: accounts whose grants lie in the admin's scope; create, edit grants, disable, reset password, unlock.
import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Dropdown, Form, Input, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../app/api-client';
import { useAuth } from '../../app/auth-context';
import { applyServerFieldErrors } from '../../ui/form-errors';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { confirmPasswordRule, newPasswordRule } from '../../ui/password-rules';
import { EmptyState, ErrorState } from '../../ui/query-states';
import { PASSWORD_POLICY_HINT } from '../auth/change-password.modal';
import { UserFormDrawer } from './user-form.drawer';
import {
  fetchUser,
  fetchUsers,
  isLocked,
  resetUserPassword,
  type User,
  unlockUser,
  updateUser,
  userKeys,
} from './users.api';

function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (password: string) => resetUserPassword(user!.id, password),
    onSuccess: () => {
      message.success(`已重置 ${user?.name} 的密码，该用户需使用新密码重新登录`);
      onClose();
    },
    onError: (e) => {
      const rest = applyServerFieldErrors(form, e, ['password']);
      setError(rest.length ? rest.join('；') : (e as { fields?: unknown }).fields ? null : errorMessage(e));
    },
  });
  return (
    <Modal
      open={user !== null}
      title={`重置密码：${user?.name ?? ''}（${user?.username ?? ''}）`}
      okText="重置密码"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        重置后该用户的登录会话全部失效，锁定同时解除。请通过安全渠道告知新密码。
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) => {
          setError(null);
          mutation.mutate(v.password);
        }}
      >
        <Form.Item
          name="password"
          label="新密码"
          extra={PASSWORD_POLICY_HINT}
          rules={[newPasswordRule(() => user?.username ?? '')]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认新密码"
          dependencies={['password']}
          rules={[confirmPasswordRule('password')]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function UserListPage() {
  const auth = useAuth();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() || undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const query = { q, page, pageSize: 20 };
  const list = useQuery({
    queryKey: userKeys.list(query),
    queryFn: ({ signal }) => fetchUsers(query, signal),
    placeholderData: keepPreviousData,
    enabled: auth.can('users:read'),
  });
  const [editing, setEditing] = useState<User | null | 'new'>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const canManage = auth.can('users:manage');

  const refresh = () => void queryClient.invalidateQueries({ queryKey: userKeys.all });
  const act = useMutation({
    mutationFn: async (v: { user: User; action: 'disable' | 'enable' | 'unlock' }) => {
      if (v.action === 'unlock') return unlockUser(v.user.id);
      // The list row may be old: take the current version first.
      const current = await fetchUser(v.user.id);
      return updateUser(v.user.id, { disabled: v.action === 'disable', version: current.version });
    },
    onSuccess: (_u, v) => {
      refresh();
      message.success(
        v.action === 'unlock'
          ? `已解除 ${v.user.name} 的锁定`
          : v.action === 'disable'
            ? `已停用 ${v.user.name}`
            : `已启用 ${v.user.name}`,
      );
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const openEdit = async (u: User) => {
    try {
      setEditing(
        await queryClient.fetchQuery({ queryKey: userKeys.detail(u.id), queryFn: () => fetchUser(u.id), staleTime: 0 }),
      );
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  if (!auth.can('users:read')) return <ErrorState error={{ status: 403, message: '您没有查看用户的权限' }} />;

  return (
    <div>
      <PageHeader
        breadcrumb={[
          { key: 'sys', title: '系统管理' },
          { key: 'users', title: '用户管理' },
        ]}
        title="用户管理"
        extra={
          canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              新建用户
            </Button>
          ) : null
        }
      />
      <Card size="small">
        <Input.Search
          allowClear
          defaultValue={q}
          placeholder="用户名或姓名"
          onSearch={(v) => {
            const next = new URLSearchParams(params);
            if (v.trim()) next.set('q', v.trim());
            else next.delete('q');
            next.delete('page');
            setParams(next);
          }}
          style={{ maxWidth: 320, marginBottom: 12 }}
          aria-label="搜索用户"
        />
        {list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<User>
            rowKey="id"
            size="middle"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: '用户名', dataIndex: 'username', fixed: 'left' },
              { title: '姓名', dataIndex: 'name' },
              {
                title: '角色与管辖范围',
                key: 'grants',
                render: (_: unknown, u) => (
                  <Space size={[4, 4]} wrap style={{ maxWidth: 420 }}>
                    {u.grants.map((g) => (
                      <Tooltip
                        key={`${g.role}-${g.orgId}`}
                        title={`${g.includeSubtree ? '含下级组织' : '仅本级'}${g.validFrom || g.validTo ? `，有效期 ${g.validFrom ?? '不限'} 至 ${g.validTo ?? '长期'}` : ''}`}
                      >
                        <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                          {g.roleLabel} · {g.orgName}
                        </Tag>
                      </Tooltip>
                    ))}
                  </Space>
                ),
              },
              {
                title: '状态',
                key: 'state',
                render: (_: unknown, u) =>
                  u.disabled ? (
                    <Tag>已停用</Tag>
                  ) : isLocked(u) ? (
                    <Tooltip title={`锁定至 ${formatDateTime(u.lockedUntil)}`}>
                      <Tag color="orange" icon={<LockOutlined />}>
                        已锁定
                      </Tag>
                    </Tooltip>
                  ) : (
                    <Tag color="green">正常</Tag>
                  ),
              },
              {
                title: '最后登录',
                dataIndex: 'lastLoginAt',
                render: (v: string | null) => (v ? formatDateTime(v) : '从未登录'),
              },
              ...(canManage
                ? [
                    {
                      title: '操作',
                      key: 'actions',
                      fixed: 'right' as const,
                      render: (_: unknown, u: User) => (
                        <Space size={0}>
                          <Button type="link" size="small" onClick={() => void openEdit(u)}>
                            编辑
                          </Button>
                          <Dropdown
                            menu={{
                              items: [
                                { key: 'reset', label: '重置密码', onClick: () => setResetting(u) },
                                ...(isLocked(u)
                                  ? [
                                      {
                                        key: 'unlock',
                                        label: '解除锁定',
                                        disabled: act.isPending,
                                        onClick: () => act.mutate({ user: u, action: 'unlock' }),
                                      },
                                    ]
                                  : []),
                                u.disabled
                                  ? {
                                      key: 'enable',
                                      label: '启用账户',
                                      disabled: act.isPending,
                                      onClick: () => act.mutate({ user: u, action: 'enable' }),
                                    }
                                  : {
                                      key: 'disable',
                                      label: '停用账户',
                                      danger: true,
                                      disabled: u.id === auth.user?.id || act.isPending,
                                      onClick: () =>
                                        modal.confirm({
                                          title: `停用 ${u.name}（${u.username}）？`,
                                          content: '停用后该用户立即退出登录且不能再登录，可随时重新启用。',
                                          okText: '停用',
                                          okButtonProps: { danger: true },
                                          cancelText: '取消',
                                          onOk: () => act.mutateAsync({ user: u, action: 'disable' }),
                                        }),
                                    },
                              ],
                            }}
                          >
                            <Button type="link" size="small">
                              更多
                            </Button>
                          </Dropdown>
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
            pagination={{
              current: page,
              pageSize: 20,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (t) => `共 ${t} 个用户`,
              onChange: (p) => {
                const next = new URLSearchParams(params);
                next.set('page', String(p));
                setParams(next);
              },
            }}
            locale={{
              emptyText: list.isPending ? ' ' : <EmptyState description={q ? '没有匹配的用户' : '暂无用户'} />,
            }}
          />
        )}
      </Card>
      <UserFormDrawer
        open={editing !== null}
        user={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </div>
  );
}
