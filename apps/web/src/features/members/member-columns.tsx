// Columns of the member list; each can be hidden in the column settings (kept in localStorage).
import {
  ageOn,
  EDUCATION_LABELS,
  GENDER_LABELS,
  MEMBER_FLAG_LABELS,
  MEMBER_STATUS_LABELS,
  OCCUPATION_LABELS,
  todayIso,
} from '@grassroots/domain';
import { Space, Tag } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { Link } from 'react-router';
import type { Member, MemberSort } from './members.api';

export const FLAG_COLORS = { mobile: 'blue', lost_contact: 'red', hardship: 'orange', veteran: 'gold' } as const;

export function MemberStatusTag({ status }: { status: Member['status'] }) {
  return <Tag color={status === 'full' ? 'red' : 'volcano'}>{MEMBER_STATUS_LABELS[status]}</Tag>;
}

export function MemberFlagTags({ member }: { member: Pick<Member, 'flags' | 'pendingTransferId'> }) {
  if (member.flags.length === 0 && !member.pendingTransferId) return <>—</>;
  return (
    <Space size={[4, 4]} wrap>
      {member.pendingTransferId ? <Tag color="purple">转接中</Tag> : null}
      {member.flags.map((f) => (
        <Tag key={f} color={FLAG_COLORS[f]} style={{ marginInlineEnd: 0 }}>
          {MEMBER_FLAG_LABELS[f]}
        </Tag>
      ))}
    </Space>
  );
}

/** Sortable columns and the server sort value for each direction. */
export const SORTABLE: Record<string, { asc: MemberSort; desc: MemberSort }> = {
  name: { asc: 'name', desc: '-name' },
  birthDate: { asc: 'birthDate', desc: '-birthDate' },
  joinedOn: { asc: 'joinedOn', desc: '-joinedOn' },
};

export interface MemberColumnDef {
  key: string;
  title: string;
  /** Always shown (the column settings cannot hide it). */
  fixed?: boolean;
  defaultHidden?: boolean;
  column: ColumnType<Member>;
}

export function memberColumns(listSearch: string): MemberColumnDef[] {
  const today = todayIso();
  return [
    {
      key: 'name',
      title: '姓名',
      fixed: true,
      column: {
        dataIndex: 'name',
        width: 110,
        fixed: 'left',
        render: (name: string, m) => (
          <Link to={`/members/${m.id}`} state={{ fromList: listSearch }}>
            {name}
          </Link>
        ),
      },
    },
    {
      key: 'gender',
      title: '性别',
      column: { dataIndex: 'gender', width: 60, render: (g: Member['gender']) => GENDER_LABELS[g] },
    },
    { key: 'ethnicity', title: '民族', column: { dataIndex: 'ethnicity', width: 80 } },
    {
      key: 'birthDate',
      title: '出生日期',
      column: {
        dataIndex: 'birthDate',
        width: 150,
        render: (d: string) => (
          <span>
            {d}
            <span style={{ color: 'rgba(0,0,0,0.45)' }}>（{ageOn(d, today)}岁）</span>
          </span>
        ),
      },
    },
    {
      key: 'education',
      title: '学历',
      column: { dataIndex: 'education', width: 100, render: (e: Member['education']) => EDUCATION_LABELS[e] },
    },
    {
      key: 'occupation',
      title: '职业类别',
      column: {
        dataIndex: 'occupation',
        width: 150,
        ellipsis: true,
        render: (o: Member['occupation']) => OCCUPATION_LABELS[o],
      },
    },
    {
      key: 'status',
      title: '党员类别',
      column: { dataIndex: 'status', width: 100, render: (s: Member['status']) => <MemberStatusTag status={s} /> },
    },
    { key: 'joinedOn', title: '入党时间', column: { dataIndex: 'joinedOn', width: 110 } },
    {
      key: 'fullOn',
      title: '转正时间',
      defaultHidden: true,
      column: { dataIndex: 'fullOn', width: 110, render: (d: string | null) => d ?? '—' },
    },
    { key: 'orgName', title: '所在组织', column: { dataIndex: 'orgName', width: 200, ellipsis: true } },
    {
      key: 'flags',
      title: '标记',
      column: { key: 'flags', width: 150, render: (_: unknown, m) => <MemberFlagTags member={m} /> },
    },
    {
      key: 'phoneMasked',
      title: '联系电话',
      defaultHidden: true,
      column: { dataIndex: 'phoneMasked', width: 130, render: (p: string | null) => p ?? '—' },
    },
    {
      key: 'idNumberMasked',
      title: '身份证号码',
      defaultHidden: true,
      column: { dataIndex: 'idNumberMasked', width: 190 },
    },
    {
      key: 'address',
      title: '家庭住址',
      defaultHidden: true,
      column: { dataIndex: 'address', width: 200, ellipsis: true, render: (a: string | null) => a ?? '—' },
    },
  ];
}
