// Crash safety: the real server killed with SIGKILL in the middle of a 20,000-row member import (inside its write
// transaction) and in the middle of a report export job, then started again on the same database. The database is
// whole (SQLite integrity check, counters equal to a recount), the file's members are all there or none, the job
// shows failed with the restart message and runs again to completion (the same file imported again; the export's
// rerun), and the audit chain verifies. On a SQLite file and on a PostgreSQL database of its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseConfig } from './config.js';
import { COUNTER_SOURCES } from './db/counter-sources.js';
import { type DbHandle, openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { verifyChain } from './modules/audit/audit.service.js';
import { today } from './platform/clock.js';
import { rebuildCounters } from './platform/counters.js';
import { JOB_INTERRUPTED_MESSAGE } from './platform/jobs.js';
import { TEST_DATABASE_URL, TEST_DIALECTS, type TestDialect, testConfig } from './test/databases.js';
import { seedSmallTree } from './test/factories.js';
import { type JobBody, MEMBER_HEADER, memberSheetRow, xlsxOf } from './test/ledger-files.js';
import { type HttpSession, loginOver, type ServerProcess, startServerProcess } from './test/server-process.js';

const ROWS = 20_000;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface CrashDb {
  database: DatabaseConfig;
  url: string;
  drop(): Promise<void>;
}

async function createDatabase(dialect: TestDialect): Promise<CrashDb> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'grassroots-crash-'));
    const file = join(dir, 'crash.db');
    return {
      database: { dialect: 'sqlite', file },
      url: `sqlite:${file}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `grassroots_crash_${process.pid}`;
  const admin = async (text: string) => {
    const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  await admin(`drop database if exists ${name} with (force)`);
  await admin(`create database ${name}`);
  const url = new URL(TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return {
    database: { dialect: 'postgres', url: url.toString() },
    url: url.toString(),
    drop: () => admin(`drop database if exists ${name} with (force)`),
  };
}

async function jobOf(s: HttpSession, id: number): Promise<JobBody & { result: { phase?: string } | null }> {
  const res = await s.get(`/api/jobs/${id}`);
  if (res.status !== 200) throw new Error(`GET /api/jobs/${id}: ${res.status} ${await res.text()}`);
  return (await res.json()) as JobBody & { result: { phase?: string } | null };
}

/** Polls the job until `until` holds (the test's timeout bounds the wait). */
async function pollJob(s: HttpSession, id: number, until: (job: Awaited<ReturnType<typeof jobOf>>) => boolean) {
  for (;;) {
    const job = await jobOf(s, id);
    if (until(job)) return job;
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function startImport(s: HttpSession, file: Buffer): Promise<number> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)], { type: XLSX }), '党员台账.xlsx');
  const res = await s.send('POST', '/api/members/import', form);
  if (res.status !== 202) throw new Error(`POST /api/members/import: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: number }).id;
}

