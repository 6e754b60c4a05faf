// 新建/编辑用户: account, name, password (new users), grants — each a role at an org of the admin's scope, with or
// without its subtree, optionally time-bounded.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ROLE_LABELS, ROLES, type Role, ZUserCreate } from '@grassroots/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Form, Input, Row, Select, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useAuth } from '../../app/auth-context';
import { FormDrawer, useSaveErrors } from '../../ui/form-drawer';
import { fromIsoDate, toIsoDate } from '../../ui/format';
import { confirmPasswordRule, newPasswordRule } from '../../ui/password-rules';
import { zodRule } from '../../ui/zod-rule';
import { formatAuditValue } from '../audit/audit-labels';
import { PASSWORD_POLICY_HINT } from '../auth/change-password.modal';
import { OrgTreeSelect } from '../orgs/org-tree-select.component';
import { createUser, type GrantInput, type User, updateUser, userKeys } from './users.api';

interface GrantValues {
  role?: Role;
  orgId?: number | null;
  orgName?: string;
  includeSubtree: boolean;
  validFrom?: Dayjs | null;
  validTo?: Dayjs | null;
}

interface UserFormValues {
  username: string;
  name: string;
  password?: string;
  confirm?: string;
  grants: GrantValues[];
}

const ROLE_HINTS: Record<Role, string> = {
  system_admin: '全部功能，含用户和审计',
  org_department_admin: '组织、党员、转接、敏感信息、用户管理、审计',
  township_admin: '本乡镇(街道)组织和党员的维护，查看用户和审计',
  branch_secretary: '本支部党员的维护、转接和敏感信息查看',
  grid_worker: '只读查看组织和党员（敏感信息脱敏）',
  readonly_leader: '只读查看组织、党员和审计日志',
};

const FIELDS = ['username', 'name', 'password', 'grants'] as const;

const STALE_FIELDS = [
  { name: 'name', label: '姓名' },
  { name: 'grants', label: '授权', format: (v: unknown) => formatAuditValue('grants', v) },
];

function valuesOf(user: User): UserFormValues {
  return {
    username: user.username,
    name: user.name,
    grants: user.grants.map((g) => ({
      role: g.role,
      orgId: g.orgId,
      orgName: g.orgName,
      includeSubtree: g.includeSubtree,
      validFrom: fromIsoDate(g.validFrom),
      validTo: fromIsoDate(g.validTo),
    })),
  };
}

function grantsOf(values: GrantValues[]): GrantInput[] {
  return values.map((g) => ({
    role: g.role!,
    orgId: g.orgId!,
    includeSubtree: g.includeSubtree,
    validFrom: toIsoDate(g.validFrom),
    validTo: toIsoDate(g.validTo),
  }));
}

