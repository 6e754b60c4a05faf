import { Tag, Typography } from 'antd';
import type { MobileMember } from './mobile.api';

/** 失联 / 3个月未联系 / 已返回, or the days since the last contact. */
export function MobileStatus({ record }: { record: MobileMember }) {
  if (record.returnedOn) return <Tag>已返回（{record.returnedOn}）</Tag>;
  return (
    <>
      {record.lostContact ? <Tag color="red">失联</Tag> : null}
      {!record.lostContact && record.noContact ? <Tag color="orange">3个月未联系</Tag> : null}
      <Typography.Text type={record.noContact ? 'danger' : 'secondary'}>
        {record.lastContactOn ? `${record.daysSinceContact}天前联系` : `外出${record.daysSinceContact}天未联系`}
      </Typography.Text>
    </>
  );
}
