import { SECTORS } from '@grassroots/domain';
import { describe, expect, it } from 'vitest';
import { generateDataset } from './generate.js';
import { generateTasks, isTownship } from './tasks.js';

const TODAY = '2026-11-25';

describe('demo 清单管理', () => {
  const dataset = generateDataset({ scale: 'county', seed: 1, today: TODAY });
  const g = generateTasks(dataset, TODAY);
  const byId = new Map(dataset.orgs.map((o) => [o.id, o]));
  const townships = dataset.orgs.filter((o) => isTownship(o, byId)).map((o) => o.id);
  const tasks = g.lists.flatMap((l) => l.tasks);
  const measures = tasks.flatMap((t) => t.measures);

  it('is deterministic for the seed', () => {
    expect(generateTasks(dataset, TODAY)).toEqual(g);
  });

  it("gives the county a year's list per domain at the examples' scale", () => {
    expect(g.lists.map((l) => l.list.sector)).toEqual([...SECTORS]);
    for (const { list } of g.lists) {
      expect(list).toMatchObject({ orgId: dataset.anchors.root, year: 2026 });
      expect(list.title).toMatch(/^2026年.+领域基层党建重点任务清单$/);
    }
    expect(tasks.length).toBeGreaterThanOrEqual(45);
    expect(tasks.length).toBeLessThanOrEqual(55);
    expect(measures.length).toBeGreaterThanOrEqual(270);
    expect(measures.length).toBeLessThanOrEqual(330);
    for (const { tasks: ts } of g.lists) {
      expect(ts.length).toBeGreaterThanOrEqual(5);
      // No measure twice within a task, no task twice within a list.
      expect(new Set(ts.map((t) => t.title)).size).toBe(ts.length);
      for (const t of ts) expect(new Set(t.measures.map((m) => m.title)).size).toBe(t.measures.length);
    }
  });

  it('keeps the 农村 list’s hand-written tasks first and fills domain words into the templates', () => {
    const rural = g.lists.find((l) => l.list.sector === 'rural')!;
    expect(rural.tasks[0]!.title).toBe('强化政治引领，深化党的创新理论武装');
    expect(rural.tasks.slice(0, 6).flatMap((t) => t.measures)).toHaveLength(20);
    const government = g.lists.find((l) => l.list.sector === 'government')!;
    expect(government.tasks.map((t) => t.title)).toContain('加强机关党组织政治建设');
    for (const t of tasks) expect(t.title).not.toMatch(/[{}]/);
  });

  it('assigns every measure to every township, with deadlines in the year and a share overdue', () => {
    expect(townships.length).toBeGreaterThan(0);
    for (const m of measures) {
      expect(m.assignments.map((a) => a.orgId)).toEqual(townships);
      expect(m.deadline >= '2026-03-31' && m.deadline <= '2026-12-31').toBe(true);
    }
    const due = measures.flatMap((m) => (m.deadline < TODAY ? m.assignments : []));
    const overdue = due.filter((a) => a.state !== 'completed');
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.length / due.length).toBeLessThan(0.3);
  });
});