export function UserFormDrawer({ open, user, onClose }: { open: boolean; user: User | null; onClose: () => void }) {
  const mode = user ? 'edit' : 'create';
  const [form] = Form.useForm<UserFormValues>();
  const { message } = App.useApp();
  const auth = useAuth();
  const queryClient = useQueryClient();
  const [base, setBase] = useState<User | null>(user);
  const errors = useSaveErrors<User>(form, FIELDS);
  const { clear } = errors;
  const isSystemAdmin = (auth.user?.grants ?? []).some((g) => g.role === 'system_admin');

  useEffect(() => {
    if (!open) return;
    setBase(user);
    clear();
    form.resetFields();
    form.setFieldsValue(user ? valuesOf(user) : { grants: [{ includeSubtree: true }] });
  }, [open, user, form, clear]);

  const mutation = useMutation({
    mutationFn: (v: UserFormValues) =>
      base
        ? updateUser(base.id, { name: v.name.trim(), grants: grantsOf(v.grants), version: base.version })
        : createUser({
            username: v.username.trim(),
            name: v.name.trim(),
            password: v.password!,
            grants: grantsOf(v.grants),
          }),
    onSuccess: (u) => {
      void queryClient.invalidateQueries({ queryKey: userKeys.all });
      message.success(user ? '已保存' : `已新建用户 ${u.username}`);
      onClose();
    },
    onError: (e, v) => errors.fail(e, { name: v.name, grants: v.grants }),
  });

  const roleOptions = ROLES.filter((r) => r !== 'system_admin' || isSystemAdmin).map((r) => ({
    value: r,
    label: (
      <span>
        {ROLE_LABELS[r]}
        <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>
          {ROLE_HINTS[r]}
        </Typography.Text>
      </span>
    ),
  }));

  return (
    <FormDrawer<User, UserFormValues>
      open={open}
      onClose={onClose}
      title={user ? `编辑用户：${user.name}（${user.username}）` : '新建用户'}
      width={760}
      form={form}
      saving={mutation.isPending}
      submitTestId="user-form-submit"
      onFinish={(v) => mutation.mutate(v)}
      errors={errors}
      staleFields={STALE_FIELDS}
      valuesOf={valuesOf}
      onReload={(current) => {
        setBase(current);
        void queryClient.invalidateQueries({ queryKey: userKeys.all });
      }}
    >
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="username"
            label="用户名"
            required
            rules={mode === 'create' ? [zodRule(ZUserCreate.shape.username)] : []}
            extra={mode === 'create' ? '3-32位字母、数字、下划线、点或短横线，创建后不可修改' : undefined}
          >
            <Input disabled={mode === 'edit'} autoComplete="off" maxLength={32} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="name" label="姓名" required rules={[zodRule(ZUserCreate.shape.name)]}>
            <Input maxLength={50} autoComplete="off" />
          </Form.Item>
        </Col>
        {mode === 'create' ? (
          <>
            <Col xs={24} sm={12}>
              <Form.Item
                name="password"
                label="初始密码"
                required
                extra={PASSWORD_POLICY_HINT}
                dependencies={['username']}
                rules={[newPasswordRule((get) => String(get('username') ?? ''))]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                name="confirm"
                label="确认密码"
                required
                dependencies={['password']}
                rules={[confirmPasswordRule('password')]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
          </>
        ) : null}
      </Row>
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        角色与管辖范围
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        每项授权为“在某个组织担任某个角色”。用户的权限是各项授权的合集；只能授予您管辖范围内的组织。
      </Typography.Paragraph>
      <Form.List
        name="grants"
        rules={[
          {
            validator: async (_, grants: GrantValues[] | undefined) => {
              if (!grants || grants.length === 0) throw new Error('至少授予一个角色');
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, i) => (
              <Card
                key={field.key}
                size="small"
                style={{ marginBottom: 12, background: '#fafafa' }}
                title={`授权 ${i + 1}`}
                extra={
                  fields.length > 1 ? (
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label="删除此授权"
                    >
                      删除
                    </Button>
                  ) : null
                }
              >
                <Row gutter={12}>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name={[field.name, 'role']}
                      label="角色"
                      rules={[{ required: true, message: '请选择角色' }]}
                    >
                      <Select
                        options={roleOptions}
                        optionLabelProp="value"
                        labelRender={(o) => ROLE_LABELS[o.value as Role]}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item noStyle shouldUpdate>
                      {() => (
                        <Form.Item
                          name={[field.name, 'orgId']}
                          label="组织"
                          rules={[{ required: true, message: '请选择组织' }]}
                        >
                          <OrgTreeSelect
                            labelHint={form.getFieldValue(['grants', field.name, 'orgName']) as string | undefined}
                          />
                        </Form.Item>
                      )}
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item name={[field.name, 'includeSubtree']} label="含下级组织" valuePropName="checked">
                      <Switch checkedChildren="含下级" unCheckedChildren="仅本级" />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={8}>
                    <Form.Item name={[field.name, 'validFrom']} label="生效日期">
                      <DatePicker style={{ width: '100%' }} placeholder="立即生效" />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={8}>
                    <Form.Item
                      name={[field.name, 'validTo']}
                      label="失效日期"
                      dependencies={[['grants', field.name, 'validFrom']]}
                      rules={[
                        ({ getFieldValue }) => ({
                          validator: async (_, v: Dayjs | null | undefined) => {
                            const from = getFieldValue(['grants', field.name, 'validFrom']) as Dayjs | null | undefined;
                            if (v && from && v.isBefore(from, 'day')) throw new Error('失效日期不能早于生效日期');
                          },
                        }),
                      ]}
                    >
                      <DatePicker style={{ width: '100%' }} placeholder="长期有效" />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
            ))}
            <Button
              type="dashed"
              block
              icon={<PlusOutlined />}
              onClick={() => add({ includeSubtree: true })}
              disabled={fields.length >= 20}
            >
              添加授权
            </Button>
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>
    </FormDrawer>
  );
}
