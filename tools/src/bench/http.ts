// HTTP under load: the real server (`node --import tsx apps/server/src/main.ts`) as a child process on loopback,
// driven by autocannon from this process, then a Fastify hello-world child the same way. A child rather than
// in-process so that its peak RSS is the server's alone and the load generator does not share its event loop.
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { REPO_ROOT } from '../../../apps/server/src/config.js';
import type { DbHandle } from '../../../apps/server/src/db/database.js';
import { cpuMsOf, type Helpers, leastDisturbed, type Quiet, startProbe } from './contention.js';
import { mulberry32, type ResultEntry, type Results } from './in-process.js';
import { summarize } from './stats.js';

const live = new Set<ChildProcess>();
// Whatever happens to the benchmark, the servers it started do not outlive it.
process.on('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

export interface ChildServer {
  pid: number;
  baseUrl: string;
  /** VmHWM: the peak resident set since the process started. */
  peakRssMb(): number;
  /** CPU time (user + system) the process has used so far, in ms. */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** The TCP port a process listens on, from its socket fds and /proc/<pid>/net/tcp (PORT=0 picks a free one). */
function listeningPort(pid: number): number | null {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m?.[1]) inodes.add(m[1]);
    } catch {
      // the fd closed while we looked
    }
  }
  for (const table of ['tcp', 'tcp6']) {
    const lines = readFileSync(`/proc/${pid}/net/${table}`, 'utf8').trim().split('\n').slice(1);
    for (const line of lines) {
      const f = line.trim().split(/\s+/);
      // f[1] local address:port (hex), f[3] state (0A = LISTEN), f[9] inode
      if (f[3] === '0A' && f[9] && inodes.has(f[9])) return Number.parseInt(f[1]?.split(':')[1] ?? '', 16);
    }
  }
  return null;
}

function statusKb(pid: number, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m?.[1] ? Number(m[1]) : Number.NaN;
}

export async function spawnServer(script: string, env: Record<string, string>, label: string): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.on('exit', () => {
      exited = true;
      live.delete(child);
      resolve();
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${label}: spawn failed`);
  const deadline = Date.now() + 120_000;
  let port: number | null = null;
  while (port === null) {
    if (exited) throw new Error(`${label} exited during start:\n${tail}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${label} did not listen within 120 s:\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 100));
    try {
      port = listeningPort(pid);
    } catch {
      port = null;
    }
  }
  return {
    pid,
    baseUrl: `http://127.0.0.1:${port}`,
    peakRssMb: () => statusKb(pid, 'VmHWM') / 1024,
    cpuMs: () => cpuMsOf(pid),
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationS: number;
  headers?: Record<string, string>;
  requests?: autocannon.Request[];
}

export interface LoadResult {
  req_s: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
  non2xx: number;
  responses: number;
  status: Record<string, number>;
}

/** One autocannon run; latencies from its per-response events (autocannon's own histogram keeps whole ms). */
export function load(o: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: o.url,
        connections: o.connections,
        duration: o.durationS,
        timeout: 30,
        ...(o.headers ? { headers: o.headers } : {}),
        ...(o.requests ? { requests: o.requests } : {}),
      },
      (err, r) => {
        if (err) return reject(err);
        const s = summarize(latencies);
        const status = Object.fromEntries(Object.entries(r.statusCodeStats).map(([k, v]) => [k, Number(v.count)]));
        resolve({
          req_s: Math.round(latencies.length / r.duration),
          p50_ms: s.p50_ms,
          p99_ms: s.p99_ms,
          errors: r.errors,
          non2xx: r.non2xx,
          responses: latencies.length,
          status,
        });
      },
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
      latencies.push(ms);
    });
  });
}

interface Session {
  cookie: string;
  csrf: string;
}

export async function login(baseUrl: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('grs_session='));
  if (!cookie) throw new Error('login: no session cookie');
  const body = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: body.csrfToken };
}