for (const dialect of TEST_DIALECTS) {
  describe(`[${dialect}] crash safety`, () => {
    let db: CrashDb;
    let server: ServerProcess | null = null;
    let file: Buffer;
    let townUser: string;
    let townOrgId: number;

    /** Reads with a connection of the test's own, while the server runs or after it died. */
    async function inspect<T>(fn: (h: DbHandle) => Promise<T>): Promise<T> {
      const handle = openDatabase(db.database);
      try {
        return await fn(handle);
      } finally {
        await handle.close();
      }
    }
    const importedMembers = () =>
      inspect(async (h) =>
        Number(
          (
            await h.db
              .selectFrom('members')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('name', 'like', '导入党员%')
              .executeTakeFirstOrThrow()
          ).n,
        ),
      );

    beforeAll(async () => {
      db = await createDatabase(dialect);
      const code = await inspect(async (h) => {
        await migrateToLatest(h.db);
        const tree = await seedSmallTree({ db: h.db, dialect: h.dialect, config: testConfig() });
        townUser = tree.users.town.username;
        townOrgId = tree.orgs.town.id;
        return (
          await h.db.selectFrom('orgs').select('code').where('id', '=', tree.orgs.village.id).executeTakeFirstOrThrow()
        ).code;
      });
      file = await xlsxOf(
        MEMBER_HEADER,
        Array.from({ length: ROWS }, (_, i) => memberSheetRow(code, i)),
      );
    });
    /** SQLite: the file is whole after the crash (opening it read-write first recovers from the WAL). */
    const checkIntegrity = () => {
      if (db.database.dialect !== 'sqlite') return;
      const sqlite = new SqliteDatabase(db.database.file);
      try {
        expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(sqlite.pragma('foreign_key_check')).toEqual([]);
      } finally {
        sqlite.close();
      }
    };
    /** Counters equal to a recount, and the audit chain verifies. */
    const checkConsistent = () =>
      inspect(async (h) => {
        expect((await rebuildCounters(h.db, COUNTER_SOURCES, today(), { write: false })).drift).toEqual([]);
        const chain = await verifyChain({ db: h.db, dialect: h.dialect, config: testConfig() });
        expect(chain.ok, JSON.stringify(chain)).toBe(true);
      });
    const jobState = (id: number) =>
      inspect(
        async (h) =>
          (await h.db.selectFrom('jobs').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state,
      );

    afterAll(async () => {
      await server?.kill('SIGKILL');
      await db?.drop();
    });

    it('survives SIGKILL inside a 20,000-row import: all or nothing, job failed and rerun, chain whole', async () => {
      server = await startServerProcess(db.url);
      let town = await loginOver(server.url, townUser);
      const jobId = await startImport(town, file);
      // The import reports its write phase just before it opens its one transaction (20,000 members, their audit
      // rows and counters): killed then, the process dies inside that transaction.
      const writing = await pollJob(town, jobId, (j) => j.state !== 'running' || j.result?.phase === 'writing');
      expect(writing.state, JSON.stringify(writing)).toBe('running');
      await server.kill('SIGKILL');
      server = null;

      checkIntegrity();
      const afterCrash = await importedMembers();
      expect([0, ROWS]).toContain(afterCrash);

      server = await startServerProcess(db.url);
      town = await loginOver(server.url, townUser);
      const interrupted = await jobOf(town, jobId);
      expect(interrupted).toMatchObject({ state: 'failed', error: JOB_INTERRUPTED_MESSAGE });

      // Rerun: the same file again, to completion.
      const rerunId = await startImport(town, file);
      const rerun = await pollJob(town, rerunId, (j) => j.state !== 'running');
      expect(rerun.error).toBeNull();
      expect(rerun.state).toBe('succeeded');
      expect(rerun.result).toMatchObject({ rows: ROWS, created: ROWS - afterCrash, unchanged: afterCrash });
      expect(await importedMembers()).toBe(ROWS);

      await checkConsistent();
      await server.kill('SIGTERM');
      server = null;
    }, 300_000);

    it('survives SIGKILL in the middle of a report export job: job failed, rerun to its file, chain whole', async () => {
      server = await startServerProcess(db.url);
      let town = await loginOver(server.url, townUser);
      const year = today().slice(0, 4);
      const draft = await town.send('POST', '/api/report-drafts', {
        orgId: townOrgId,
        templateKey: 'builtin:township_quarterly',
        from: `${year}-01-01`,
        to: today(),
      });
      expect(draft.status, await draft.clone().text()).toBe(201);
      const draftId = ((await draft.json()) as { id: number }).id;

      // The process is frozen (SIGSTOP) as soon as the job is accepted, and killed only if its job is still running
      // then: a job that finished first (a fast machine) is tried again.
      let jobId = 0;
      for (let attempt = 1; attempt <= 5; attempt++) {
        const res = await town.send('POST', `/api/report-drafts/${draftId}/exports`, { format: 'docx' });
        expect(res.status, await res.clone().text()).toBe(202);
        const id = ((await res.json()) as { id: number }).id;
        process.kill(server.pid, 'SIGSTOP');
        if ((await jobState(id)) === 'running') {
          jobId = id;
          break;
        }
        process.kill(server.pid, 'SIGCONT');
      }
      expect(jobId, 'no export job was caught running in 5 attempts').toBeGreaterThan(0);
      await server.kill('SIGKILL');
      server = null;
      checkIntegrity();

      server = await startServerProcess(db.url);
      town = await loginOver(server.url, townUser);
      expect(await jobOf(town, jobId)).toMatchObject({ state: 'failed', error: JOB_INTERRUPTED_MESSAGE });
      const rerun = await town.send('POST', `/api/report-exports/${jobId}/rerun`);
      expect(rerun.status, await rerun.clone().text()).toBe(202);
      const rerunId = ((await rerun.json()) as { id: number }).id;
      const done = await pollJob(town, rerunId, (j) => j.state !== 'running');
      expect(done.error).toBeNull();
      expect(done.state).toBe('succeeded');
      const fileRes = await town.get(`/api/report-exports/${rerunId}/file`);
      expect(fileRes.status).toBe(200);
      expect((await fileRes.arrayBuffer()).byteLength).toBeGreaterThan(0);

      await checkConsistent();
      await server.kill('SIGTERM');
      server = null;
    }, 300_000);
  });
}
