// Chinese names of audited actions, entities and record fields, for the audit log and record histories.
import {
  EDUCATION_LABELS,
  type Education,
  GENDER_LABELS,
  type Gender,
  MEMBER_FLAG_LABELS,
  MEMBER_STATUS_LABELS,
  type MemberFlag,
  type MemberStatus,
  OCCUPATION_LABELS,
  type Occupation,
  ORG_KIND_LABELS,
  type OrgKind,
  ROLE_LABELS,
  type Role,
  SECTOR_LABELS,
  type Sector,
  TRANSFER_STATE_LABELS,
  type TransferState,
} from '@grassroots/domain';
import { plainValue } from '../../ui/change-diff';

export const ACTION_LABELS: Record<string, string> = {
  create: '新增',
  update: '修改',
  move: '调整隶属关系',
  close: '撤销',
  reveal: '查看敏感信息',
  transfer_request: '发起组织关系转出',
  transfer_accept: '接收转入',
  transfer_reject: '退回转接',
  transfer_cancel: '撤销转接',
  transfer_external_out: '转出系统外',
  transfer_external_in: '从系统外转入',
  contact: '登记联系',
  return: '登记返回',
  medal_award: '颁发光荣在党50年纪念章',
  login: '登录',
  login_failed: '登录失败',
  logout: '退出登录',
  reset_password: '重置密码',
  change_password: '修改密码',
  unlock: '解除锁定',
  import: '导入台账',
  export: '导出台账',
};

export const ENTITY_LABELS: Record<string, string> = {
  member: '党员',
  org: '组织',
  user: '用户',
  session: '登录会话',
  transfer: '组织关系转接',
  mobile_member: '流动党员',
};

export const FIELD_LABELS: Record<string, string> = {
  id: '编号',
  name: '名称/姓名',
  gender: '性别',
  ethnicity: '民族',
  birthDate: '出生日期',
  idNumber: '身份证号码',
  education: '学历',
  occupation: '职业类别',
  joinedOn: '入党时间',
  fullOn: '转正时间',
  status: '党员类别',
  phone: '联系电话',
  address: '地址',
  flags: '标记',
  isMobile: '流动党员',
  isLostContact: '失联党员',
  isHardship: '困难党员',
  isVeteran: '老党员',
  leftOn: '转出系统外日期',
  orgId: '所在组织编号',
  orgPath: '组织路径',
  pendingTransferId: '未完成的转接',
  version: '版本',
  parentId: '上级组织编号',
  path: '组织路径',
  depth: '层级',
  shortName: '简称',
  kind: '组织类别',
  sector: '所属领域',
  code: '组织代码',
  secretaryName: '书记',
  committee: '委员',
  foundedOn: '成立日期',
  termStart: '本届任期开始',
  termYears: '任期年限',
  contactPhone: '联系电话',
  closedAt: '撤销时间',
  closedReason: '撤销原因',
  username: '用户名',
  disabled: '停用',
  grants: '授权',
  fields: '查看的字段',
  transferId: '转接编号',
  fromOrgId: '转出组织编号',
  toOrgId: '转入组织编号',
  toOrgName: '转入组织',
  state: '状态',
  reason: '原因/说明',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

const ENUMS: Record<string, Record<string, string>> = {
  gender: GENDER_LABELS as Record<Gender, string>,
  education: EDUCATION_LABELS as Record<Education, string>,
  occupation: OCCUPATION_LABELS as Record<Occupation, string>,
  status: {
    ...(MEMBER_STATUS_LABELS as Record<MemberStatus, string>),
    ...(TRANSFER_STATE_LABELS as Record<TransferState, string>),
  },
  state: TRANSFER_STATE_LABELS as Record<TransferState, string>,
  kind: ORG_KIND_LABELS as Record<OrgKind, string>,
  sector: SECTOR_LABELS as Record<Sector, string>,
  flags: MEMBER_FLAG_LABELS as Record<MemberFlag, string>,
  fields: { idNumber: '身份证号码', phone: '联系电话' },
};

const FLAG_COLUMNS = new Set(['isMobile', 'isLostContact', 'isHardship', 'isVeteran', 'disabled']);

interface GrantLike {
  role?: string;
  roleLabel?: string;
  orgId?: number;
  orgName?: string;
  includeSubtree?: boolean;
}

/** A recorded value as the user reads it: enum labels, 是/否, grants as 角色@组织. */
export function formatAuditValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (FLAG_COLUMNS.has(field) && (value === 0 || value === 1 || typeof value === 'boolean')) return value ? '是' : '否';
  if (field === 'grants' && Array.isArray(value)) {
    return (value as GrantLike[])
      .map((g) => {
        const role = g.roleLabel ?? (g.role ? (ROLE_LABELS[g.role as Role] ?? g.role) : '');
        return `${role}@${g.orgName ?? `组织#${g.orgId}`}${g.includeSubtree === false ? '(仅本级)' : ''}`;
      })
      .join('；');
  }
  const labels = ENUMS[field];
  if (labels) {
    if (Array.isArray(value)) return value.length ? value.map((v) => labels[String(v)] ?? String(v)).join('、') : '—';
    if (typeof value === 'string') return labels[value] ?? value;
  }
  return plainValue(value);
}