export interface HttpSectionOptions {
  databaseUrl: string;
  /** The town user's org (the dashboard and list URLs). */
  townOrgId: number;
  townPath: string;
  password: string;
  handle: DbHandle;
  durationS: number;
  warmupS: number;
  log: (s: string) => void;
  /** Waits for the machine to be quiet before a run. */
  quiet: Quiet;
  /** PostgreSQL processes serving our connections (none on SQLite). */
  helpers: () => Promise<Helpers>;
}

function asEntry(r: LoadResult, extra: Record<string, unknown> = {}): ResultEntry {
  return { ...r, ...extra };
}

/**
 * A load run that also reports the server's own CPU time per response: autocannon shares the 2 cores with the
 * server, so req/s alone mixes the server's cost with the load generator's.
 */
async function loadOn(
  server: ChildServer,
  label: string,
  env: { quiet: Quiet; helpers: () => Promise<Helpers> },
  o: LoadOptions,
  beforeEach: () => void = () => {},
): Promise<LoadResult & { server_cpu_ms_per_req: number; other_cpu_pct: number; attempts: number }> {
  await env.quiet(label);
  return leastDisturbed(
    label,
    async () => {
      beforeEach();
      const before = server.cpuMs();
      const h = await env.helpers();
      const probe = startProbe({ pids: [server.pid, ...h.pids], reapers: h.reapers });
      const r = await load(o);
      const other = probe.stop();
      const used = server.cpuMs() - before;
      return {
        ...r,
        server_cpu_ms_per_req: Math.round((used / Math.max(1, r.responses)) * 1000) / 1000,
        other_cpu_pct: other,
      };
    },
    env.quiet,
  );
}

/** Members of the town's subtree (not those who left: read-only) and their versions, for the mixed run's PATCHes. */
export async function memberPool(handle: DbHandle, path: string, size: number): Promise<Map<number, number>> {
  const rows = await handle.db
    .selectFrom('members')
    .select(['id', 'version'])
    .where('orgPath', '>=', path)
    .where('orgPath', '<', `${path}~`)
    .where('leftOn', 'is', null)
    .execute();
  const rand = mulberry32(7);
  const pool = new Map<number, number>();
  while (pool.size < Math.min(size, rows.length)) {
    const r = rows[Math.floor(rand() * rows.length)];
    if (r) pool.set(r.id, r.version);
  }
  return pool;
}

