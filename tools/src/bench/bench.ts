// `npm run bench -- [--scale county|city|province] [--db sqlite|postgres] [--json] [--quick]
//   [--only levels,writes,http,load] [--load] [--max-wait S]`
// Builds or reuses the dataset, measures dashboards (counters, the RuoYi-style peer, the in-memory floor), ad-hoc
// rollups, member lists, member edits and HTTP under load, then prints a table (stderr) and optionally one JSON
// object (stdout). docs/PERFORMANCE.md explains every figure.
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, release, totalmem, type } from 'node:os';
import { parseArgs } from 'node:util';
import type { Scale } from '../generator/generate.js';
import { backgroundCpuPct, waitForQuiet } from './contention.js';
import { type BenchDataset, type DbKind, databaseSizeMb, openDataset, postgresHelpers } from './dataset.js';
import { runHttpSection } from './http.js';
import { adminActor, budgetsFor, contextOf, type Results, runLevel, runWrites } from './in-process.js';
import { LEVELS_OF_SCALE, pickLevelNodes, townOrgId } from './levels.js';
import { runLoadSection } from './load.js';
import { loadMemoryIndex } from './memory-scan.js';
import { checkTargets, type Report, renderText } from './report.js';

const SCALES = ['county', 'city', 'province'] as const;
const LOAD_CONNECTIONS = 200;
const HTTP_RESULTS = [
  'http.dashboard.c50',
  'http.dashboard.c200',
  'http.list.c50',
  'http.hello.c50',
  'http.mixed.c50',
  'server.rss_mb',
] as const;
const DBS = ['sqlite', 'postgres'] as const;
const SECTIONS = ['levels', 'writes', 'http', 'load'] as const;
/** What a run without --only or --load measures (the load test writes for 30 s: asked for by name). */
const DEFAULT_SECTIONS = ['levels', 'writes', 'http'] as const;
type Section = (typeof SECTIONS)[number];

function parseCli() {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'county' },
      db: { type: 'string', default: 'sqlite' },
      json: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      load: { type: 'boolean', default: false },
      'max-wait': { type: 'string' },
    },
    strict: true,
  });
  const scale = values.scale as Scale;
  const db = values.db as DbKind;
  if (!SCALES.includes(scale)) throw new Error(`--scale must be one of ${SCALES.join(', ')}`);
  if (!DBS.includes(db)) throw new Error(`--db must be one of ${DBS.join(', ')}`);
  // --load alone runs the load test alone; with --only it adds it.
  const only = new Set((values.only?.split(',') ?? (values.load ? [] : [...DEFAULT_SECTIONS])) as Section[]);
  if (values.load) only.add('load');
  for (const s of only) if (!SECTIONS.includes(s)) throw new Error(`--only takes ${SECTIONS.join(', ')}`);
  // How long to wait for other work to settle before each measurement (then it is measured anyway, its contention
  // reported): on a machine that is never quiet, 120 s per measurement makes a run take an hour.
  const maxWaitS = values['max-wait'] === undefined ? (values.quick ? 10 : 120) : Number(values['max-wait']);
  if (!Number.isFinite(maxWaitS) || maxWaitS < 0) throw new Error('--max-wait takes seconds');
  return { scale, db, json: values.json, quick: values.quick, only, maxWaitS };
}

const log = (s: string) => process.stderr.write(`${s}\n`);

/** The code measured: other engineers commit all the time, so a figure without its commit means little. */
function gitCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', 'apps', 'packages'], {
      encoding: 'utf8',
    }).trim();
    return dirty ? `${head}+uncommitted` : head;
  } catch {
    return 'unknown';
  }
}

function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  return a === null || a === undefined || b === null || b === undefined || b === 0 ? null : a / b;
}

