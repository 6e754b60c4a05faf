// After login: a top bar (menu, user, roles, logout), the org tree on the left (a Drawer on small screens), and the
// page. Sends the visitor to /login?next=… when there is no session, and back after login.
import {
  ApartmentOutlined,
  BarChartOutlined,
  CalendarOutlined,
  DownOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  OrderedListOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
  TrophyOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Avatar, Badge, Button, Drawer, Dropdown, Layout, Menu, type MenuProps, Typography } from 'antd';
import { type ReactNode, Suspense, useEffect, useState } from 'react';
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

type MenuEntry = { key: string; children?: MenuEntry[] };

/** The menu item of a page: the longest menu key that starts its path (/star-ratings/scorecard before /star-ratings). */
function menuKeyOf(pathname: string, items: MenuEntry[]): string {
  const keys = items.flatMap((i) => (i.children ? i.children.map((c) => c.key) : [i.key]));
  const match = keys
    .filter((k) => k.startsWith('/') && (pathname === k || pathname.startsWith(`${k}/`)))
    .sort((a, b) => b.length - a.length)[0];
  return match ?? '/orgs';
}

/** A submenu with the entries the user may open; none, no submenu. */
function group<T extends { key: string }>(
  key: string,
  icon: ReactNode,
  label: string,
  children: Array<T | false>,
): (T | { key: string; icon: ReactNode; label: string; children: T[] }) | false {
  const allowed = children.filter((c): c is T => Boolean(c));
  return allowed.length > 0 && { key, icon, label, children: allowed };
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

  const items = [
    group('org', <ApartmentOutlined />, '组织', [
      auth.can('orgs:read') && { key: '/dashboard', label: '数据看板' },
      auth.can('orgs:read') && { key: '/metrics', label: '指标目录' },
      auth.can('orgs:read') && { key: '/orgs', label: '组织概况' },
      auth.can('orgs:read') && { key: '/units', label: '单位台账' },
    ]),
    group('stats', <BarChartOutlined />, '统计分析', [
      auth.can('stats:read') && { key: '/reports', label: '工作汇报' },
      auth.can('stats:read') && { key: '/reports/check', label: '材料核数' },
      auth.can('stats:read') && { key: '/forms', label: '统计报表' },
    ]),
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
    group('members', <TeamOutlined />, '党员', [
      auth.can('members:read') && { key: '/members', label: '党员管理' },
      auth.can('development:read') && { key: '/development', label: '发展党员' },
      auth.can('members:read') && { key: '/transfers', label: '组织关系转接' },
      auth.can('members:read') && { key: '/mobile', label: '流动党员' },
      auth.can('dues:read') && { key: '/dues', label: '党费管理' },
    ]),
    group('life', <CalendarOutlined />, '组织生活', [
      auth.can('life:read') && { key: '/life/meetings', label: '会议记录' },
      auth.can('life:read') && { key: '/life/compliance', label: '完成情况' },
      auth.can('life:read') && { key: '/life/exemptions', label: '免于考核' },
      auth.can('life:read') && { key: '/life/obligations', label: '组织生活要求' },
    ]),
    group('tasks', <OrderedListOutlined />, '清单任务', [
      auth.can('tasks:read') && { key: '/tasks', label: '清单管理' },
      auth.can('tasks:read') && { key: '/projects', label: '书记项目' },
      auth.can('tasks:read') && { key: '/contact-points', label: '党建联系点' },
    ]),
    group('ratings', <TrophyOutlined />, '整顿评定', [
      auth.can('ratings:read') && { key: '/weak-orgs', label: '软弱涣散整顿' },
      auth.can('inspections:read') && { key: '/inspections', label: '督导整改' },
      auth.can('ratings:read') && { key: '/elections', label: '换届选举' },
      auth.can('ratings:read') && { key: '/star-ratings', label: '星级评定' },
      auth.can('ratings:read') && { key: '/star-ratings/scorecard', label: '评分标准' },
    ]),
    group('system', <SettingOutlined />, '系统管理', [
      auth.can('users:read') && { key: '/users', label: '用户管理' },
      auth.can('audit:read') && { key: '/audit', label: '审计日志' },
    ]),
  ].filter((x): x is Exclude<typeof x, false> => Boolean(x));
  const selectedKey = menuKeyOf(location.pathname, items);

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
            selectedKeys={[selectedKey]}
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
              selectedKeys={[selectedKey]}
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
