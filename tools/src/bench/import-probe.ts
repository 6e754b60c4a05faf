// How the server answers while a large member import runs (issue 4: "a 20,000-row file must not freeze the page or
// the server"): a fresh SQLite file database as deployed, the small test tree, one import of N new members, then the
// same file again (all unchanged); meanwhile reads (GET /api/health, a member, an org) every 10 ms and an edit of a
// member (PATCH) every 50 ms. Prints the import's seconds and the latencies of the requests made while it ran.
//   node --import tsx tools/src/bench/import-probe.ts [rows=20000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { build } from '../../../apps/server/src/app.js';
import { openDatabase } from '../../../apps/server/src/db/database.js';
import { migrateToLatest } from '../../../apps/server/src/db/migrate.js';
import { testConfig } from '../../../apps/server/src/test/databases.js';
import { loginAs, type Session, seedSmallTree } from '../../../apps/server/src/test/factories.js';
import {
  MEMBER_HEADER,
  memberSheetRow,
  multipart,
  waitForJob,
  xlsxOf,
} from '../../../apps/server/src/test/ledger-files.js';

const rows = Number(process.argv[2] ?? 20_000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function summary(label: string, ms: number[]): string {
  if (ms.length === 0) return `${label}: none`;
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!.toFixed(1);
  return `${label}: ${s.length}, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${s.at(-1)!.toFixed(1)} ms`;
}

async function importWhileBusy(app: FastifyInstance, s: Session, file: Buffer, memberId: number, orgId: number) {
  const body = multipart(file);
  const res = await app.inject({
    method: 'POST',
    url: '/api/members/import',
    headers: { ...s.write, ...body.headers },
    payload: body.payload,
  });
  const reads: number[] = [];
  const writes: number[] = [];
  let running = true;
  const reader = async (url: string) => {
    while (running) {
      const t = performance.now();
      const r = await app.inject({ method: 'GET', url, headers: s.read });
      if (r.statusCode !== 200) throw new Error(`GET ${url}: ${r.statusCode}`);
      reads.push(performance.now() - t);
      await sleep(10);
    }
  };
  const writer = async () => {
    for (let i = 0; running; i++) {
      const { version } = (
        await app.inject({ method: 'GET', url: `/api/members/${memberId}`, headers: s.read })
      ).json() as { version: number };
      const t = performance.now();
      const r = await app.inject({
        method: 'PATCH',
        url: `/api/members/${memberId}`,
        headers: s.write,
        payload: { version, phone: `1390000${String(i % 10000).padStart(4, '0')}` },
      });
      if (r.statusCode !== 200) throw new Error(`PATCH: ${r.statusCode} ${r.body}`);
      writes.push(performance.now() - t);
      await sleep(50);
    }
  };
  const load = [reader('/api/health'), reader(`/api/members/${memberId}`), reader(`/api/orgs/${orgId}`), writer()];
  const job = await waitForJob(app, s, (res.json() as { id: number }).id);
  running = false;
  await Promise.all(load);
  return { result: job.result, reads, writes };
}

const dir = mkdtempSync(join(tmpdir(), 'grassroots-import-probe-'));
const config = testConfig();
const handle = openDatabase({ dialect: 'sqlite', file: join(dir, 'probe.db') }, { backgroundCheckpoint: true });
try {
  await migrateToLatest(handle.db);
  const tree = await seedSmallTree({ db: handle.db, dialect: 'sqlite', config });
  const app = await build({ config, handle, logger: false });
  const town = await loginAs(app, tree.users.town.username);
  const { code } = await handle.db
    .selectFrom('orgs')
    .select('code')
    .where('id', '=', tree.orgs.village.id)
    .executeTakeFirstOrThrow();
  const file = await xlsxOf(
    MEMBER_HEADER,
    Array.from({ length: rows }, (_, i) => memberSheetRow(code, 1000 + i)),
  );
  for (const round of ['new members', 'same file again']) {
    const r = await importWhileBusy(app, town, file, tree.members.village[0]!.id, tree.orgs.town.id);
    console.log(`${rows} rows, ${round}: ${JSON.stringify(r.result)}`);
    console.log(`  ${summary('reads during the import', r.reads)}`);
    console.log(`  ${summary('member edits during the import', r.writes)}`);
  }
  await app.close();
} finally {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
}
