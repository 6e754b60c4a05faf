// pageOf: one page of the filtered rows in their order, and the count of all filtered rows, on both databases.
import { expect, it } from 'vitest';
import { describeEachDb } from '../test/databases.js';
import { seedSmallTree } from '../test/factories.js';
import { pageOf } from './paging.js';

describeEachDb('paging', (getDb) => {
  it('returns the asked page in order and the total of the filtered list as a number', async () => {
    const { ctx } = getDb();
    const { db } = ctx;
    const tree = await seedSmallTree(ctx);
    const branches = db.selectFrom('orgs as o').where('o.kind', '=', 'branch');
    const names = (await branches.select('o.name').orderBy('o.id').execute()).map((r) => r.name);
    expect(names.length).toBeGreaterThanOrEqual(3);

    const rows = (qb: typeof branches) =>
      qb.innerJoin('orgs as p', 'p.id', 'o.parentId').select(['o.name', 'p.name as parentName']).orderBy('o.id');
    const first = await pageOf(branches, rows, 1, 2);
    expect(first.total).toBe(names.length);
    expect(first.items.map((r) => r.name)).toEqual(names.slice(0, 2));
    expect(first.items[0]?.parentName).toBe(tree.orgs.town.name);

    const second = await pageOf(branches, rows, 2, 2);
    expect(second).toEqual({ items: expect.any(Array), total: names.length });
    expect(second.items.map((r) => r.name)).toEqual(names.slice(2, 4));

    const pastTheEnd = await pageOf(branches, rows, 9, 2);
    expect(pastTheEnd).toEqual({ items: [], total: names.length });

    const none = await pageOf(branches.where('o.name', '=', '没有这个组织'), rows, 1, 20);
    expect(none).toEqual({ items: [], total: 0 });
  });
});
