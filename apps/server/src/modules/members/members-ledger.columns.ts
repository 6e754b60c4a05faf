// The member ledger's columns (党员台账): the import template's, and the export's (keyed like the list's columns).
import {
  EDUCATION_LABELS,
  EDUCATIONS,
  type Education,
  ETHNICITIES,
  GENDER_LABELS,
  GENDERS,
  type Gender,
  MEMBER_FLAG_LABELS,
  MEMBER_FLAGS,
  MEMBER_STATUS_LABELS,
  MEMBER_STATUSES,
  type MemberFlag,
  type MemberStatus,
  OCCUPATION_LABELS,
  OCCUPATIONS,
  type Occupation,
} from '@grassroots/domain';
import type { LedgerColumn } from '../../platform/excel.js';

export const MEMBER_COLUMNS = {
  name: { header: '姓名', required: true, note: '不超过50字', width: 12, example: '张伟' },
  idNumber: {
    header: '身份证号码',
    required: true,
    text: true,
    note: '18位公民身份号码，最后一位可为X，须通过校验位检查。以身份证号码识别党员：系统中已有的号码表示修改该党员，新号码表示新增',
    width: 22,
    example: '110101199003074514',
  },
  gender: {
    header: '性别',
    required: false,
    options: GENDERS.map((g) => GENDER_LABELS[g]),
    note: '男或女；不填时按身份证号码',
    width: 8,
    example: '男',
  },
  ethnicity: {
    header: '民族',
    required: true,
    options: ETHNICITIES,
    note: '56个民族之一，如 汉族',
    width: 10,
    example: '汉族',
  },
  birthDate: {
    header: '出生日期',
    required: false,
    text: true,
    note: '日期，格式 YYYY-MM-DD；不填时按身份证号码，填写时须与身份证号码一致',
    width: 14,
    example: '1990-03-07',
  },
  education: {
    header: '学历',
    required: true,
    options: EDUCATIONS.map((e) => EDUCATION_LABELS[e]),
    note: '从下拉列表选择',
    width: 14,
    example: '大学本科',
  },
  occupation: {
    header: '职业类别',
    required: true,
    options: OCCUPATIONS.map((o) => OCCUPATION_LABELS[o]),
    note: '从下拉列表选择（党内统计职业分类）',
    width: 20,
    example: '专业技术人员',
  },
  status: {
    header: '党员类别',
    required: true,
    options: MEMBER_STATUSES.map((s) => MEMBER_STATUS_LABELS[s]),
    note: '预备党员或正式党员',
    width: 12,
    example: '正式党员',
  },
  joinedOn: {
    header: '入党时间',
    required: true,
    text: true,
    note: '日期，格式 YYYY-MM-DD；入党时须年满18周岁，不能晚于今天',
    width: 14,
    example: '2015-07-01',
  },
  fullOn: {
    header: '转正时间',
    required: false,
    text: true,
    note: '日期，格式 YYYY-MM-DD；正式党员必填，预备党员不填；不能早于入党时间',
    width: 14,
    example: '2016-07-01',
  },
  phone: {
    header: '联系电话',
    required: false,
    text: true,
    note: '11位手机号或带区号的固定电话',
    width: 16,
    example: '13912345678',
  },
  address: { header: '家庭住址', required: false, note: '不超过200字', width: 30 },
  flags: {
    header: '标记',
    required: false,
    note: `可填多个，用顿号（、）分隔：${MEMBER_FLAGS.map((f) => MEMBER_FLAG_LABELS[f]).join('、')}`,
    width: 18,
    example: '流动党员、困难党员',
  },
  orgCode: {
    header: '组织代码',
    required: true,
    text: true,
    note: '所在党组织的组织代码（见“组织概况”或组织台账），须在您的管辖范围内',
    width: 22,
    example: '330102-A1-B3',
  },
} as const satisfies Record<string, LedgerColumn>;

export type MemberColumnKey = keyof typeof MEMBER_COLUMNS;
export const MEMBER_IMPORT_COLUMNS: readonly LedgerColumn[] = Object.values(MEMBER_COLUMNS);

export const MEMBER_TEMPLATE_NOTES = [
  '填写说明：',
  '1. 第一行为表头，请勿修改或删除；从第二行起每行一名党员。红色表头为必填列，鼠标移到表头可看填写说明。',
  '2. 以“身份证号码”识别党员：系统中已有的号码表示修改该党员的信息，新号码表示新增。重复导入同一文件不会重复新增，未变化的党员不作修改。',
  '3. 党员须在所填组织代码对应的组织中；调整所在组织请办理组织关系转接，不能通过导入调整。',
  '4. 导入时先检查全部行，只要有一处错误就不写入任何数据，并列出每处错误的行、列和原因，可下载标注了错误的文件修改后重新导入。',
  '5. 身份证号码、日期、电话等列已设为文本格式，请直接输入，如 1990-03-07；不要把身份证号码存成数字（会丢失末位）。',
];

export const GENDER_BY_LABEL = new Map<string, Gender>(GENDERS.map((g) => [GENDER_LABELS[g], g]));
export const EDUCATION_BY_LABEL = new Map<string, Education>(EDUCATIONS.map((e) => [EDUCATION_LABELS[e], e]));
export const OCCUPATION_BY_LABEL = new Map<string, Occupation>(OCCUPATIONS.map((o) => [OCCUPATION_LABELS[o], o]));
export const STATUS_BY_LABEL = new Map<string, MemberStatus>(MEMBER_STATUSES.map((s) => [MEMBER_STATUS_LABELS[s], s]));
export const FLAG_BY_LABEL = new Map<string, MemberFlag>(MEMBER_FLAGS.map((f) => [MEMBER_FLAG_LABELS[f], f]));

/** Export columns, keyed like the web list's columns (`columns=name,gender,…`); ID number and phone masked. */
export const MEMBER_EXPORT_COLUMNS = {
  name: '姓名',
  gender: '性别',
  ethnicity: '民族',
  birthDate: '出生日期',
  education: '学历',
  occupation: '职业类别',
  status: '党员类别',
  joinedOn: '入党时间',
  fullOn: '转正时间',
  orgName: '所在组织',
  flags: '标记',
  phoneMasked: '联系电话',
  idNumberMasked: '身份证号码',
  address: '家庭住址',
} as const;
export type MemberExportColumn = keyof typeof MEMBER_EXPORT_COLUMNS;
export const MEMBER_EXPORT_KEYS = Object.keys(MEMBER_EXPORT_COLUMNS) as MemberExportColumn[];
