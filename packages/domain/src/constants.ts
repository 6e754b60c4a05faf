// Enumerations of DOMAIN.md as `as const` tuples; the UI shows the Chinese label from the *_LABELS maps.

export const ORG_KINDS = [
  'committee',
  'working_committee',
  'general_branch',
  'branch',
  'joint_branch',
  'temporary_branch',
  'group',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  committee: '党委',
  working_committee: '党工委',
  general_branch: '党总支',
  branch: '党支部',
  joint_branch: '联合党支部',
  temporary_branch: '临时党支部',
  group: '党小组',
};

export const SECTORS = [
  'rural',
  'urban_community',
  'government',
  'public_institution',
  'state_enterprise',
  'private_enterprise',
  'social_organization',
  'new_economy',
] as const;
export type Sector = (typeof SECTORS)[number];
export const SECTOR_LABELS: Record<Sector, string> = {
  rural: '农村',
  urban_community: '城市社区',
  government: '机关',
  public_institution: '事业单位',
  state_enterprise: '国有企业',
  private_enterprise: '非公企业',
  social_organization: '社会组织',
  new_economy: '新业态',
};

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女' };

export const MEMBER_STATUSES = ['probationary', 'full'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const MEMBER_STATUS_LABELS: Record<MemberStatus, string> = { probationary: '预备党员', full: '正式党员' };

// 党内统计 education bands; the first three together are 大专及以上.
export const EDUCATIONS = ['postgraduate', 'bachelor', 'associate', 'secondary', 'junior_or_below'] as const;
export type Education = (typeof EDUCATIONS)[number];
export const EDUCATION_LABELS: Record<Education, string> = {
  postgraduate: '研究生',
  bachelor: '大学本科',
  associate: '大学专科',
  secondary: '中专/高中',
  junior_or_below: '初中及以下',
};

// 党内统计 occupation categories.
export const OCCUPATIONS = [
  'worker',
  'farmer',
  'professional',
  'manager',
  'civil_servant',
  'student',
  'other',
  'retired',
] as const;
export type Occupation = (typeof OCCUPATIONS)[number];
export const OCCUPATION_LABELS: Record<Occupation, string> = {
  worker: '工人(工勤技能人员)',
  farmer: '农牧渔民',
  professional: '专业技术人员',
  manager: '管理人员',
  civil_servant: '党政机关工作人员',
  student: '学生',
  other: '其他职业人员',
  retired: '离退休人员',
};

export const AGE_BANDS = ['le30', '31_35', '36_40', '41_45', '46_50', '51_55', '56_60', 'ge61'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const AGE_BAND_LABELS: Record<AgeBand, string> = {
  le30: '30岁及以下',
  '31_35': '31-35岁',
  '36_40': '36-40岁',
  '41_45': '41-45岁',
  '46_50': '46-50岁',
  '51_55': '51-55岁',
  '56_60': '56-60岁',
  ge61: '61岁及以上',
};
/** Inclusive [min, max] age in whole years for each band; max null = no upper bound. */
export const AGE_BAND_RANGES: Record<AgeBand, readonly [number, number | null]> = {
  le30: [0, 30],
  '31_35': [31, 35],
  '36_40': [36, 40],
  '41_45': [41, 45],
  '46_50': [46, 50],
  '51_55': [51, 55],
  '56_60': [56, 60],
  ge61: [61, null],
};

// Member flags: 流动党员, 失联党员, 困难党员, 老党员.
export const MEMBER_FLAGS = ['mobile', 'lost_contact', 'hardship', 'veteran'] as const;
export type MemberFlag = (typeof MEMBER_FLAGS)[number];
export const MEMBER_FLAG_LABELS: Record<MemberFlag, string> = {
  mobile: '流动党员',
  lost_contact: '失联党员',
  hardship: '困难党员',
  veteran: '老党员',
};

// 组织关系转接: within the tree (系统内), out of the platform (转出系统外), into it from outside (从系统外转入).
export const TRANSFER_KINDS = ['internal', 'external_out', 'external_in'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];
export const TRANSFER_KIND_LABELS: Record<TransferKind, string> = {
  internal: '系统内',
  external_out: '转出系统外',
  external_in: '从系统外转入',
};

export const TRANSFER_STATES = ['pending', 'completed', 'rejected', 'cancelled'] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];
export const TRANSFER_STATE_LABELS: Record<TransferState, string> = {
  pending: '转接中',
  completed: '已转入',
  rejected: '已退回',
  cancelled: '已撤销',
};

export const ETHNICITIES = [
  '汉族',
  '蒙古族',
  '回族',
  '藏族',
  '维吾尔族',
  '苗族',
  '彝族',
  '壮族',
  '布依族',
  '朝鲜族',
  '满族',
  '侗族',
  '瑶族',
  '白族',
  '土家族',
  '哈尼族',
  '哈萨克族',
  '傣族',
  '黎族',
  '傈僳族',
  '佤族',
  '畲族',
  '高山族',
  '拉祜族',
  '水族',
  '东乡族',
  '纳西族',
  '景颇族',
  '柯尔克孜族',
  '土族',
  '达斡尔族',
  '仫佬族',
  '羌族',
  '布朗族',
  '撒拉族',
  '毛南族',
  '仡佬族',
  '锡伯族',
  '阿昌族',
  '普米族',
  '塔吉克族',
  '怒族',
  '乌孜别克族',
  '俄罗斯族',
  '鄂温克族',
  '德昂族',
  '保安族',
  '裕固族',
  '京族',
  '塔塔尔族',
  '独龙族',
  '鄂伦春族',
  '赫哲族',
  '门巴族',
  '珞巴族',
  '基诺族',
] as const;
export type Ethnicity = (typeof ETHNICITIES)[number];

// 单位 (for 应建未建 and coverage): the kinds of unit that set up party orgs, by 党内统计 unit type.
export const UNIT_TYPES = [
  'government',
  'public_institution',
  'state_enterprise',
  'private_enterprise',
  'social_organization',
  'new_economy',
] as const;
export type UnitType = (typeof UNIT_TYPES)[number];
export const UNIT_TYPE_LABELS: Record<UnitType, string> = {
  government: '机关',
  public_institution: '事业单位',
  state_enterprise: '国有企业',
  private_enterprise: '非公企业',
  social_organization: '社会组织',
  new_economy: '新业态',
};
