// After login: a top bar (menu, user, roles, logout), the org tree on the left (a Drawer on small screens), and the
// page. Sends the visitor to /login?next=… when there is no session, and back after login.
import {
  ApartmentOutlined,
  AuditOutlined,
  DownOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  SwapOutlined,
  TeamOutlined,
  UserOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Avatar, Badge, Button, Drawer, Dropdown, Layout, Menu, type MenuProps, Typography } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { authKeys, fetchHealth, logout } from '../features/auth/auth.api';
import { ChangePasswordModal } from '../features/auth/change-password.modal';
import { OrgTree } from '../features/orgs/org-tree.component';
import { useWarningCount } from '../features/warnings/use-warning-count';
import { FullPageSpin, PageLoading } from '../ui/query-states';
import { useIsNarrow, useIsPhone } from '../ui/use-is-mobile';
import { errorMessage, setUnauthenticatedHandler } from './api-client';
import { useAuth } from './auth-context';
import { scopedHref, useSelectedOrgId, useSelectOrg } from './org-scope';

const { Header, Sider, Content } = Layout;

function useDemoMode(): boolean {
  const health = useQuery({ queryKey: authKeys.health, queryFn: fetchHealth, staleTime: Number.POSITIVE_INFINITY });
  if (typeof health.data?.demo === 'boolean') return health.data.demo;
  // Until the server says, a local address is taken for a demo.
  return ['localhost', '127.0.0.1', '[::1]'].includes(window.location.hostname);
}

function menuKeyOf(pathname: string): string {
  if (pathname.startsWith('/orgs/warnings')) return '/orgs/warnings';
  for (const k of ['/orgs', '/members', '/transfers', '/users', '/audit']) if (pathname.startsWith(k)) return k;
  return '/orgs';
}

