import type { DevelopmentRecordStage } from '@grassroots/domain';
import { Tag } from 'antd';

const COLORS: Record<DevelopmentRecordStage, string> = {
  applicant: 'default',
  activist: 'blue',
  candidate: 'purple',
  probationary: 'orange',
  full: 'red',
  cancelled: 'default',
};

export function DevelopmentStageTag({ stage, label }: { stage: DevelopmentRecordStage; label: string }) {
  return <Tag color={COLORS[stage]}>{label}</Tag>;
}

/** The next step's time limit: red when passed, orange within the warning window. */
export function DueDate({ date, due, overdue }: { date: string | null; due: boolean; overdue: boolean }) {
  if (date === null) return <span>—</span>;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {date}
      {overdue ? (
        <Tag color="red" style={{ marginInlineStart: 6 }}>
          逾期
        </Tag>
      ) : due ? (
        <Tag color="orange" style={{ marginInlineStart: 6 }}>
          到期
        </Tag>
      ) : null}
    </span>
  );
}
