import { Button, Result } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';

/** A page that failed to load or render (e.g. a new version was deployed and an old chunk is gone). */
export function RouteErrorPage() {
  const error = useRouteError();
  const is404 = isRouteErrorResponse(error) && error.status === 404;
  const chunkFailed =
    error instanceof Error && /dynamically imported module|Importing a module script/i.test(error.message);
  return (
    <Result
      status={is404 ? '404' : 'error'}
      title={is404 ? '页面不存在' : chunkFailed ? '页面加载失败' : '页面出错了'}
      subTitle={
        chunkFailed
          ? '系统可能已更新，请刷新页面后重试。'
          : is404
            ? '您访问的页面不存在。'
            : '页面显示时发生错误，请刷新后重试；如果问题持续，请联系管理员。'
      }
      extra={[
        <Button key="reload" type="primary" onClick={() => window.location.reload()}>
          刷新页面
        </Button>,
        <Button key="home" href="/">
          返回首页
        </Button>,
      ]}
    />
  );
}
