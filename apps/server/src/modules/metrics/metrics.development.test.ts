// 发展党员 metrics against people walked through the steps by the development API, counted by hand. In 城关镇:
// A admitted 2025-03-21 and 转正 approved 2026-03-15; G admitted 2025-02-21, probation extended 2026-02-10 (no 转正);
// F a 发展对象 from 2025-04-01, admitted 2026-01-25; B applied 2025-06-01, activist 2025-07-01, 发展对象 2026-07-01;
// C applied 2026-03-01. In 青石镇 (outside the township): D applied 2026-02-01.
import { addDays, addMonths, addYears, makeIdNumber } from '@grassroots/domain';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.js';
import { type Session, smallTreeSuite } from '../../test/factories.js';
import { DEVELOPMENT_METRICS } from '../development/development.metrics.js';
import { expectRecordsAddUp } from './metrics.test-support.js';

const H1 = 'from=2026-01-01&to=2026-06-30';
const Y2025 = 'from=2025-01-01&to=2025-12-31';
type Step = [step: string, date: string, extra?: Record<string, unknown>];

describeEachDb('metrics of 发展党员', (getDb) => {
  const { tree, sessions, get, send } = smallTreeSuite(getDb, ['county', 'town', 'branch']);
  const { county, town, branch } = sessions;
  let person = 0;

  /** A person applying on `t0` (step 1), then the steps given, upper-committee steps by `upper`. */
  async function walk(orgId: number, name: string, t0: string, steps: Step[], lower: Session, upper: Session) {
    person++;
    const birthDate = '1996-08-15';
    const created = await send(lower, 'POST', '/api/development', {
      orgId,
      name,
      gender: person % 2 ? 'female' : 'male',
      ethnicity: '汉族',
      birthDate,
      idNumber: makeIdNumber('110105', birthDate, 400 + person, person % 2 ? 'female' : 'male'),
      education: 'bachelor',
      occupation: 'farmer',
      phone: '13700002222',
      applicationDate: t0,
    });
    expect(created.statusCode, created.body).toBe(201);
    let version = created.json().version as number;
    for (const [code, date, extra] of steps) {
      const s = ['upper_pre_review', 'admission_approval', 'full_membership_approval'].includes(code) ? upper : lower;
      const res = await send(s, 'POST', `/api/development/${created.json().id}/steps`, {
        step: code,
        date,
        version,
        ...extra,
      });
      expect(res.statusCode, `${name} ${code} ${date}: ${res.body}`).toBe(201);
      version = res.json().version;
    }
  }
  const contacts = () => ({ contactPersonIds: [tree.members.village[0]!.id] });
  const sponsors = () => ({ sponsorIds: tree.members.village.map((m) => m.id) });
  /** Talk, activist a month after applying, candidate a year later. */
  const toCandidate = (t0: string): Step[] => {
    const a = addMonths(t0, 1);
    return [
      ['talk', addDays(t0, 10)],
      ['activist_selection', a],
      ['activist_filing', addDays(a, 5)],
      ['contact_persons', addDays(a, 6), contacts()],
      ['activist_observation', addMonths(a, 6)],
      ['candidate_selection', addYears(a, 1)],
    ];
  };
  /** From 发展对象 (`c`) to the admission meeting `m`, approved 20 days later, and the steps of probation. */
  const toProbation = (c: string, m: string): Step[] => [
    ['candidate_filing', addDays(c, 1)],
    ['sponsors', addDays(c, 2), sponsors()],
    ['political_review', addDays(c, 3), { politicalReviewPassed: true }],
    ['training', addDays(c, 4), { trainingDays: 3, trainingHours: 24 }],
    ['committee_review', addDays(c, 5)],
    ['upper_pre_review', addDays(c, 6)],
    ['application_form', addDays(c, 7)],
    ['admission_meeting', m],
    ['upper_talk', addDays(m, 5)],
    ['admission_approval', addDays(m, 20)],
  ];
  const probationSteps = (m: string): Step[] => [
    ['admission_filing', addDays(m, 25)],
    ['placement', addDays(m, 26)],
    ['oath', addDays(m, 30)],
    ['probation_education', addDays(m, 60)],
  ];
  /** 转正 at the end of probation (a year after the meeting `m`), decided `outcome`, approved `approvedOn`. */
  const toDecision = (m: string, outcome: Record<string, unknown>, approvedOn: string): Step[] => [
    ['full_membership_application', addMonths(addYears(m, 1), -1)],
    ['full_membership_meeting', addYears(m, 1), outcome],
    ['full_membership_approval', approvedOn],
  ];

  const value = async (key: string, orgId: number, query: string) => {
    const res = await get(county, `/api/metrics/${key}?orgId=${orgId}&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().value as number;
  };
  const figures = async (orgId: number, query: string) =>
    Object.fromEntries(
      await Promise.all(DEVELOPMENT_METRICS.map(async (d) => [d.key, await value(d.key, orgId, query)] as const)),
    );

  beforeAll(async () => {
    const v = tree.orgs.village.id;
    // A: applied 2024-01-10, candidate 2025-02-10, meeting 2025-03-01, 转正 on time approved 2026-03-15.
    await walk(
      v,
      '甲',
      '2024-01-10',
      [
        ...toCandidate('2024-01-10'),
        ...toProbation('2025-02-10', '2025-03-01'),
        ...probationSteps('2025-03-01'),
        ...toDecision('2025-03-01', { outcome: 'on_time' }, '2026-03-15'),
      ],
      branch,
      town,
    );
    // G: meeting 2025-02-01, probation extended by 6 months, approved 2026-02-10.
    await walk(
      v,
      '庚',
      '2023-09-01',
      [
        ...toCandidate('2023-09-01'),
        ...toProbation('2024-10-01', '2025-02-01'),
        ...probationSteps('2025-02-01'),
        ...toDecision('2025-02-01', { outcome: 'extended', extensionMonths: 6 }, '2026-02-10'),
      ],
      branch,
      town,
    );
    // F: candidate 2025-04-01, meeting 2026-01-05, approved 2026-01-25.
    await walk(
      v,
      '己',
      '2024-03-01',
      [...toCandidate('2024-03-01'), ...toProbation('2025-04-01', '2026-01-05')],
      branch,
      town,
    );
    await walk(v, '乙', '2025-06-01', toCandidate('2025-06-01'), branch, town);
    await walk(v, '丙', '2026-03-01', [['talk', '2026-03-10']], branch, town);
    await walk(tree.orgs.otherVillage.id, '丁', '2026-02-01', [], county, county);
  });

  it('counts the pipeline on the period’s end and the period’s applications, admissions and 转正', async () => {
    expect(await figures(tree.orgs.town.id, H1)).toEqual({
      'development.stage.applicant': 1, // 丙
      'development.stage.activist': 1, // 乙 (发展对象 only from 1 July)
      'development.stage.candidate': 0,
      'development.applications': 1, // 丙
      'development.probationary.admitted': 1, // 己
      'development.probationary.converted': 1, // 甲; 庚's probation was extended
    });
    expect(await figures(tree.orgs.town.id, Y2025)).toEqual({
      'development.stage.applicant': 0,
      'development.stage.activist': 1, // 乙
      'development.stage.candidate': 1, // 己
      'development.applications': 1, // 乙
      'development.probationary.admitted': 2, // 甲, 庚
      'development.probationary.converted': 0,
    });
    // The county adds 丁 (青石镇): an applicant from 2026-02-01.
    const countyH1 = await figures(tree.orgs.county.id, H1);
    expect(countyH1['development.stage.applicant']).toBe(2);
    expect(countyH1['development.applications']).toBe(2);
    expect(await value('development.stage.applicant', tree.orgs.county.id, 'to=2026-01-31')).toBe(0);
  });

  it('agrees with the stored stage today, and lists who was counted', async () => {
    const today = await figures(tree.orgs.town.id, '');
    expect(today['development.stage.candidate']).toBe(1);
    const pipeline = (await get(county, `/api/development/pipeline?orgId=${tree.orgs.town.id}`)).json();
    const stored = (stage: string) =>
      pipeline.stages.find((s: { stage: string; count: number }) => s.stage === stage)?.count ?? 0;
    for (const stage of ['applicant', 'activist', 'candidate'])
      expect(today[`development.stage.${stage}`], stage).toBe(stored(stage));
    const converted = await get(
      county,
      `/api/metrics/development.probationary.converted/records?orgId=${tree.orgs.town.id}&${H1}`,
    );
    expect(converted.json().items).toEqual([
      expect.objectContaining({ name: '甲', date: '2026-03-15', joinedOn: '2025-03-01', fullOn: '2026-03-01' }),
    ]);
    expect(converted.json().items[0].stage).toBe('正式党员');
  });

  it('lists records that add up to every figure', async () => {
    const queries = [tree.orgs.county.id, tree.orgs.town.id].flatMap((id) =>
      [H1, Y2025, 'from=2024-01-01'].map((p) => `orgId=${id}&${p}`),
    );
    await expectRecordsAddUp(get, county, DEVELOPMENT_METRICS, queries);
  });
});
