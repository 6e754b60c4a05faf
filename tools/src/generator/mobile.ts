// Demo 流动党员, 光荣在党50年 awards and transfers out of / into the platform: pure functions of (members, seed,
// today). Every member the member stream flagged 流动党员 gets a record (so flags and records agree), with a realistic
// share out of contact for 3 months or flagged 失联; most earlier 50-year cohorts have their medal, part of this
// year's has; a handful of members left the platform or came into it on a letter.
import { addDays, addYears, MEDAL_YEARS, type MobileContactMethod } from '@grassroots/domain';
import { MOBILE_PREFIXES } from './place-names.js';
import { Rng } from './prng.js';

const DESTINATIONS = [
  ['广东省深圳市宝安区', '深圳市宝安区流动党员服务站'],
  ['广东省东莞市长安镇', '东莞市长安镇流动党员联络站'],
  ['广东省广州市白云区', '广州市白云区流动党员服务中心'],
  ['浙江省杭州市余杭区', '杭州市余杭区流动党员服务站'],
  ['浙江省宁波市北仑区', null],
  ['江苏省苏州市工业园区', '苏州工业园区流动党员服务站'],
  ['上海市浦东新区', '浦东新区流动党员服务中心'],
  ['北京市朝阳区', '朝阳区流动党员服务站'],
  ['福建省厦门市湖里区', null],
  ['新疆维吾尔自治区昌吉市', '昌吉市流动党员联络站'],
  ['四川省成都市武侯区', null],
  ['湖北省武汉市东湖新技术开发区', '东湖高新区流动党员服务站'],
] as const;
const WORKPLACES = [
  '电子厂',
  '建筑工地',
  '物流公司',
  '外卖配送站',
  '快递网点',
  '餐饮店',
  '家政服务公司',
  '汽车配件厂',
  '自主经营',
  null,
];
const CONTACTS = ['本人', '其配偶', '其父亲', '其母亲', '其子女', '同乡党员'];
const METHODS: MobileContactMethod[] = ['phone', 'phone', 'phone', 'wechat', 'wechat', 'visit', 'letter'];
const NOTES = [
  '电话联系，思想稳定',
  '微信视频参加支部主题党日',
  '已按时缴纳党费',
  '春节返乡时走访',
  '寄送学习资料',
  null,
];

function phone(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + String(100_000_000 + rng.int(100_000_000)).slice(1);
}

export interface MobileDemoMember {
  id: number;
  orgId: number;
  orgPath: string;
  joinedOn: string;
  isLostContact: number;
}

export interface MobileDemoContact {
  contactedOn: string;
  method: MobileContactMethod;
  note: string | null;
}

export interface MobileDemoRecord {
  memberId: number;
  orgId: number;
  orgPath: string;
  destinationRegion: string;
  workplace: string | null;
  since: string;
  contactName: string | null;
  contactPhone: string | null;
  station: string | null;
  lastContactOn: string | null;
  lostContact: 0 | 1;
  returnedOn: string | null;
  contacts: MobileDemoContact[];
}

/**
 * One active record per mobile member (≈12 % of them with no contact for over 3 months, a few never contacted
 * since leaving, the 失联 ones flagged), and for about one in six an earlier, returned one.
 */
