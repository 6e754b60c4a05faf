// The PostgreSQL pool when the server ends one of its connections (a restart, an administrator, `drop database …
// with (force)`): the idle connection's error is reported and the connection dropped, not thrown out of the process;
// and close() returns only once every connection is really gone.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '../test/databases.js';
import { openDatabase } from './database.js';

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The server processes of the connections that carry `tag` as their application name. */
async function backendsOf(tag: string): Promise<number[]> {
  return withAdmin(async (c) =>
    (await c.query('select pid from pg_stat_activity where application_name = $1', [tag])).rows.map((r) =>
      Number(r.pid),
    ),
  );
}

if (TEST_DATABASE_URL) {
  describe('[postgres] database pool', () => {
    const tag = `grassroots_pool_${randomBytes(4).toString('hex')}`;
    const url = () => {
      const u = new URL(TEST_DATABASE_URL!);
      u.searchParams.set('application_name', tag);
      return u.toString();
    };

    it('drops an idle connection the server ended, reports it, and keeps answering', async () => {
      const reported: Error[] = [];
      const handle = openDatabase(
        { dialect: 'postgres', url: url() },
        { onIdleConnectionError: (err) => reported.push(err) },
      );
      try {
        await Promise.all([1, 2, 3].map(() => handle.pool!.query('select pg_sleep(0.05)')));
        const pids = await backendsOf(tag);
        expect(pids.length).toBe(3);
        await withAdmin((c) => c.query('select pg_terminate_backend(pid) from unnest($1::int[]) pid', [pids]));
        await expect.poll(() => reported.length).toBe(3);
        expect(reported[0]!.message).toContain('terminat');
        expect(handle.pool!.totalCount).toBe(0);
        const r = await handle.pool!.query('select 1 as one');
        expect(r.rows[0].one).toBe(1);
      } finally {
        await handle.close();
      }
    });

    it('closes only once every connection of the pool has ended', async () => {
      const handle = openDatabase({ dialect: 'postgres', url: url() }, { onIdleConnectionError: () => {} });
      await Promise.all([1, 2, 3, 4].map(() => handle.pool!.query('select pg_sleep(0.05)')));
      expect((await backendsOf(tag)).length).toBe(4);
      await handle.close();
      expect(await backendsOf(tag)).toEqual([]);
    });
  });
}
