// Chinese personal names with realistic surname frequencies, and their pinyin initials precomputed per surname and per
// given-name character (pinyinInitials is far too slow to call per member). The given-name pools avoid characters
// whose readings start with different letters, so concatenating per-character initials equals pinyinInitials of the
// whole name in person-name mode.
import { pinyinInitials } from '@grassroots/domain';
import { cumulative, pickIndex, type Rng } from './prng.js';
import { weighted } from './text-tables.js';

/** Surname and approximate share of the population in per mille (after published surname rankings). */
const SURNAMES = weighted(`
王:71.2 李:70.0 张:67.4 刘:51.0 陈:46.1 杨:32.2 黄:24.5 赵:20.0 吴:19.3 周:18.7 徐:14.5 孙:13.8 马:12.9 朱:12.1
胡:11.4 郭:11.3 何:10.6 林:10.1 高:10.0 罗:9.5 郑:8.1 梁:8.0 谢:7.2 宋:6.2 唐:6.1 许:6.0 韩:5.8 冯:5.6 邓:5.5 曹:5.3
彭:5.1 曾:4.8 肖:4.7 田:4.6 董:4.4 袁:4.3 潘:4.2 于:4.1 蒋:4.1 蔡:3.9 余:3.8 杜:3.7 叶:3.6 程:3.5 苏:3.4 魏:3.4
吕:3.3 丁:3.3 任:3.2 沈:3.1 姚:3.0 卢:3.0 姜:2.9 崔:2.8 钟:2.8 谭:2.7 陆:2.6 汪:2.6 范:2.5 金:2.4 石:2.4 廖:2.3
贾:2.3 夏:2.2 韦:2.2 付:2.1 方:2.1 白:2.0 邹:2.0 孟:1.9 熊:1.9 秦:1.8 邱:1.8 江:1.8 尹:1.7 薛:1.7 闫:1.6 段:1.6
雷:1.6 侯:1.5 龙:1.5 史:1.5 陶:1.4 黎:1.4 贺:1.4 顾:1.3 毛:1.3 郝:1.3 龚:1.2 邵:1.2 万:1.2 钱:1.2 严:1.1 覃:1.1
武:1.1 戴:1.1 莫:1.0 孔:1.0 向:1.0 汤:1.0 常:0.9 温:0.9 康:0.9 施:0.9 文:0.9 牛:0.9 樊:0.8 葛:0.8 邢:0.8 安:0.8
齐:0.8 易:0.8 乔:0.7 伍:0.7 庞:0.7 颜:0.7 倪:0.7 庄:0.7 聂:0.7 章:0.7 鲁:0.6 岳:0.6 翟:0.6 殷:0.6 詹:0.6 申:0.6
耿:0.6 关:0.5 兰:0.5 焦:0.5 俞:0.5 左:0.5 柳:0.5 甘:0.5 祝:0.5 包:0.5 宁:0.5 尚:0.5 符:0.5 舒:0.5 阮:0.5 柯:0.5
纪:0.5 梅:0.5 童:0.5 凌:0.4 毕:0.4 单:0.4 季:0.4 裴:0.4 霍:0.4 涂:0.4 成:0.4 苗:0.4 谷:0.4 盛:0.4 曲:0.4 翁:0.4
冉:0.4 骆:0.4 蓝:0.4 路:0.4 游:0.4 辛:0.4 靳:0.4 管:0.4 柴:0.4 蒙:0.4 鲍:0.4 华:0.4 喻:0.4 祁:0.4 蒲:0.4 房:0.4
滕:0.3 屈:0.3 饶:0.3 解:0.3 牟:0.3 艾:0.3 尤:0.3 阳:0.3 时:0.3 穆:0.3 农:0.3 卓:0.3 古:0.3 吉:0.3 缪:0.3 简:0.3
车:0.3 项:0.3 连:0.3 芦:0.3 麦:0.3 褚:0.3 娄:0.3 窦:0.3 戚:0.3 岑:0.3 景:0.3 党:0.3 宫:0.3 费:0.3 卜:0.3 冷:0.3
晏:0.3 席:0.3 卫:0.3 米:0.3 柏:0.3 宗:0.3 瞿:0.3 桂:0.3 全:0.3 佟:0.3 应:0.3 臧:0.3 闵:0.3 苟:0.3 邬:0.3 边:0.3
卞:0.3 姬:0.3 师:0.3 仇:0.3 栾:0.3 隋:0.3 商:0.3 刁:0.3 沙:0.3 荣:0.3 巫:0.3 寇:0.3 桑:0.3 郎:0.3 甄:0.3 丛:0.3
仲:0.3 虞:0.3 敖:0.3 巩:0.3 明:0.3 佘:0.3 池:0.3 查:0.3 麻:0.3 苑:0.3 迟:0.3 邝:0.3 欧阳:0.2 司马:0.05 上官:0.05
诸葛:0.05 司徒:0.05 东方:0.03 皇甫:0.03 令狐:0.02 慕容:0.02 夏侯:0.02
`);