export function AppLayout() {
  const auth = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const narrow = useIsNarrow();
  const phone = useIsPhone();
  const demo = useDemoMode();
  const selectedOrgId = useSelectedOrgId();
  const selectOrg = useSelectOrg();
  const [treeOpen, setTreeOpen] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const warningCount = useWarningCount(selectedOrgId, Boolean(auth.user) && auth.can('orgs:read'));

  // A request that finds the session gone sends the user to log in, and back here afterwards.
  // (the redirect itself is the branch below, so that it always sees the session already ended)
  const { endSession } = auth;
  useEffect(() => {
    setUnauthenticatedHandler((error) => endSession('expired', error.message));
    return () => setUnauthenticatedHandler(null);
  }, [endSession]);

  if (auth.isLoading) return <FullPageSpin tip="正在验证登录状态…" />;
  if (!auth.user) {
    if (auth.ended?.reason === 'logout') return <Navigate to="/login" replace />;
    const next = `${location.pathname}${location.search}`;
    return (
      <Navigate
        to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`}
        replace
        state={auth.ended?.notice ? { notice: auth.ended.notice } : undefined}
      />
    );
  }
  const user = auth.user;

  const items: MenuProps['items'] = [
    auth.can('orgs:read') && { key: '/orgs', icon: <ApartmentOutlined />, label: '组织概况' },
    auth.can('members:read') && { key: '/members', icon: <TeamOutlined />, label: '党员管理' },
    auth.can('members:read') && { key: '/transfers', icon: <SwapOutlined />, label: '组织关系转接' },
    auth.can('orgs:read') && {
      key: '/orgs/warnings',
      icon: <WarningOutlined />,
      label: (
        <span data-testid="menu-warnings">
          预警清单
          {warningCount ? (
            <Badge count={warningCount} size="small" overflowCount={999} style={{ marginInlineStart: 6 }} />
          ) : null}
        </span>
      ),
    },
    auth.can('orgs:read') && { key: '/units', icon: <ShopOutlined />, label: '单位台账' },
    auth.can('users:read') && { key: '/users', icon: <UserOutlined />, label: '用户管理' },
    auth.can('audit:read') && { key: '/audit', icon: <AuditOutlined />, label: '审计日志' },
  ].filter((x): x is Exclude<typeof x, false> => Boolean(x));

  const roleSummary = [...new Set(user.grants.map((g) => g.roleLabel))].join('、');
  const scopeSummary = [...new Set(user.grants.map((g) => g.orgName))].join('、');

  const doLogout = () =>
    modal.confirm({
      title: '确定退出登录吗？',
      okText: '退出',
      cancelText: '取消',
      onOk: async () => {
        try {
          await logout();
        } catch (e) {
          message.warning(errorMessage(e));
        }
        auth.endSession('logout');
      },
    });

  const userMenu: MenuProps = {
    items: [
      {
        key: 'grants',
        type: 'group',
        label: '角色与管辖范围',
        children: user.grants.map((g, i) => ({
          key: `grant-${i}`,
          disabled: true,
          icon: <SafetyCertificateOutlined />,
          label: (
            <span style={{ color: 'rgba(0,0,0,0.75)' }}>
              {g.roleLabel} · {g.orgName}
              {g.includeSubtree ? '及下级' : ''}
              {g.validTo ? `（至${g.validTo}）` : ''}
            </span>
          ),
        })),
      },
      { type: 'divider' },
      { key: 'password', icon: <KeyOutlined />, label: '修改密码', onClick: () => setPasswordOpen(true) },
      { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true, onClick: doLogout },
    ],
  };

  const go = (key: string) => {
    setTreeOpen(false);
    navigate(['/users', '/audit'].includes(key) ? key : scopedHref(key, selectedOrgId));
  };

  const tree = (
    <OrgTree
      selectedId={selectedOrgId}
      onSelect={(id) => {
        selectOrg(id);
        setTreeOpen(false);
      }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {demo ? (
        <Alert
          className="demo-banner"
          type="warning"
          banner
          showIcon={false}
          message={
            <span data-testid="demo-banner">
              <strong>演示环境</strong>
              {phone ? '：数据均为虚构' : '：本系统中的组织和党员数据均为程序生成的虚构数据，仅供演示和测试'}
            </span>
          }
        />
      ) : null}
      <Header className="app-header">
        {narrow ? (
          <Button
            type="text"
            icon={<MenuOutlined style={{ color: '#fff', fontSize: 18 }} />}
            onClick={() => setTreeOpen(true)}
            aria-label="菜单与组织"
            data-testid="open-org-tree"
          />
        ) : null}
        <a
          className="app-brand"
          href="/"
          onClick={(e) => {
            e.preventDefault();
            navigate(scopedHref('/orgs', selectedOrgId));
          }}
        >
          <img src="/favicon.svg" alt="" />
          <span>{phone ? '基层党建' : '基层党建工作平台'}</span>
        </a>
        {narrow ? (
          <div style={{ flex: 1 }} />
        ) : (
          <Menu
            theme="dark"
            mode="horizontal"
            selectedKeys={[menuKeyOf(location.pathname)]}
            items={items}
            onClick={({ key }) => go(key)}
          />
        )}
        <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
          <button
            type="button"
            className="app-user"
            style={{ background: 'none', border: 'none' }}
            data-testid="user-menu"
          >
            <Avatar size="small" style={{ background: '#ffd591', color: '#a8071a' }}>
              {user.name.slice(0, 1)}
            </Avatar>
            {phone ? null : (
              <span
                style={{ display: 'flex', flexDirection: 'column', lineHeight: 1.25, textAlign: 'left', minWidth: 0 }}
              >
                <span>{user.name}</span>
                <span className="app-user-roles" title={`${roleSummary}（${scopeSummary}）`}>
                  {roleSummary} · {scopeSummary}
                </span>
              </span>
            )}
            <DownOutlined style={{ fontSize: 10 }} />
          </button>
        </Dropdown>
      </Header>
      <Layout>
        {narrow ? (
          <Drawer
            open={treeOpen}
            placement="left"
            width={Math.min(320, window.innerWidth - 40)}
            onClose={() => setTreeOpen(false)}
            title="基层党建工作平台"
            styles={{ body: { padding: 0, display: 'flex', flexDirection: 'column' } }}
          >
            <Menu
              mode="inline"
              selectedKeys={[menuKeyOf(location.pathname)]}
              items={items}
              onClick={({ key }) => go(key)}
              style={{ borderInlineEnd: 'none', flex: 'none' }}
            />
            <Typography.Text type="secondary" style={{ padding: '12px 16px 0', fontSize: 12 }}>
              选择组织（各页面按所选组织及下级显示）
            </Typography.Text>
            <div style={{ flex: 1, minHeight: 300, display: 'flex', flexDirection: 'column' }}>{tree}</div>
          </Drawer>
        ) : (
          <Sider width={300} className="app-sider">
            {tree}
          </Sider>
        )}
        <Content className="app-content">
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center', fontSize: 12, marginTop: 32 }}>
            基层党建工作平台 · 查看和使用个人信息须遵守《个人信息保护法》，所有操作均记录审计日志
          </Typography.Paragraph>
        </Content>
      </Layout>
      <ChangePasswordModal open={passwordOpen} onClose={() => setPasswordOpen(false)} username={user.username} />
    </Layout>
  );
}