export function generateMobileRecords(members: readonly MobileDemoMember[], seed: number, today: string) {
  const records: MobileDemoRecord[] = [];
  for (const m of members) {
    const rng = new Rng(seed, m.id, 71);
    const [region, station] = rng.pick(DESTINATIONS);
    const base = {
      memberId: m.id,
      orgId: m.orgId,
      orgPath: m.orgPath,
      destinationRegion: region,
      workplace: rng.pick(WORKPLACES),
      contactName: rng.chance(0.9) ? rng.pick(CONTACTS) : null,
      contactPhone: rng.chance(0.92) ? phone(rng) : null,
      station,
    };
    let since = addDays(today, -(120 + rng.int(1800)));
    if (since < m.joinedOn) since = m.joinedOn;
    if (rng.chance(0.17)) {
      // An earlier time away, ended before this one began.
      const returned = addDays(since, -(30 + rng.int(400)));
      const earlier = addDays(returned, -(180 + rng.int(700)));
      const lastContactOn = addDays(returned, -rng.int(60));
      if (earlier > m.joinedOn) {
        records.push({
          ...base,
          since: earlier,
          lastContactOn,
          lostContact: 0,
          returnedOn: returned,
          contacts: [{ contactedOn: lastContactOn, method: 'phone', note: null }],
        });
      }
    }
    const r = rng.next();
    // Days since the last contact: most within the quarter, ≈12 % beyond it, ≈4 % never since leaving.
    const ago = r < 0.84 ? rng.int(85) : r < 0.96 ? 95 + rng.int(300) : null;
    let lastContactOn = ago === null ? null : addDays(today, -ago);
    if (lastContactOn !== null && lastContactOn < since) lastContactOn = since;
    const contacts: MobileDemoContact[] = [];
    if (lastContactOn !== null) {
      let day = lastContactOn;
      for (let k = 1 + rng.int(3); k > 0 && day >= since; k--) {
        contacts.push({ contactedOn: day, method: rng.pick(METHODS), note: rng.pick(NOTES) });
        day = addDays(day, -(25 + rng.int(70)));
      }
    }
    records.push({
      ...base,
      since,
      lastContactOn,
      lostContact: m.isLostContact === 1 ? 1 : 0,
      returnedOn: null,
      contacts,
    });
  }
  return records;
}

/**
 * 光荣在党50年 awards: earlier cohorts (standing reached 50 before this year) nearly all have theirs; of this year's,
 * those past the anniversary by 七一 got it about half the time, so the rest are the medal_due warnings.
 */
export function generateMedals(candidates: readonly { id: number; fullOn: string }[], seed: number, today: string) {
  const year = Number(today.slice(0, 4));
  const awards: { memberId: number; awardedOn: string }[] = [];
  for (const c of candidates) {
    const rng = new Rng(seed, c.id, 72);
    const due = addYears(c.fullOn, MEDAL_YEARS);
    const dueYear = Number(due.slice(0, 4));
    if (dueYear < year) {
      // Medals were first awarded in 2021 (建党百年); a cohort due earlier got it then.
      if (rng.chance(0.93)) awards.push({ memberId: c.id, awardedOn: `${Math.max(2021, dueYear)}-07-01` });
    } else if (dueYear === year) {
      const awardedOn = due > `${year}-07-01` ? due : `${year}-07-01`;
      if (awardedOn <= today && rng.chance(0.5)) awards.push({ memberId: c.id, awardedOn });
    }
  }
  return awards;
}

export interface ExternalDemoTransfer {
  kind: 'out' | 'in';
  memberId: number;
  orgId: number;
  orgPath: string;
  letterNo: string;
  externalOrg: string;
  externalRegion: string;
  transferDate: string;
  reason: string;
}

const OUTSIDE = [
  ['浙江省杭州市', '杭州市西湖区北山街道党工委'],
  ['江苏省南京市', '南京市玄武区玄武门街道党工委'],
  ['广东省深圳市', '深圳市南山区粤海街道党工委'],
  ['上海市', '上海市徐汇区漕河泾街道党工委'],
  ['四川省成都市', '成都市高新区芳草街社区党委'],
] as const;
const OUT_REASONS = ['工作调动', '随迁', '考入外省公务员', '异地就业'];
const IN_REASONS = ['返乡创业', '退役安置', '随迁', '工作调动'];

/** A handful of 转出系统外 / 从系统外转入 on letters, spread over the last year. */
export function generateExternalTransfers(
  candidates: readonly { id: number; orgId: number; orgPath: string; joinedOn: string }[],
  seed: number,
  today: string,
): ExternalDemoTransfer[] {
  return candidates.map((c, i) => {
    const rng = new Rng(seed, c.id, 73);
    const kind = i % 2 === 0 ? 'out' : 'in';
    const [region, org] = rng.pick(OUTSIDE);
    let transferDate = addDays(today, -(5 + rng.int(330)));
    if (transferDate < c.joinedOn) transferDate = c.joinedOn;
    return {
      kind,
      memberId: c.id,
      orgId: c.orgId,
      orgPath: c.orgPath,
      letterNo: `${kind === 'out' ? '组转字' : '组接字'}〔${transferDate.slice(0, 4)}〕第${String(10 + i * 7 + rng.int(5)).padStart(3, '0')}号`,
      externalOrg: org,
      externalRegion: region,
      transferDate,
      reason: rng.pick(kind === 'out' ? OUT_REASONS : IN_REASONS),
    };
  });
}