async function run(): Promise<void> {
  const args = parseCli();
  const budgets = budgetsFor(args.quick);
  const started = performance.now();
  const backgroundBefore = await backgroundCpuPct();
  if (backgroundBefore > 10)
    log(`warning: ${backgroundBefore} % of the CPU is busy with other work; figures will be noisy`);

  log(`dataset: ${args.scale} on ${args.db}`);
  const t0 = performance.now();
  const ds: BenchDataset = await openDataset(args.scale, args.db, log);
  log(
    ds.reused
      ? `  reused (built ${ds.builtAt} in ${ds.buildSeconds.toFixed(1)} s), opened in ${((performance.now() - t0) / 1000).toFixed(1)} s`
      : `  built in ${ds.buildSeconds.toFixed(1)} s`,
  );
  try {
    const ctx = contextOf(ds);
    const actor = await adminActor(ctx);
    const nodes = await pickLevelNodes(ds.handle.db, args.scale);
    for (const n of nodes) {
      log(
        `  ${n.level}: org ${n.orgId} ${n.name} (depth ${n.depth}, ${n.members.toLocaleString('en-US')} members, ${n.children} children)`,
      );
    }
    const results: Results = {};
    const quiet = (label: string) => waitForQuiet(log, label, { maxWaitS: args.maxWaitS });
    const helpers = () => postgresHelpers(ds);
    if (args.only.has('levels')) {
      log('memory index …');
      const memory = await loadMemoryIndex(ds.handle);
      log(
        `  ${memory.memberCount.toLocaleString('en-US')} members, ${memory.orgCount} orgs in ${memory.loadSeconds.toFixed(1)} s`,
      );
      for (const node of nodes) {
        log(`level ${node.level} …`);
        await quiet(`level ${node.level}`);
        Object.assign(results, await runLevel(ctx, ds.handle, actor, node, memory, { budgets, log, quiet, helpers }));
      }
    }
    if (args.only.has('writes')) {
      log('member edits …');
      await quiet('member edits');
      Object.assign(results, await runWrites(ctx, actor, { budgets, log, quiet, helpers }));
    }

    // The server child starts from a checkpointed WAL, as after a quiet period: the edits above must not leave it a
    // backlog to copy during the first seconds of load.
    if (ds.handle.sqlite) ds.handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const town = nodes.find((n) => n.level === 'township');
    if (args.only.has('http')) {
      log('HTTP …');
      try {
        const http = await runHttpSection({
          databaseUrl: ds.databaseUrl,
          townOrgId: await townOrgId(ds.handle.db),
          townPath: town?.path ?? '/',
          password: ds.config.demoPassword,
          handle: ds.handle,
          durationS: args.quick ? 5 : 10,
          warmupS: args.quick ? 2 : 5,
          log,
          quiet,
          helpers,
        });
        Object.assign(results, http.results);
        results['server.rss_mb'] = { p50_ms: null, p99_ms: null, value: Math.round(http.rssMb * 10) / 10 };
      } catch (err) {
        // The in-process results took minutes (the peer at a province, tens of them): report them anyway.
        const error = err instanceof Error ? err.message : String(err);
        log(`HTTP section failed: ${error}`);
        for (const name of HTTP_RESULTS) results[name] ??= { p50_ms: null, p99_ms: null, error };
      }
    }
    if (args.only.has('load')) {
      log(`load test: ${LOAD_CONNECTIONS} connections, ${args.quick ? 10 : 30} s …`);
      await quiet('load test');
      if (ds.handle.sqlite) ds.handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      Object.assign(
        results,
        await runLoadSection({
          ds,
          townOrgId: await townOrgId(ds.handle.db),
          townPath: town?.path ?? '/',
          connections: LOAD_CONNECTIONS,
          durationS: args.quick ? 10 : 30,
          log,
        }),
      );
    }
    results['db.size_mb'] = {
      p50_ms: null,
      p99_ms: null,
      value: Math.round((await databaseSizeMb(ds)) * 10) / 10,
      build_s: Math.round(ds.buildSeconds * 10) / 10,
      reused: ds.reused,
    };

    const ratios: Report['ratios'] = {};
    for (const level of LEVELS_OF_SCALE[args.scale]) {
      ratios[`peerOverCounters.${level}`] = ratio(
        results[`dashboard.peer.${level}`]?.p50_ms,
        results[`dashboard.counters.${level}`]?.p50_ms,
      );
    }
    ratios.httpDashboardOverHello = ratio(
      results['http.dashboard.c50']?.req_s as number | undefined,
      results['http.hello.c50']?.req_s as number | undefined,
    );

    const report: Report = {
      scale: args.scale,
      db: args.db,
      machine: {
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: availableParallelism(),
        ram_gb: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        os: `${type()} ${release()}`,
        db: ds.dbVersion,
        background_cpu_pct: { before: backgroundBefore, after: await backgroundCpuPct() },
        commit: gitCommit(),
      },
      results,
      ratios,
    };
    const checks = checkTargets(report);
    for (const c of checks) {
      const e = report.results[c.name];
      if (e) e.target = [e.target, `${c.verdict} ${c.target}`].filter(Boolean).join('; ');
    }
    log('');
    log(renderText(report, checks));
    log(`\n${new Date().toISOString()}, ${((performance.now() - started) / 1000).toFixed(0)} s in all`);
    if (args.json) process.stdout.write(`${JSON.stringify(report)}\n`);
    // The load test's checks are properties, not aspirations: a 5xx or a lost write fails the run.
    const broken = checks.filter((c) => c.name.startsWith('load.') && c.verdict === 'MISS');
    if (broken.length > 0) {
      log(`load test FAILED: ${broken.map((c) => `${c.name} (${c.target}: ${c.by})`).join('; ')}`);
      process.exitCode = 1;
    }
  } finally {
    await ds.handle.close();
  }
}

run().catch((err: unknown) => {
  log(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