// Characters whose pinyin readings all begin with the same letter (checked against pinyin-pro's polyphone table).
const MALE_CHARS =
  '伟刚勇毅俊峰军平保东文辉力明永健世志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺子杰涛昌成康星光天达安' +
  '岩中茂进林有坚和彪博诚先敬震振壮思群豪心邦承绍功松善厚庆磊民友裕河哲江超浩亮政谦固之翰朗伯宏言若鸣朋斌梁栋维启' +
  '克伦翔旭鹏晨辰士以建家致树炎德时泰雄琛钧冠策腾楠榕风航弘卫华忠铭轩宇然皓睿烨';
const FEMALE_CHARS =
  '秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂' +
  '娣璐娅琦晶妍秋珊莎锦黛青倩婷婉娴瑾颖露瑶怡婵雁蓓仪荷丹蓉眉君琴蕊薇菁梦岚婕馨琰韵园艺咏卿聪澜纯毓悦昭冰爽琬茗羽' +
  '希欣飘育滢馥柔竹凝晓欢霄枫芸菲寒伊亚宜可舒影丽妮宝初琪晴容雯萱彦雨曼紫逸蝶涵梓萌诗';

interface CharPool {
  chars: string[];
  initials: string[];
}

function charPool(text: string): CharPool {
  const chars = [...new Set(text)];
  return { chars, initials: chars.map((c) => pinyinInitials(c)) };
}

let tables: {
  surnames: string[];
  surnameInitials: string[];
  surnameCum: Float64Array;
  male: CharPool;
  female: CharPool;
} | null = null;

function nameTables(): NonNullable<typeof tables> {
  if (tables === null) {
    const surnames = SURNAMES.map(([s]) => s);
    tables = {
      surnames,
      surnameInitials: surnames.map((s) => pinyinInitials(s, { personName: true })),
      surnameCum: cumulative(SURNAMES.map(([, w]) => w)),
      male: charPool(MALE_CHARS),
      female: charPool(FEMALE_CHARS),
    };
  }
  return tables;
}

/** Draws person names; the result of the last draw is left in `name`, `initials` and `female` (no allocation). */
export class NameDrawer {
  name = '';
  initials = '';
  female = false;
  private readonly t = nameTables();

  draw(rng: Rng, femaleShare: number): void {
    const t = this.t;
    this.female = rng.next() < femaleShare;
    const s = pickIndex(t.surnameCum, rng.next());
    const pool = this.female ? t.female : t.male;
    const n = pool.chars.length;
    const i1 = Math.floor(rng.next() * n);
    let name = (t.surnames[s] as string) + (pool.chars[i1] as string);
    let initials = (t.surnameInitials[s] as string) + (pool.initials[i1] as string);
    if (rng.next() < 0.72) {
      const i2 = Math.floor(rng.next() * n);
      name += pool.chars[i2] as string;
      initials += pool.initials[i2] as string;
    }
    this.name = name;
    this.initials = initials;
  }
}
