// In-process measurements: the server's own service functions called directly (no HTTP), as an admin.
import type { TMemberListQuery } from '@grassroots/domain';
import { AppError, EDUCATIONS } from '@grassroots/domain';
import { sql } from 'kysely';
import type { DbHandle } from '../../../apps/server/src/db/database.js';
import * as members from '../../../apps/server/src/modules/members/members.service.js';
import * as orgs from '../../../apps/server/src/modules/orgs/orgs.service.js';
import type { Actor } from '../../../apps/server/src/platform/actor.js';
import { findActiveGrants } from '../../../apps/server/src/platform/auth/auth.repo.js';
import { today } from '../../../apps/server/src/platform/clock.js';
import type { AppContext } from '../../../apps/server/src/platform/context.js';
import { type Helpers, leastDisturbed, type Quiet, startProbe } from './contention.js';
import type { BenchDataset } from './dataset.js';
import { type DashboardFigures, diffFigures, figuresFromOrgStats } from './figures.js';
import type { LevelNode } from './levels.js';
import { type MemoryIndex, memoryDashboard } from './memory-scan.js';
import { peerDashboard, peerQueryCount } from './peer.js';
import { type LoopOptions, nextTick, type Summary, summarize, timeLoop } from './stats.js';

export interface ResultEntry extends Partial<Omit<Summary, 'p50_ms' | 'p99_ms'>> {
  p50_ms: number | null;
  p99_ms: number | null;
  [extra: string]: unknown;
}

export type Results = Record<string, ResultEntry>;

export interface Budgets {
  fast: LoopOptions;
  slow: LoopOptions;
  write: { warmupPairs: number; budgetMs: number; maxPairs: number };
}

export function budgetsFor(quick: boolean): Budgets {
  return quick
    ? {
        fast: { warmupMs: 200, budgetMs: 600, minIterations: 20, maxIterations: 2000 },
        slow: { warmupMs: 1, budgetMs: 1500, minIterations: 3, maxIterations: 50 },
        write: { warmupPairs: 20, budgetMs: 1000, maxPairs: 500 },
      }
    : {
        fast: { warmupMs: 1000, budgetMs: 4000, minIterations: 50, maxIterations: 20000 },
        slow: { warmupMs: 1, budgetMs: 10_000, minIterations: 3, maxIterations: 200 },
        write: { warmupPairs: 100, budgetMs: 6000, maxPairs: 5000 },
      };
}

/** The admin's Actor, built as the counters property test builds it: the user's grants active today. */
export async function adminActor(ctx: AppContext): Promise<Actor> {
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'username', 'name'])
    .where('username', '=', 'admin')
    .executeTakeFirstOrThrow();
  const grants = await findActiveGrants(ctx.db, user.id, today());
  return { userId: user.id, username: user.username, name: user.name, grants, ip: null, sessionId: 'bench' };
}

export function contextOf(ds: BenchDataset): AppContext {
  return { db: ds.handle.db, dialect: ds.handle.dialect, config: ds.config };
}

/** Time a call whose cost does not depend on the iteration; `slow` for calls that may take seconds. */
export interface RunEnv {
  budgets: Budgets;
  log: (s: string) => void;
  quiet: Quiet;
  /** Other processes working for us (PostgreSQL), so their CPU is not counted as contention. */
  helpers: () => Promise<Helpers>;
}

/** Times `fn` with the loop budget, again if other work disturbed the run (see leastDisturbed). */
function measure(
  env: RunEnv,
  label: string,
  fn: () => Promise<unknown>,
  loop: LoopOptions,
): Promise<Summary & { other_cpu_pct: number; attempts: number }> {
  return leastDisturbed(
    label,
    async () => {
      const probe = startProbe(await env.helpers());
      const samples = await timeLoop(fn, loop);
      return { ...summarize(samples), other_cpu_pct: probe.stop() };
    },
    env.quiet,
  );
}

function entry(s: Summary, extra: Record<string, unknown> = {}): ResultEntry {
  return { ...s, ...extra };
}

