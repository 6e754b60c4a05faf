import { describe, expect, it } from 'vitest';
import { generateDataset } from './generate.js';
import { generateInspections } from './inspections.js';

const TODAY = '2026-11-25';

describe('demo 督导检查与整改', () => {
  const dataset = generateDataset({ scale: 'county', seed: 7, today: TODAY });
  const g = generateInspections(dataset, TODAY);

  it('is deterministic: three rounds of the county with a few hundred problems', () => {
    expect(generateInspections(dataset, TODAY)).toEqual(g);
    expect(g.rounds.map((r) => r.kind)).toEqual(['open', 'unannounced', 'open']);
    expect(g.rounds.every((r) => r.orgId === dataset.anchors.root && r.endsOn < TODAY)).toBe(true);
    expect(g.problems.length).toBeGreaterThanOrEqual(200);
  });

  it('gives every problem an event history that leads to its state, in date order, within the workflow', () => {
    const next: Record<string, { from: string; to: string }> = {
      start: { from: 'pending', to: 'rectifying' },
      submit: { from: 'rectifying', to: 'submitted' },
      return: { from: 'submitted', to: 'rectifying' },
      accept: { from: 'submitted', to: 'accepted' },
    };
    for (const p of g.problems) {
      expect(p.events[0]).toMatchObject({ action: 'create', to: 'pending', on: p.foundOn });
      for (const [i, e] of p.events.entries()) {
        if (i === 0) continue;
        expect(next[e.action]).toEqual({ from: e.from, to: e.to });
        expect(e.from).toBe(p.events[i - 1]!.to);
        expect(e.on >= p.events[i - 1]!.on && e.on <= TODAY).toBe(true);
      }
      expect(p.events.at(-1)!.to).toBe(p.state);
      if (p.events.some((e) => e.action === 'submit'))
        expect(p.events.find((e) => e.action === 'submit')!.evidence).toBeTruthy();
    }
  });

  it('has every state and a realistic share overdue (open past the deadline)', () => {
    const states = new Set(g.problems.map((p) => p.state));
    expect([...states].sort()).toEqual(['accepted', 'pending', 'rectifying', 'submitted']);
    const overdue = g.problems.filter((p) => p.state !== 'accepted' && p.deadline < TODAY).length;
    expect(overdue / g.problems.length).toBeGreaterThan(0.05);
    expect(overdue / g.problems.length).toBeLessThan(0.3);
  });
});
