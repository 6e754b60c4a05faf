// The load test (`npm run bench -- --load`): the real server as a child process on loopback, on a throwaway copy of
// the dataset, under 200 autocannon connections for 30 s of mixed reads (dashboard, member list, a metric) and writes
// (member edits with the version last seen, on a small pool of members so that edits collide; member creations, each
// with an ID number of its own). Afterwards every write is counted in the database against the answers: no 2xx write
// missing (lost), none applied twice or without a 2xx (duplicated, phantom), one audit row per applied edit, each
// member's final phone the one of its last applied edit; and no 5xx. Writes cut off by the end of the run (sent, never
// answered) may be in or not, and are counted apart.
import { makeIdNumber } from '@grassroots/domain';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { type DbHandle, openDatabase } from '../../../apps/server/src/db/database.js';
import { startProbe } from './contention.js';
import { type BenchDataset, copyDataset, postgresHelpers } from './dataset.js';
import { login, memberPool, spawnServer } from './http.js';
import { mulberry32, type Results } from './in-process.js';
import { summarize } from './stats.js';

export interface LoadSectionOptions {
  ds: BenchDataset;
  townOrgId: number;
  townPath: string;
  connections: number;
  durationS: number;
  log: (s: string) => void;
}

/** Name of every member the run creates: how they are found afterwards. */
export const CREATED_NAME = '压测新党员';
/** Members the edits go to: few enough that concurrent edits of one member (409) happen all the time. */
const EDIT_POOL = 100;

type Kind = 'read' | 'edit' | 'create';

export interface Edit {
  memberId: number;
  status: number | null;
  /** The version a 200 returned. */
  version: number | null;
}

/** Day `n` after 1975-01-01, as YYYY-MM-DD. */
function dayAfter1975(n: number): string {
  return new Date(Date.UTC(1975, 0, 1 + n)).toISOString().slice(0, 10);
}

/** The k-th created member's ID number: 500 per birth date, in an area code the generator never uses. */
function createdIdNumber(k: number): { idNumber: string; birthDate: string } {
  const birthDate = dayAfter1975(Math.floor(k / 500));
  return { idNumber: makeIdNumber('659001', birthDate, k % 500, 'male'), birthDate };
}

interface Counted {
  creates: Record<string, number>;
  edits: Record<string, number>;
  ok: boolean;
}