export async function runHttpSection(o: HttpSectionOptions): Promise<{ results: Results; rssMb: number }> {
  const results: Results = {};
  const server = await spawnServer(
    'apps/server/src/main.ts',
    { DATABASE_URL: o.databaseUrl, LOG_LEVEL: 'warn' },
    'server',
  );
  let rssMb: number;
  try {
    o.log(`  server pid ${server.pid} at ${server.baseUrl}`);
    const session = await login(server.baseUrl, 'town', o.password);
    const read = { cookie: session.cookie };
    const dashboard = `${server.baseUrl}/api/orgs/${o.townOrgId}/stats`;
    const list = `${server.baseUrl}/api/members?orgId=${o.townOrgId}`;
    const check = await fetch(dashboard, { headers: read });
    if (check.status !== 200) throw new Error(`GET stats as town: ${check.status} ${await check.text()}`);

    await load({ url: dashboard, connections: 50, durationS: o.warmupS, headers: read });
    const d50 = await loadOn(server, 'http.dashboard.c50', o, {
      url: dashboard,
      connections: 50,
      durationS: o.durationS,
      headers: read,
    });
    results['http.dashboard.c50'] = asEntry(d50);
    o.log(`  http.dashboard.c50: ${d50.req_s} req/s, p99 ${d50.p99_ms.toFixed(1)} ms`);
    const d200 = await loadOn(server, 'http.dashboard.c200', o, {
      url: dashboard,
      connections: 200,
      durationS: o.durationS,
      headers: read,
    });
    results['http.dashboard.c200'] = asEntry(d200);
    o.log(`  http.dashboard.c200: ${d200.req_s} req/s, p99 ${d200.p99_ms.toFixed(1)} ms`);
    await load({ url: list, connections: 50, durationS: o.warmupS, headers: read });
    const l50 = await loadOn(server, 'http.list.c50', o, {
      url: list,
      connections: 50,
      durationS: o.durationS,
      headers: read,
    });
    results['http.list.c50'] = asEntry(l50);
    o.log(`  http.list.c50: ${l50.req_s} req/s, p99 ${l50.p99_ms.toFixed(1)} ms`);

    // Mixed: each connection cycles through 9 reads (dashboard and list alternating) and 1 PATCH of a member's phone
    // with the CSRF header and the version last seen; concurrent edits of one member answer 409, which is expected.
    const versions = await memberPool(o.handle, o.townPath, 500);
    const ids = [...versions.keys()];
    const rand = mulberry32(11);
    const readPaths = [new URL(dashboard).pathname, `${new URL(list).pathname}${new URL(list).search}`];
    const requests: autocannon.Request[] = [];
    for (let i = 0; i < 9; i++) requests.push({ method: 'GET', path: readPaths[i % 2] as string });
    let writes = 0;
    requests.push({
      method: 'PATCH',
      setupRequest: (req, context) => {
        const id = ids[Math.floor(rand() * ids.length)] as number;
        context.memberId = id;
        writes++;
        const phone = `139${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`;
        return {
          ...req,
          method: 'PATCH',
          path: `/api/members/${id}`,
          headers: { ...read, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
          body: JSON.stringify({ phone, version: versions.get(id) }),
        };
      },
      onResponse: (status, body, context) => {
        const id = context.memberId as number;
        // 200 returns the record, 409 the current one: either way the next PATCH of this member uses its version.
        try {
          const parsed = JSON.parse(body) as { version?: number; error?: { current?: { version?: number } } };
          const v = status === 200 ? parsed.version : parsed.error?.current?.version;
          if (typeof v === 'number') versions.set(id, v);
        } catch {
          // a body that is not JSON is counted by its status below
        }
      },
    });
    const mixed = await loadOn(
      server,
      'http.mixed.c50',
      o,
      { url: server.baseUrl, connections: 50, durationS: o.durationS, headers: read, requests },
      () => {
        writes = 0;
      },
    );
    const count = (pred: (code: number) => boolean) =>
      Object.entries(mixed.status)
        .filter(([k]) => pred(Number(k)))
        .reduce((a, [, n]) => a + n, 0);
    results['http.mixed.c50'] = asEntry(mixed, {
      writes,
      conflicts_409: count((c) => c === 409),
      other_4xx: count((c) => c >= 400 && c < 500 && c !== 409),
      server_5xx: count((c) => c >= 500),
    });
    o.log(
      `  http.mixed.c50: ${mixed.req_s} req/s, p99 ${mixed.p99_ms.toFixed(1)} ms, ${writes} writes, ` +
        `${count((c) => c === 409)} × 409, ${count((c) => c >= 500)} × 5xx`,
    );
    rssMb = server.peakRssMb();
  } finally {
    await server.stop();
  }

  const hello = await spawnServer(join('tools', 'src', 'bench', 'hello-server.ts'), {}, 'hello-world');
  try {
    await load({ url: `${hello.baseUrl}/`, connections: 50, durationS: o.warmupS });
    const h50 = await loadOn(hello, 'http.hello.c50', o, {
      url: `${hello.baseUrl}/`,
      connections: 50,
      durationS: o.durationS,
    });
    results['http.hello.c50'] = asEntry(h50);
    o.log(`  http.hello.c50: ${h50.req_s} req/s, p99 ${h50.p99_ms.toFixed(1)} ms`);
  } finally {
    await hello.stop();
  }
  return { results, rssMb };
}
