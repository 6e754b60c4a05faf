// The org ledger's columns (组织台账): the import template's and the export's, with their Chinese headers.
import { ORG_KIND_LABELS, ORG_KINDS, type OrgKind, SECTOR_LABELS, SECTORS, type Sector } from '@grassroots/domain';
import type { LedgerColumn } from '../../platform/excel.js';

export const ORG_COLUMNS = {
  name: { header: '组织名称', required: true, note: '组织全称，不超过100字', width: 36, example: '城关镇红旗村党支部' },
  code: {
    header: '组织代码',
    required: true,
    text: true,
    note: '1-32位字母、数字或短横线。系统中已有的组织代码表示修改该组织，新的代码表示新建组织',
    width: 22,
    example: '330102-A1-B3',
  },
  parentCode: {
    header: '上级组织代码',
    required: true,
    text: true,
    note: '上级党组织的组织代码：系统中已有的组织（须在您的管辖范围内），或本表中排在本行之前的新组织。修改已有组织时须与系统中的上级一致（调整隶属关系请在组织概况中操作）',
    width: 22,
    example: '330102-A1',
  },
  kind: {
    header: '组织类别',
    required: true,
    options: ORG_KINDS.map((k) => ORG_KIND_LABELS[k]),
    note: '从下拉列表选择',
    width: 14,
    example: '党支部',
  },
  sector: {
    header: '所属领域',
    required: true,
    options: SECTORS.map((s) => SECTOR_LABELS[s]),
    note: '从下拉列表选择',
    width: 14,
    example: '农村',
  },
  shortName: { header: '简称', required: false, note: '不超过50字', width: 16 },
  secretaryName: { header: '书记姓名', required: false, note: '不超过50字', width: 12, example: '张伟' },
  committee: {
    header: '委员',
    required: false,
    note: '支委会委员姓名，多人用顿号（、）分隔，最多30人',
    width: 30,
    example: '张伟、王芳、李娜',
  },
  foundedOn: {
    header: '成立日期',
    required: false,
    text: true,
    note: '日期，格式 YYYY-MM-DD',
    width: 14,
    example: '1998-07-01',
  },
  termStart: {
    header: '本届任期开始日期',
    required: false,
    text: true,
    note: '日期，格式 YYYY-MM-DD',
    width: 18,
    example: '2021-06-01',
  },
  termYears: {
    header: '任期年限',
    required: false,
    options: ['3', '5'],
    text: true,
    note: '3 或 5（年）',
    width: 10,
    example: '5',
  },
  contactPhone: {
    header: '联系电话',
    required: false,
    text: true,
    note: '11位手机号或带区号的固定电话，如 0571-87654321',
    width: 16,
  },
  address: { header: '地址', required: false, note: '不超过200字', width: 30 },
} as const satisfies Record<string, LedgerColumn>;

export type OrgColumnKey = keyof typeof ORG_COLUMNS;
export const ORG_IMPORT_COLUMNS: readonly LedgerColumn[] = Object.values(ORG_COLUMNS);

export const ORG_TEMPLATE_NOTES = [
  '填写说明：',
  '1. 第一行为表头，请勿修改或删除；从第二行起每行一个组织。红色表头为必填列，鼠标移到表头可看填写说明。',
  '2. 以“组织代码”识别组织：系统中已有的代码表示修改该组织，新代码表示新建。重复导入同一文件不会重复新建。',
  '3. 新建组织的上级可以是系统中已有的组织，也可以是本表中排在前面的新组织（先上级、后下级）。',
  '4. 导入时先检查全部行，只要有一处错误就不写入任何数据，并列出每处错误的行、列和原因，可下载标注了错误的文件修改后重新导入。',
  '5. 日期、代码、电话等列已设为文本格式，请直接输入，如 2021-06-01。',
];

export const ORG_KIND_BY_LABEL = new Map<string, OrgKind>(ORG_KINDS.map((k) => [ORG_KIND_LABELS[k], k]));
export const SECTOR_BY_LABEL = new Map<string, Sector>(SECTORS.map((s) => [SECTOR_LABELS[s], s]));

/** Export-only columns: member counts of the org's subtree. */
export const ORG_EXPORT_COUNT_HEADERS = [
  '党员总数（含下级）',
  '正式党员（含下级）',
  '预备党员（含下级）',
  '状态',
] as const;