/** The database against the answers (see the file's header). */
export async function countWrites(
  handle: DbHandle,
  before: { versions: Map<number, number>; auditMaxId: number },
  edits: Map<string, Edit>,
  creates: Map<string, number | null>,
): Promise<Counted> {
  const db = handle.db;
  const ids = [...before.versions.keys()];
  const rows = await db.selectFrom('members').select(['id', 'version', 'phone']).where('id', 'in', ids).execute();
  const audit = await db
    .selectFrom('auditLog')
    .select(['entityId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('id', '>', before.auditMaxId)
    .where('action', '=', 'update')
    .where('entity', '=', 'member')
    .groupBy('entityId')
    .execute();
  const auditOf = new Map(audit.map((a) => [Number(a.entityId), Number(a.n)]));
  const byMember = new Map<number, Array<[string, Edit]>>();
  for (const e of edits) byMember.set(e[1].memberId, [...(byMember.get(e[1].memberId) ?? []), e]);

  const e = {
    sent: edits.size,
    ok_2xx: 0,
    conflicts_409: 0,
    other_4xx: 0,
    server_5xx: 0,
    in_flight: 0,
    applied: 0,
    lost: 0,
    duplicated: 0,
    lost_updates: 0,
    audit_mismatch: 0,
    value_mismatch: 0,
  };
  for (const row of rows) {
    const mine = byMember.get(row.id) ?? [];
    const ok = mine.filter(([, x]) => x.status !== null && x.status >= 200 && x.status < 300);
    const inFlight = mine.filter(([, x]) => x.status === null);
    const applied = Number(row.version) - (before.versions.get(row.id) ?? 0);
    e.applied += applied;
    e.lost += Math.max(0, ok.length - applied);
    e.duplicated += Math.max(0, applied - ok.length - inFlight.length);
    // Two 200s that returned the same version: one overwrote the other without seeing it.
    e.lost_updates += ok.length - new Set(ok.map(([, x]) => x.version)).size;
    e.audit_mismatch += Math.abs((auditOf.get(row.id) ?? 0) - applied);
    const last = ok.reduce<[string, Edit] | null>(
      (a, x) => (a && (a[1].version ?? 0) > (x[1].version ?? 0) ? a : x),
      null,
    );
    const possible =
      applied === ok.length
        ? [last?.[0] ?? null]
        : [...ok.map(([phone]) => phone), ...inFlight.map(([phone]) => phone)];
    if (applied > 0 && !possible.includes(row.phone)) e.value_mismatch++;
  }
  for (const x of edits.values()) {
    if (x.status === null) e.in_flight++;
    else if (x.status >= 200 && x.status < 300) e.ok_2xx++;
    else if (x.status === 409) e.conflicts_409++;
    else if (x.status >= 500) e.server_5xx++;
    else e.other_4xx++;
  }

  const stored = await sql<{ idNumber: string; n: number | string }>`select id_number as "idNumber", count(*) as n
    from members where name = ${CREATED_NAME} group by id_number`.execute(db);
  const storedCount = new Map(stored.rows.map((r) => [r.idNumber, Number(r.n)]));
  const c = {
    sent: creates.size,
    ok_2xx: 0,
    other_4xx: 0,
    server_5xx: 0,
    in_flight: 0,
    in_db: [...storedCount.values()].reduce((a, b) => a + b, 0),
    in_flight_in_db: 0,
    lost: 0,
    duplicated: 0,
    phantom: 0,
  };
  for (const [idNumber, status] of creates) {
    const n = storedCount.get(idNumber) ?? 0;
    if (n > 1) c.duplicated += n - 1;
    if (status === null) {
      c.in_flight++;
      if (n > 0) c.in_flight_in_db++;
    } else if (status >= 200 && status < 300) {
      c.ok_2xx++;
      if (n === 0) c.lost++;
    } else {
      if (status >= 500) c.server_5xx++;
      else c.other_4xx++;
      if (n > 0) c.phantom++;
    }
  }
  for (const idNumber of storedCount.keys()) if (!creates.has(idNumber)) c.phantom++;

  const ok =
    e.lost + e.duplicated + e.lost_updates + e.audit_mismatch + e.value_mismatch + e.server_5xx + e.other_4xx === 0 &&
    c.lost + c.duplicated + c.phantom + c.server_5xx + c.other_4xx === 0;
  return { creates: c, edits: e, ok };
}

export async function runLoadSection(o: LoadSectionOptions): Promise<Results> {
  o.log(`  copying the dataset (the run creates members the reused dataset must not keep) …`);
  const copy = await copyDataset(o.ds);
  const handle = openDatabase(copy.database);
  try {
    const versions = await memberPool(handle, o.townPath, EDIT_POOL);
    const ids = [...versions.keys()];
    const before = {
      versions: new Map(versions),
      auditMaxId: Number(
        (
          await handle.db
            .selectFrom('auditLog')
            .select((eb) => eb.fn.max('id').as('m'))
            .executeTakeFirst()
        )?.m ?? 0,
      ),
    };
    const createOrg = await handle.db
      .selectFrom('members')
      .select('orgId')
      .where('id', '=', ids[0] ?? 0)
      .executeTakeFirstOrThrow();

    const server = await spawnServer(
      'apps/server/src/main.ts',
      { DATABASE_URL: copy.databaseUrl, LOG_LEVEL: 'warn' },
      'server',
    );
    const edits = new Map<string, Edit>();
    const creates = new Map<string, number | null>();
    const latencies: Record<Kind | 'all', number[]> = { read: [], edit: [], create: [], all: [] };
    let result: autocannon.Result;
    let otherCpuPct: number;
    try {
      o.log(`  server pid ${server.pid} at ${server.baseUrl}`);
      const session = await login(server.baseUrl, 'town', o.ds.config.demoPassword);
      const read = { cookie: session.cookie };
      const write = { ...read, 'x-csrf-token': session.csrf, 'content-type': 'application/json' };
      const reads = [
        `/api/orgs/${o.townOrgId}/stats`,
        `/api/members?orgId=${o.townOrgId}`,
        `/api/metrics/members.total?orgId=${o.townOrgId}`,
      ];
      // The kind of the request whose answer autocannon reports next: its onResponse runs just before its 'response'
      // event, on the same connection, synchronously.
      let answered: Kind = 'read';
      const rand = mulberry32(23);
      let phoneSeq = 0;
      let createSeq = 0;
      const readRequest = (path: string): autocannon.Request => ({
        method: 'GET',
        path,
        onResponse: () => {
          answered = 'read';
        },
      });
      const editRequest: autocannon.Request = {
        method: 'PATCH',
        setupRequest: (req, context) => {
          const memberId = ids[Math.floor(rand() * ids.length)] as number;
          // A phone no other edit of the run writes: the final value names the edit that landed.
          const phone = `139${String(++phoneSeq).padStart(8, '0')}`;
          edits.set(phone, { memberId, status: null, version: null });
          context.phone = phone;
          return {
            ...req,
            method: 'PATCH',
            path: `/api/members/${memberId}`,
            headers: write,
            body: JSON.stringify({ phone, version: versions.get(memberId) }),
          };
        },
        onResponse: (status, body, context) => {
          answered = 'edit';
          const edit = edits.get(context.phone as string);
          if (!edit) return;
          edit.status = status;
          try {
            const parsed = JSON.parse(body) as { version?: number; error?: { current?: { version?: number } } };
            const v = status === 200 ? parsed.version : parsed.error?.current?.version;
            if (status === 200 && typeof v === 'number') edit.version = v;
            // 200 returns the record, 409 the current one: the next edit of this member uses that version.
            if (typeof v === 'number') versions.set(edit.memberId, Math.max(versions.get(edit.memberId) ?? 0, v));
          } catch {
            // counted by its status
          }
        },
      };
      const createRequest: autocannon.Request = {
        method: 'POST',
        setupRequest: (req, context) => {
          const { idNumber, birthDate } = createdIdNumber(createSeq++);
          creates.set(idNumber, null);
          context.idNumber = idNumber;
          return {
            ...req,
            method: 'POST',
            path: '/api/members',
            headers: write,
            body: JSON.stringify({
              orgId: createOrg.orgId,
              name: CREATED_NAME,
              gender: 'male',
              ethnicity: '汉族',
              birthDate,
              idNumber,
              education: 'bachelor',
              occupation: 'professional',
              joinedOn: '2015-07-01',
              fullOn: '2016-07-01',
              status: 'full',
              phone: '13700000000',
            }),
          };
        },
        onResponse: (status, _body, context) => {
          answered = 'create';
          creates.set(context.idNumber as string, status);
        },
      };
      // Each connection cycles 7 reads, 2 edits and 1 creation (the first request a read: autocannon builds it once
      // ahead of the run).
      const requests = [
        readRequest(reads[0] as string),
        editRequest,
        readRequest(reads[1] as string),
        readRequest(reads[2] as string),
        createRequest,
        readRequest(reads[0] as string),
        editRequest,
        readRequest(reads[1] as string),
        readRequest(reads[2] as string),
        readRequest(reads[0] as string),
      ];
      const check = await fetch(`${server.baseUrl}${reads[2]}`, { headers: read });
      if (check.status !== 200) throw new Error(`GET ${reads[2]} as town: ${check.status} ${await check.text()}`);

      // PostgreSQL's backends serving the copy work for the run: not counted as other work.
      const h = await postgresHelpers({ ...o.ds, handle });
      const probe = startProbe({ pids: [server.pid, ...h.pids], reapers: h.reapers });
      result = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon(
          {
            url: server.baseUrl,
            connections: o.connections,
            duration: o.durationS,
            timeout: 30,
            headers: read,
            requests,
          },
          (err, r) => (err ? reject(err) : resolve(r)),
        );
        instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
          latencies[answered].push(ms);
          latencies.all.push(ms);
        });
      });
      otherCpuPct = probe.stop();
    } finally {
      // A graceful stop: requests the server took before the run ended finish (or not) before the count.
      await server.stop();
    }

    const counted = await countWrites(handle, before, edits, creates);
    const status = Object.fromEntries(Object.entries(result.statusCodeStats).map(([k, v]) => [k, Number(v.count)]));
    const fiveXx = Object.entries(status)
      .filter(([k]) => Number(k) >= 500)
      .reduce((a, [, n]) => a + n, 0);
    const all = summarize(latencies.all);
    const results: Results = {
      'load.mixed.c200': {
        ...all,
        req_s: Math.round(all.n / result.duration),
        errors: result.errors,
        timeouts: result.timeouts,
        server_5xx: fiveXx,
        status,
        other_cpu_pct: otherCpuPct,
        duration_s: result.duration,
      },
      'load.reads.c200': { ...summarize(latencies.read) },
      'load.edits.c200': { ...summarize(latencies.edit) },
      'load.creates.c200': { ...summarize(latencies.create) },
      'load.integrity': {
        p50_ms: null,
        p99_ms: null,
        verdict: counted.ok ? 'nothing lost' : 'WRITES LOST OR WRONG',
        ...Object.fromEntries(Object.entries(counted.edits).map(([k, v]) => [`edits_${k}`, v])),
        ...Object.fromEntries(Object.entries(counted.creates).map(([k, v]) => [`creates_${k}`, v])),
      },
    };
    o.log(
      `  load.mixed.c200: ${results['load.mixed.c200']?.req_s} req/s, p50 ${all.p50_ms.toFixed(1)} ms, p99 ` +
        `${all.p99_ms.toFixed(1)} ms, ${fiveXx} × 5xx, ${result.errors} errors (${result.timeouts} timeouts)`,
    );
    o.log(
      `  writes: edits ${counted.edits.ok_2xx} × 2xx + ${counted.edits.conflicts_409} × 409 (${counted.edits.in_flight} ` +
        `cut off), ${counted.edits.applied} applied; creates ${counted.creates.ok_2xx} × 2xx, ${counted.creates.in_db} ` +
        `in the database (${counted.creates.in_flight} cut off); ${counted.ok ? 'nothing lost' : 'WRITES LOST OR WRONG'}`,
    );
    return results;
  } finally {
    await handle.close();
    await copy.drop();
  }
}
