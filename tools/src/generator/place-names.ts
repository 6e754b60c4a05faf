// Name pools for places and units. Place names are built from two syllables; the draws keep them distinct within
// their scope (counties in a province, townships in a county, villages in a township).
import type { Rng } from './prng.js';
import { weighted, words } from './text-tables.js';

const FIRST = [
  ...'青石龙凤白清安永兴平新桃柳云金宝福双高黄红南北东西江河湖梅竹松桂茶花溪泉鹤鹿古太丰富华文武仁义德昌明光宁泰嘉瑞祥顺朝望',
];
const SECOND = [...'山河江阳丰源平川林溪陵桥坪湾岭塘田坝洲水潭州沙滩浦坡峰门铺头园乡宁泉安化兴'];

/**
 * Draws two-syllable names not used before in this namer. No first syllable is 城 and no second one starts with g,
 * so that only 城关镇 has the initials "cgz".
 */
export class PlaceNamer {
  private readonly used = new Set<string>();
  constructor(private readonly rng: Rng) {}

  next(): string {
    for (;;) {
      const a = this.rng.pick(FIRST);
      const b = this.rng.pick(SECOND);
      const name = a + b;
      if (a !== b && !this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
  }
}

export const STREET_NAMES = words(`
东城 西城 南城 北城 城东 城南 城西 城北 江北 河东 新城 滨江
`);

const VILLAGE_CLASSIC = words(`
红旗 新民 光明 前进 胜利 东风 和平 团结 幸福 联合 民主 建设 永红 向阳 新华 红星 友谊 先锋 长青 新建 星火 红光 解放 群力 同心 富民 兴旺 振兴 丰收 五一 八一 太平 长兴
长安 永兴 永安 大同 新生 桃园 茶园 金星 双龙 白果 枫树 杉木
`);
const VILLAGE_SUFFIX = [...'湾坪岭冲庄寨铺塘桥坝岗峪沟堡屯垸'];
const CLAN = [...'李王张刘陈杨黄赵吴周徐孙朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏'];

/** Village names ("红旗", "李家湾", "石桥"), distinct within one namer. */
export class VillageNamer {
  private readonly used = new Set<string>();
  constructor(private readonly rng: Rng) {}

  next(): string {
    for (;;) {
      const r = this.rng.next();
      const name =
        r < 0.35
          ? this.rng.pick(VILLAGE_CLASSIC)
          : r < 0.7
            ? `${this.rng.pick(CLAN)}家${this.rng.pick(VILLAGE_SUFFIX)}`
            : this.rng.pick(FIRST) + this.rng.pick(VILLAGE_SUFFIX);
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
  }
}

const COMMUNITY = words(`
东街 西街 南街 北街 东门 西门 南门 北门 解放路 人民路 建设路 新华路 文化路 朝阳 幸福里 滨河 桃源 金桥 花园 望江 和平路 胜利路 中山路 五一路 建国路 站前 锦绣 书院 龙泉 凤凰
翠湖 育才 向阳 府前 迎宾 天华 沿江 光华 青年路 红星
`);

/** Community names ("东街"), distinct within one namer; falls back to two-syllable names when the pool runs out. */
export class CommunityNamer {
  private readonly used = new Set<string>();
  constructor(
    private readonly rng: Rng,
    private readonly places: PlaceNamer,
  ) {}

  next(): string {
    for (let tries = 0; tries < 30; tries++) {
      const name = this.rng.pick(COMMUNITY);
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
    return this.places.next();
  }
}

export const ESTATES = words(`
锦绣花园 阳光小区 幸福家园 滨江花园 书香苑 金色家园 翠湖苑 御景湾 和谐家园 丽都花园 电力小区 教师新村 粮食局宿舍 供销社小区 铁路新村 世纪城 学府名居 江南名苑 华府天地 碧水蓝天
金桂园 紫薇苑 馨园小区 东方明珠 盛世华庭 水岸名都
`);

export const ROADS = words(`
人民路 建设路 解放路 新华路 中山路 文化路 滨江路 迎宾大道 府前路 五一路
`);

/** Government bodies of a county/city/province: [name after the place name, base size at county level]. */
export const ORGANS = weighted(`
委办公室:32 人大常委会机关:26 政府办公室:34 政协机关:22 纪委监委机关:48 委组织部:30 委宣传部:22 委统战部:16 委政法委员会:18 委党校:24 发展和改革局:34
教育局:42 科技和工业信息化局:24 公安局:170 民政局:28 司法局:36 财政局:48 人力资源和社会保障局:44 自然资源局:62 住房和城乡建设局:40 交通运输局:46 水利局:38
农业农村局:64 商务局:18 文化旅游广电体育局:30 卫生健康局:26 退役军人事务局:16 应急管理局:22 审计局:20 市场监督管理局:72 统计局:16 医疗保障局:18 林业局:48
信访局:12 城市管理综合执法局:56 税务局:96 人民法院:78 人民检察院:52 融媒体中心:34 档案馆:10 总工会:12 妇女联合会:9 科学技术协会:8 供销合作社:22
机关事务服务中心:14 乡村振兴局:20
`);

/** Sub-branch names for units big enough to have a 党总支 or 党委, by kind of unit. */
export const SUB_BRANCHES = {
  organ: ['机关第一', '机关第二', '机关第三', '机关第四', '机关第五', '机关第六', '机关第七', '机关第八'],
  hospital: ['内科', '外科', '医技', '护理', '行政后勤', '门诊', '妇儿科', '急诊', '药剂科', '公共卫生'],
  school: ['高一年级', '高二年级', '高三年级', '行政', '初中部', '小学部', '后勤', '教研'],
  enterprise: ['机关', '生产一线', '营销', '工程', '技术研发', '物流运输', '质量安全', '第二车间', '第三车间'],
  community: ['第一网格', '第二网格', '第三网格', '第四网格', '第五网格', '第六网格', '第七网格', '第八网格'],
  village: ['第一', '第二', '第三', '第四', '第五', '第六', '第七', '第八'],
  university: ['机关', '文学院', '理学院', '工学院', '经济管理学院', '教育学院', '医学院', '艺术学院', '外国语学院'],
} as const;

export const SCHOOLS = weighted(`
第一中学:150 第二中学:110 第三中学:80 实验中学:90 职业中等专业学校:60 实验小学:70 第一完全小学:45 第二完全小学:40 特殊教育学校:8 机关幼儿园:12
教师发展中心:14
`);

export const HOSPITALS = weighted(`
人民医院:320 中医医院:140 妇幼保健院:50 疾病预防控制中心:28 第二人民医院:80
`);

export const STATE_ENTERPRISES = weighted(`
城市建设投资集团有限公司:90 交通建设投资有限公司:45 水务投资有限公司:38 国有资产经营有限公司:26 农业发展投资有限公司:22 文化旅游投资有限公司:20 供电公司:110
农村商业银行:120 邮政分公司:30 移动分公司:18 电信分公司:16 石油分公司:20 粮食储备库:14
`);

const BRANDS = words(`
宏达 华昌 鑫源 恒通 金瑞 兴业 永盛 天成 博远 嘉和 鼎盛 昌隆 瑞丰 顺发 众诚 宏图 正道 金鹏 荣华 新源 华盛 汇通 佳美 润泽 远航 利民 丰泰 聚源 通达 创新
`);
const INDUSTRIES = words(`
实业 科技 建材 食品 纺织 农业开发 电子 机械 物流 医药 新材料 建筑工程 茶业 生态农业 服装 矿业 包装 陶瓷 家具 农产品加工
`);

/** Company names ("宏达建材有限公司"), distinct within one namer. */
export class CompanyNamer {
  private readonly used = new Set<string>();
  constructor(private readonly rng: Rng) {}

  next(): string {
    for (;;) {
      const name = `${this.rng.pick(BRANDS)}${this.rng.pick(INDUSTRIES)}有限公司`;
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
  }
}

export const SOCIAL_ORGS = words(`
个体劳动者协会 私营企业协会 律师协会 慈善总会 老年人体育协会 民办教育协会 物业管理协会 餐饮行业协会 义工联合会 企业家协会 建筑业协会 书法家协会 青年企业家商会 家庭教育促进会
`);

export const NEW_ECONOMY = words(`
快递物流行业 外卖配送行业 网约车行业 电商产业园 货车司机 直播电商行业 家政服务行业
`);

export const UNIVERSITIES = words(`
职业技术学院 师范学院 学院 医学高等专科学校 理工学院
`);

export const MINORITIES = weighted(`
土家族:30 苗族:26 侗族:12 瑶族:10 回族:7 壮族:6 满族:4 白族:3 蒙古族:2
`);

export const PROVINCE_CODES = words(`
43 36 42 41 51 52 45 34 35 44
`);

export const MOBILE_PREFIXES = words(`
130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159 166 173 175 176 177 178
180 181 182 183 185 186 187 188 189 191 193 195 198 199
`);

/** Chinese ordinals for 第一党小组 … 第二十党小组. */
export function ordinal(n: number): string {
  const digits = '零一二三四五六七八九';
  if (n <= 10) return n === 10 ? '十' : (digits[n] as string);
  if (n < 20) return `十${digits[n - 10]}`;
  return `${digits[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : digits[n % 10]}`;
}
