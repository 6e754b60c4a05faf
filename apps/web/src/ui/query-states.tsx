// Loading, error and empty states shared by every page.
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Empty, Result, Skeleton, Spin } from 'antd';
import type { ReactNode } from 'react';

interface MaybeApiError {
  status?: number;
  message?: string;
}

function describe(error: unknown): { status: number | undefined; message: string } {
  const e = (error ?? {}) as MaybeApiError;
  return { status: e.status, message: e.message || '加载失败，请稍后重试' };
}

export function PageLoading({ rows = 6 }: { rows?: number }) {
  return (
    <div style={{ padding: 24 }} aria-busy="true">
      <Skeleton active paragraph={{ rows }} />
    </div>
  );
}

export function FullPageSpin({ tip = '加载中…' }: { tip?: string }) {
  return (
    <div style={{ minHeight: '60vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" tip={tip}>
        <div style={{ width: 120, height: 60 }} />
      </Spin>
    </div>
  );
}

export function ErrorState({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: ReactNode }) {
  const { status, message } = describe(error);
  const kind = status === 403 ? '403' : status === 404 ? '404' : 'error';
  const heading = title ?? (status === 403 ? '没有权限' : status === 404 ? '内容不存在' : '加载失败');
  return (
    <Result
      status={kind}
      title={heading}
      subTitle={message}
      extra={
        onRetry && status !== 403 && status !== 404 ? (
          <Button type="primary" icon={<ReloadOutlined />} onClick={onRetry}>
            重试
          </Button>
        ) : undefined
      }
    />
  );
}

export function EmptyState({
  description,
  hint,
  action,
}: {
  description: ReactNode;
  hint?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <span>
          {description}
          {hint ? (
            <>
              <br />
              <span style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{hint}</span>
            </>
          ) : null}
        </span>
      }
    >
      {action}
    </Empty>
  );
}
