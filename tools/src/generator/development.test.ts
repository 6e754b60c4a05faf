import {
  addYears,
  checkDevelopmentStep,
  DEVELOPMENT_STAGES,
  type DevelopmentRecord,
  developmentStatus,
} from '@grassroots/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DevelopmentSeedMember, type GeneratedDevelopmentRecord, generateDevelopment } from './development.js';
import { type Dataset, generateDataset } from './generate.js';

const TODAY = '2025-06-30';

describe('generateDevelopment, demo county', () => {
  let county: Dataset;
  let pipeline: DevelopmentSeedMember[];
  let formal: DevelopmentSeedMember[];
  let records: GeneratedDevelopmentRecord[];

  beforeAll(() => {
    county = generateDataset({ scale: 'county', seed: 42, today: TODAY });
    pipeline = [];
    formal = [];
    const perOrg = new Map<number, number>();
    // What the loader reads back from the members table.
    for (const m of county.members()) {
      if (m.status === 'probationary' || m.joinedOn >= addYears(TODAY, -2)) pipeline.push(m);
      if (m.status === 'full' && m.fullOn! <= addYears(TODAY, -4) && (perOrg.get(m.orgId) ?? 0) < 4) {
        perOrg.set(m.orgId, (perOrg.get(m.orgId) ?? 0) + 1);
        formal.push(m);
      }
    }
    records = generateDevelopment(county, TODAY, pipeline, formal);
  });

  it('makes every step one the rules accept, in order, none in the future', () => {
    for (const r of records) {
      const record: DevelopmentRecord = { idNumber: r.idNumber, birthDate: r.birthDate, entries: [] };
      for (const entry of r.steps) {
        const check = checkDevelopmentStep(record, entry, TODAY);
        expect(check, `${r.name} ${entry.step} ${entry.date}`).toMatchObject({ ok: true });
        (record.entries as unknown[]).push(entry);
      }
    }
  });

  it('is deterministic for the seed', () => {
    expect(generateDevelopment(county, TODAY, pipeline, formal)).toEqual(records);
  });

  it('covers every stage with a realistic share of due and overdue steps, and links the admitted members', () => {
    const statuses = records.map((r) => ({
      r,
      s: developmentStatus({ idNumber: r.idNumber, birthDate: r.birthDate, entries: r.steps }, TODAY),
    }));
    for (const stage of DEVELOPMENT_STAGES) expect(statuses.some(({ s }) => s.stage === stage)).toBe(true);
    const overdue = statuses.filter(({ s }) => s.next?.overdue).length;
    expect(overdue / records.length).toBeGreaterThan(0.02);
    expect(overdue / records.length).toBeLessThan(0.2);
    // Every probationary member of the county has their record (unless too young at the time to have applied).
    const linked = new Set(records.map((r) => r.memberId));
    const probationary = pipeline.filter((m) => m.status === 'probationary');
    expect(probationary.filter((m) => linked.has(m.id)).length / probationary.length).toBeGreaterThan(0.9);
    for (const { r, s } of statuses) {
      if (r.memberId !== null) expect(['probationary', 'full']).toContain(s.stage);
    }
  });

  it('gives the demo branch an admitted person whose probation ended, with the 转正 meeting due now', () => {
    const demo = records.filter((r) => r.orgId === county.anchors.villageBranch && r.addMember);
    expect(demo).toHaveLength(1);
    const s = developmentStatus(
      { idNumber: demo[0]!.idNumber, birthDate: demo[0]!.birthDate, entries: demo[0]!.steps },
      TODAY,
    );
    expect(s.next).toMatchObject({ step: { code: 'full_membership_meeting' }, ready: true, overdue: false });
    expect(s.probationEnd! < TODAY).toBe(true);
  });
});
