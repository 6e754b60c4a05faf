// Demo 党建联系点 for the county: each township has one village or community branch linked to a county leader
// (since March of last year; a few links ended in the middle of last year and were handed to another leader), with
// about six visits a year each, most problems raised solved within weeks. Deterministic for the dataset's seed.
import { addDays } from '@grassroots/domain';
import type { Dataset } from './generate.js';
import { NameDrawer } from './person-names.js';
import { Rng } from './prng.js';
import { isTownship } from './tasks.js';

const POSITIONS = [
  '县委书记',
  '县长',
  '县委副书记',
  '县委常委、组织部部长',
  '县委常委、宣传部部长',
  '县委常委、统战部部长',
  '副县长',
  '县人大常委会副主任',
  '县政协副主席',
];
const CONTENTS = [
  '召开党员座谈会，了解村“两委”班子运行情况',
  '督导“三会一课”落实，查阅会议记录',
  '调研村级集体经济发展，研究增收项目',
  '走访困难党员和群众，听取意见建议',
  '指导党群服务中心规范化建设',
  '讲授专题党课，宣讲党的创新理论',
];
const PROBLEMS = [
  '党员活动室设施陈旧',
  '后备力量不足',
  '集体经济收入偏低',
  '组织生活记录不规范',
  '党群服务中心功能不全',
  '村干部报酬发放不及时',
  '流动党员联系不畅',
  '村内道路亮化不足',
];

export interface GeneratedContactLink {
  orgId: number;
  leaderName: string;
  leaderPosition: string;
  validFrom: string;
  validTo: string | null;
  visits: Array<{ visitedOn: string; content: string; problems: Array<{ text: string; solvedOn: string | null }> }>;
}

export function generateContactPoints(dataset: Dataset, today: string): GeneratedContactLink[] {
  const rng = new Rng(dataset.seed, 7_300_001);
  const names = new NameDrawer();
  const year = Number(today.slice(0, 4));
  const byId = new Map(dataset.orgs.map((o) => [o.id, o]));
  const townIds = new Set(dataset.orgs.filter((o) => isTownship(o, byId)).map((o) => o.id));
  const firstBranch = new Map<number, number>();
  for (const o of dataset.orgs) {
    if (o.parentId === null || !townIds.has(o.parentId) || firstBranch.has(o.parentId)) continue;
    if (o.kind === 'branch' && (o.sector === 'rural' || o.sector === 'urban_community'))
      firstBranch.set(o.parentId, o.id);
  }
  const leader = () => {
    names.draw(rng, 0.2);
    return { leaderName: names.name, leaderPosition: POSITIONS[rng.int(POSITIONS.length)]! };
  };
  const visitsBetween = (from: string, to: string) => {
    const out: GeneratedContactLink['visits'] = [];
    // About one visit every two months, at a random day of each slot.
    for (let d = from; d <= to; d = addDays(d, 61)) {
      const visitedOn = addDays(d, rng.int(50));
      if (visitedOn > to) break;
      const problems = Array.from({ length: rng.int(4) }, () => {
        const solvedOn = addDays(visitedOn, 3 + rng.int(50));
        const solved = solvedOn <= today && rng.chance(0.88);
        return { text: PROBLEMS[rng.int(PROBLEMS.length)]!, solvedOn: solved ? solvedOn : null };
      });
      out.push({ visitedOn, content: CONTENTS[rng.int(CONTENTS.length)]!, problems });
    }
    return out;
  };
  const links: GeneratedContactLink[] = [];
  for (const orgId of firstBranch.values()) {
    const validFrom = `${year - 1}-03-01`;
    if (rng.chance(0.15)) {
      // Handed over mid-year: the first leader's link ends, the second's starts the next day.
      const end = `${year - 1}-08-31`;
      links.push({ orgId, ...leader(), validFrom, validTo: end, visits: visitsBetween(validFrom, end) });
      const next = addDays(end, 1);
      links.push({ orgId, ...leader(), validFrom: next, validTo: null, visits: visitsBetween(next, today) });
    } else {
      links.push({ orgId, ...leader(), validFrom, validTo: null, visits: visitsBetween(validFrom, today) });
    }
  }
  return links;
}
