import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { ZLogin } from '@grassroots/domain';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect } from 'react';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../app/api-client';
import { useAuth } from '../../app/auth-context';
import { login } from './auth.api';

/** Only same-site paths are followed after login. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

interface LoginValues {
  username: string;
  password: string;
}

export function LoginPage() {
  const auth = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const notice = (location.state as { notice?: string } | null)?.notice;
  const [form] = Form.useForm<LoginValues>();

  const mutation = useMutation({
    mutationFn: login,
    onSuccess: (session) => {
      auth.setSession(session);
      navigate(next, { replace: true });
    },
    onError: () => form.setFieldValue('password', ''),
  });

  useEffect(() => {
    document.title = '登录 - 基层党建工作平台';
    return () => {
      document.title = '基层党建工作平台';
    };
  }, []);

  if (auth.user) return <Navigate to={next} replace />;

  const error = mutation.error;
  const locked = error instanceof ApiError && error.status === 429;
  const fieldRule = (name: keyof LoginValues) => ({
    validator: async (_: unknown, value: unknown) => {
      const r = ZLogin.shape[name].safeParse(value ?? '');
      if (!r.success) throw new Error(r.error.issues[0]?.message ?? '输入有误');
    },
  });

  return (
    <div className="login-page">
      <div className="login-title">
        <img src="/favicon.svg" alt="" width={56} height={56} />
        <h1>基层党建工作平台</h1>
        <div style={{ opacity: 0.85 }}>组织建设 · 党员管理 · 基层治理</div>
      </div>
      <div className="login-box">
        <Card title="用户登录" variant="borderless" style={{ boxShadow: '0 6px 24px rgba(0,0,0,0.12)' }}>
          {notice && !error ? <Alert type="info" showIcon message={notice} style={{ marginBottom: 16 }} /> : null}
          {error ? (
            <Alert
              type={locked ? 'warning' : 'error'}
              showIcon
              message={locked ? '账户暂时无法登录' : '登录失败'}
              description={errorMessage(error)}
              style={{ marginBottom: 16 }}
              data-testid="login-error"
            />
          ) : null}
          <Form<LoginValues>
            form={form}
            layout="vertical"
            requiredMark={false}
            size="large"
            onFinish={(values) => mutation.mutate({ username: values.username.trim(), password: values.password })}
            disabled={mutation.isPending}
          >
            <Form.Item name="username" label="用户名" rules={[fieldRule('username')]}>
              <Input
                prefix={<UserOutlined />}
                autoComplete="username"
                autoFocus
                placeholder="请输入用户名"
                data-testid="login-username"
              />
            </Form.Item>
            <Form.Item name="password" label="密码" rules={[fieldRule('password')]}>
              <Input.Password
                prefix={<LockOutlined />}
                autoComplete="current-password"
                placeholder="请输入密码"
                data-testid="login-password"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={mutation.isPending} data-testid="login-submit">
              登录
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
            连续5次密码错误将锁定账户15分钟。忘记密码请联系本级组织部门管理员重置。
          </Typography.Paragraph>
        </Card>
      </div>
      <div className="login-footer">基层党建工作平台 · 请妥善保管账号，不要在公共设备上保存密码</div>
    </div>
  );
}