/**
 * Per level: the dashboard three ways (after checking they give the same figures), the ad-hoc rollup, and the
 * member list at page 1, keyset page 500 and offset page 500.
 */
export async function runLevel(
  ctx: AppContext,
  handle: DbHandle,
  actor: Actor,
  node: LevelNode,
  memory: MemoryIndex,
  env: RunEnv,
): Promise<Results> {
  const { budgets, log } = env;
  const out: Results = {};
  const day = today();
  const { level, orgId } = node;

  // Agreement first: a fast wrong answer would make the ratios meaningless.
  const stats = await orgs.getOrgStats(ctx, actor, orgId);
  const fromCounters = figuresFromOrgStats(stats);
  const t0 = performance.now();
  const fromPeer = await peerDashboard(handle, orgId, day);
  const peerFirstMs = performance.now() - t0;
  const fromMemory = memoryDashboard(memory, orgId, day);
  const agreement = (other: DashboardFigures) => diffFigures(fromCounters, other) ?? 'agree';
  const peerAgrees = agreement(fromPeer);
  const memoryAgrees = agreement(fromMemory);
  if (peerAgrees !== 'agree' || memoryAgrees !== 'agree') {
    log(`  ! ${level}: figures differ — peer: ${peerAgrees}; memory: ${memoryAgrees}`);
  }

  const counters = await measure(
    env,
    `dashboard.counters.${level}`,
    () => orgs.getOrgStats(ctx, actor, orgId),
    budgets.fast,
  );
  out[`dashboard.counters.${level}`] = entry(counters, { source: stats.source, members: node.members });
  log(`  dashboard.counters.${level}: p50 ${counters.p50_ms.toFixed(3)} ms (n=${counters.n})`);

  // The peer: seconds per call at the top levels, so its own loop budget with at least 3 runs (the agreement run
  // above counted as the warm-up).
  const peer = await measure(env, `dashboard.peer.${level}`, () => peerDashboard(handle, orgId, day), {
    ...budgets.slow,
    warmupMs: 0,
  });
  out[`dashboard.peer.${level}`] = entry(peer, {
    queries: peerQueryCount(fromPeer.children.length),
    first_ms: round(peerFirstMs),
    figures: peerAgrees,
  });
  log(`  dashboard.peer.${level}: p50 ${peer.p50_ms.toFixed(1)} ms (n=${peer.n})`);

  const mem = await measure(
    env,
    `dashboard.memory.${level}`,
    async () => memoryDashboard(memory, orgId, day),
    budgets.fast,
  );
  out[`dashboard.memory.${level}`] = entry(mem, { figures: memoryAgrees, load_s: round(memory.loadSeconds) });

  const rollupQuery = {
    orgId,
    gender: 'female',
    education: 'bachelor',
    ageBand: '31_35',
    groupBy: 'occupation',
  } as const;
  const rollupAnswer = await members.rollupMembers(ctx, actor, rollupQuery);
  const rollup = await measure(
    env,
    `rollup.adhoc.${level}`,
    () => members.rollupMembers(ctx, actor, rollupQuery),
    budgets.slow,
  );
  out[`rollup.adhoc.${level}`] = entry(rollup, { matched: rollupAnswer.total });
  log(`  rollup.adhoc.${level}: p50 ${rollup.p50_ms.toFixed(2)} ms`);

  const listQuery = (extra: Partial<TMemberListQuery>): TMemberListQuery => ({
    orgId,
    page: 1,
    pageSize: 20,
    sort: 'name',
    ...extra,
  });
  const page1 = await measure(
    env,
    `list.page1.${level}`,
    () => members.listMembers(ctx, actor, listQuery({})),
    budgets.slow,
  );
  out[`list.page1.${level}`] = entry(page1);

  // Page 500 needs 10,000 members; the cursor for its start is found by walking pages 1…499 once, untimed, so the
  // timed call is exactly what a user paging forward would send.
  const needed = 499 * 20 + 1;
  if (node.members >= needed) {
    const walkStart = performance.now();
    let cursor: string | null = null;
    for (let p = 1; p <= 499; p++) {
      const res: { nextCursor: string | null } = await members.listMembers(
        ctx,
        actor,
        listQuery(cursor ? { cursor } : {}),
      );
      cursor = res.nextCursor;
      if (!cursor) throw new Error(`${level}: no cursor after page ${p}`);
    }
    const walkS = (performance.now() - walkStart) / 1000;
    const keysetCursor = cursor as string;
    const viaKeyset = await members.listMembers(ctx, actor, listQuery({ cursor: keysetCursor }));
    const viaOffset = await members.listMembers(ctx, actor, listQuery({ page: 500 }));
    const samePage = viaKeyset.items.map((m) => m.id).join() === viaOffset.items.map((m) => m.id).join();
    const keyset = await measure(
      env,
      `list.keyset500.${level}`,
      () => members.listMembers(ctx, actor, listQuery({ cursor: keysetCursor })),
      budgets.slow,
    );
    out[`list.keyset500.${level}`] = entry(keyset, { cursor_walk_s: round(walkS), same_rows_as_offset: samePage });
    const offset = await measure(
      env,
      `list.offset500.${level}`,
      () => members.listMembers(ctx, actor, listQuery({ page: 500 })),
      budgets.slow,
    );
    out[`list.offset500.${level}`] = entry(offset);
    log(
      `  list.*.${level}: page1 ${page1.p50_ms.toFixed(2)} / keyset500 ${keyset.p50_ms.toFixed(2)} / offset500 ${offset.p50_ms.toFixed(2)} ms`,
    );
  } else {
    const skipped = `${node.members} members < ${needed}: no page 500`;
    out[`list.keyset500.${level}`] = { p50_ms: null, p99_ms: null, skipped };
    out[`list.offset500.${level}`] = { p50_ms: null, p99_ms: null, skipped };
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Deterministic PRNG (mulberry32) so every run edits the same members in the same order. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Member edits through updateMember (counter upkeep, audit row and version check included). Each random member is
 * edited twice — education to another value, then back — so the cached dataset's figures end as they began.
 */
export async function runWrites(ctx: AppContext, actor: Actor, env: RunEnv): Promise<Results> {
  const { budgets, log } = env;
  const maxId = Number(
    (await sql<{ n: number | string }>`select max(id) as n from members`.execute(ctx.db)).rows[0]?.n ?? 0,
  );
  const rand = mulberry32(20_260_101);
  let samples: number[] = [];
  let refused = 0;
  const pair = async (timed: boolean) => {
    const id = 1 + Math.floor(rand() * maxId);
    const m = await members.getMember(ctx, actor, id);
    const other = EDUCATIONS[(EDUCATIONS.indexOf(m.education) + 1) % EDUCATIONS.length] as (typeof EDUCATIONS)[number];
    try {
      const t0 = performance.now();
      const a = await members.updateMember(ctx, actor, id, { education: other, version: m.version });
      const t1 = performance.now();
      await members.updateMember(ctx, actor, id, { education: m.education, version: a.version });
      const t2 = performance.now();
      if (timed) samples.push(t1 - t0, t2 - t1);
    } catch (err) {
      // A record the rules refuse (a member who left the platform is read-only) is skipped, not timed.
      if (err instanceof AppError && (err.code === 'VALIDATION_FAILED' || err.code === 'MEMBER_LEFT')) refused++;
      else throw err;
    }
  };
  for (let i = 0; i < budgets.write.warmupPairs; i++) {
    await pair(false);
    await nextTick();
  }
  const s = await leastDisturbed(
    'write.member',
    async () => {
      samples = [];
      const probe = startProbe(await env.helpers());
      const start = performance.now();
      for (let i = 0; i < budgets.write.maxPairs && performance.now() - start < budgets.write.budgetMs; i++) {
        await pair(true);
        await nextTick();
      }
      return { ...summarize(samples), other_cpu_pct: probe.stop() };
    },
    env.quiet,
  );
  log(`  write.member: p50 ${s.p50_ms.toFixed(3)} ms, ${(1000 / s.mean_ms).toFixed(0)}/s (n=${s.n})`);
  return {
    'write.member': entry(s, { per_s: Math.round(1000 / s.mean_ms), refused }),
  };
}
