// The benchmark's own arithmetic: percentiles, and the peer's find_in_set subtree semantics on a tiny tree (where a
// LIKE-based imitation would wrongly put dept 11 under dept 1), checked against the in-memory floor's figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../apps/server/src/config.js';
import { type DbHandle, openDatabase } from '../../../apps/server/src/db/database.js';
import { migrateToLatest } from '../../../apps/server/src/db/migrate.js';
import { diffFigures } from './figures.js';
import { loadMemoryIndex, memoryDashboard } from './memory-scan.js';
import { ancestorsOfPath, buildPeerDept, findInSet, peerDashboard, registerFindInSet } from './peer.js';
import { percentile, summarize } from './stats.js';

describe('percentile (nearest rank)', () => {
  it('picks an observed value', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(sorted, 50)).toBe(5);
    expect(percentile(sorted, 99)).toBe(10);
    expect(percentile(sorted, 100)).toBe(10);
    expect(percentile(sorted, 10)).toBe(1);
    expect(percentile(sorted, 11)).toBe(2);
  });
  it('handles one sample and none', () => {
    expect(percentile([7], 50)).toBe(7);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
  it('p99 of 1000 samples is the 990th', () => {
    const sorted = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(percentile(sorted, 99)).toBe(990);
  });
  it('refuses p outside (0, 100]', () => {
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
  it('summarize sorts numerically, not as strings', () => {
    const s = summarize([10, 9, 100, 2]);
    expect(s.p50_ms).toBe(9);
    expect(s.max_ms).toBe(100);
    expect(s.n).toBe(4);
  });
});

describe('find_in_set (MySQL semantics)', () => {
  it('returns the 1-based position of a whole item, 0 when absent', () => {
    expect(findInSet('1', '0,1,11')).toBe(2);
    expect(findInSet('11', '0,1,11')).toBe(3);
    expect(findInSet('0', '0,1,11')).toBe(1);
    expect(findInSet('1', '0,11,21')).toBe(0);
    expect(findInSet('1', '')).toBe(0);
    expect(findInSet('12', '0,1,123')).toBe(0);
  });
  it("ancestors are the ids above a dept, led by RuoYi's 0", () => {
    expect(ancestorsOfPath('/1/')).toBe('0');
    expect(ancestorsOfPath('/1/7/42/')).toBe('0,1,7');
  });
});

describe('the peer on a tiny tree', () => {
  let handle: DbHandle;
  const today = '2026-06-30';

  beforeAll(async () => {
    const config = loadConfig({ DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent' });
    handle = openDatabase(config.database);
    await migrateToLatest(handle.db);
    const db = handle.sqlite!;
    const now = '2026-01-01T00:00:00.000Z';
    // 1 → 2 → 3 and 1 → 11 → 12: dept 11 shares the digit 1 with dept 1 without being under it twice.
    const orgs: Array<[number, number | null, string, string]> = [
      [1, null, '/1/', 'committee'],
      [2, 1, '/1/2/', 'branch'],
      [3, 2, '/1/2/3/', 'group'],
      [11, 1, '/1/11/', 'general_branch'],
      [12, 11, '/1/11/12/', 'branch'],
    ];
    const insertOrg = db.prepare(`insert into orgs (id, parent_id, path, depth, name, name_initials, kind, sector, code,
      created_at, updated_at) values (?, ?, ?, ?, ?, 'x', ?, 'rural', ?, ?, ?)`);
    for (const [id, parent, path, kind] of orgs) {
      insertOrg.run(id, parent, path, path.split('/').length - 3, `org${id}`, kind, `C${id}`, now, now);
    }
    const insertMember = db.prepare(`insert into members (org_id, org_path, name, name_initials, gender, ethnicity,
      birth_date, id_number, education, occupation, joined_on, status, created_at, updated_at)
      values (?, ?, ?, 'x', ?, '汉族', ?, ?, ?, ?, '2010-07-01', ?, ?, ?)`);
    const members: Array<[number, string, string, string, string, string]> = [
      [1, 'male', '1960-05-01', 'bachelor', 'retired', 'full'],
      [2, 'female', '1992-01-15', 'postgraduate', 'professional', 'full'],
      [3, 'female', '2000-07-01', 'associate', 'student', 'probationary'],
      [3, 'male', '1995-06-30', 'secondary', 'farmer', 'full'],
      [11, 'male', '1980-12-31', 'junior_or_below', 'farmer', 'full'],
      [12, 'female', '1990-06-30', 'bachelor', 'worker', 'full'],
    ];
    members.forEach(([orgId, gender, birth, education, occupation, status], i) => {
      const path = orgs.find((o) => o[0] === orgId)![2];
      insertMember.run(orgId, path, `m${i}`, gender, birth, `ID${i}`, education, occupation, status, now, now);
    });
    await buildPeerDept(handle);
    await registerFindInSet(handle);
  });

  afterAll(async () => {
    await handle.close();
  });

  const subtree = (id: number) =>
    (
      handle
        .sqlite!.prepare('select dept_id from peer_dept where find_in_set(?, ancestors) order by dept_id')
        .all(String(id)) as Array<{ dept_id: number }>
    ).map((r) => r.dept_id);

  it('finds descendants by ancestors, never by digit overlap', () => {
    expect(subtree(1)).toEqual([2, 3, 11, 12]);
    expect(subtree(2)).toEqual([3]);
    expect(subtree(11)).toEqual([12]);
    expect(subtree(3)).toEqual([]);
  });

  it('gives the same figures as the in-memory scan, for every node', async () => {
    const memory = await loadMemoryIndex(handle);
    for (const id of [1, 2, 3, 11, 12]) {
      const peer = await peerDashboard(handle, id, today);
      expect(diffFigures(peer, memoryDashboard(memory, id, today))).toBeNull();
    }
    const root = await peerDashboard(handle, 1, today);
    expect(root.members.total).toBe(6);
    expect(root.children.map((c) => [c.orgId, c.members.total, c.orgs.total])).toEqual([
      [2, 3, 2],
      [11, 2, 2],
    ]);
    expect(root.members.byAgeBand).toMatchObject({ le30: 1, '31_35': 2, '36_40': 1, '41_45': 1, ge61: 1 });
  });
});
