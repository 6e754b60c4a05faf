// The readable table (stderr) and the one JSON object (stdout), with each result judged against its target.
import type { ResultEntry, Results } from './in-process.js';

export interface Machine {
  cpu: string;
  cores: number;
  ram_gb: number;
  node: string;
  os: string;
  db: string;
  /** Share of all cores busy with other work in the second before the run and after it (shared machines). */
  background_cpu_pct: { before: number; after: number };
  /** git HEAD of the code measured (`+uncommitted` when apps/ or packages/ had local changes). */
  commit: string;
}

export interface Report {
  scale: string;
  db: string;
  machine: Machine;
  results: Results;
  ratios: Record<string, number | null>;
}

export type Verdict = 'PASS' | 'MISS';

export interface TargetCheck {
  /** The result or ratio judged. */
  name: string;
  target: string;
  verdict: Verdict;
  /** How far off, for a miss. */
  by?: string;
}

/** The targets of the brief (2 cores; province = 3 M members), applied where the run has what they speak of. */
export function checkTargets(r: Report): TargetCheck[] {
  const out: TargetCheck[] = [];
  const res = (n: string): ResultEntry | undefined => r.results[n];
  const below = (name: string, value: number | null | undefined, limit: number, unit: string, label: string) => {
    if (value === null || value === undefined || Number.isNaN(value)) return;
    const ok = value < limit;
    out.push({
      name,
      target: `${label} < ${limit} ${unit}`,
      verdict: ok ? 'PASS' : 'MISS',
      ...(ok ? {} : { by: `${fmt(value)} ${unit} = ${(value / limit).toFixed(1)}× the limit` }),
    });
  };
  const atLeast = (name: string, value: number | null | undefined, limit: number, label: string) => {
    if (value === null || value === undefined || Number.isNaN(value)) return;
    const ok = value >= limit;
    out.push({
      name,
      target: `${label} ≥ ${limit}`,
      verdict: ok ? 'PASS' : 'MISS',
      ...(ok ? {} : { by: `${fmt(value)}, ${((1 - value / limit) * 100).toFixed(0)} % short` }),
    });
  };
  const zero = (name: string, value: unknown, label: string) => {
    if (typeof value !== 'number') return;
    out.push({
      name,
      target: `${label} = 0`,
      verdict: value === 0 ? 'PASS' : 'MISS',
      ...(value === 0 ? {} : { by: `${fmt(value)}` }),
    });
  };
  zero('load.mixed.c200', res('load.mixed.c200')?.server_5xx, '5xx');
  const integrity = res('load.integrity');
  if (integrity) {
    const n = (k: string) => (typeof integrity[k] === 'number' ? (integrity[k] as number) : 0);
    zero('load.integrity', n('edits_lost') + n('edits_lost_updates') + n('creates_lost'), 'lost writes');
    zero('load.integrity', n('edits_duplicated') + n('creates_duplicated') + n('creates_phantom'), 'duplicated writes');
    zero('load.integrity', n('edits_audit_mismatch') + n('edits_value_mismatch'), 'audit or final value wrong');
    zero('load.integrity', n('edits_other_4xx') + n('creates_other_4xx'), 'unexpected 4xx');
  }
  for (const [name, e] of Object.entries(r.results)) {
    if (name.startsWith('dashboard.counters.')) {
      below(name, e.p50_ms, 1, 'ms', 'p50');
      below(name, e.p99_ms, 5, 'ms', 'p99');
    }
  }
  atLeast('peerOverCounters.province', r.ratios['peerOverCounters.province'], 1000, 'peer/counters');
  below('http.dashboard.c50', res('http.dashboard.c50')?.p99_ms, 20, 'ms', 'p99');
  atLeast('httpDashboardOverHello', r.ratios.httpDashboardOverHello, 0.4, 'dashboard/hello req/s');
  if (r.db === 'sqlite') below('rollup.adhoc.county', res('rollup.adhoc.county')?.p50_ms, 20, 'ms', 'p50');
  below('write.member', res('write.member')?.p50_ms, 0.5, 'ms', 'p50');
  below('write.member', res('write.member')?.p99_ms, 2, 'ms', 'p99');
  below('server.rss_mb', res('server.rss_mb')?.value as number | undefined, 600, 'MB', 'peak RSS');
  return out;
}

export function fmt(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  const a = Math.abs(x);
  if (Number.isInteger(x)) return x.toLocaleString('en-US');
  if (a < 1) return x.toFixed(3);
  if (a < 100) return x.toFixed(2);
  if (a < 10_000) return x.toFixed(1);
  return Math.round(x).toLocaleString('en-US');
}

const HIDDEN = new Set(['p50_ms', 'p99_ms', 'mean_ms', 'max_ms', 'status', 'responses', 'target']);

function extraOf(e: ResultEntry): string {
  return Object.entries(e)
    .filter(([k, v]) => !HIDDEN.has(k) && v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? fmt(v) : String(v)}`)
    .join(' ');
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? '')].length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => {
          const pad = (widths[c] as number) - [...cell].length;
          return c === 1 || c === 2 ? ' '.repeat(pad) + cell : cell + ' '.repeat(pad);
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function renderText(r: Report, checks: TargetCheck[]): string {
  const verdicts = new Map<string, string[]>();
  for (const c of checks) verdicts.set(c.name, [...(verdicts.get(c.name) ?? []), `${c.verdict} ${c.target}`]);
  const rows: string[][] = [['name', 'p50 ms', 'p99 ms', 'target', 'extra']];
  for (const [name, e] of Object.entries(r.results)) {
    rows.push([name, fmt(e.p50_ms), fmt(e.p99_ms), (verdicts.get(name) ?? []).join('; '), extraOf(e)]);
  }
  for (const [name, v] of Object.entries(r.ratios)) {
    rows.push([name, '', '', (verdicts.get(name) ?? []).join('; '), `ratio=${fmt(v)}`]);
  }
  const m = r.machine;
  const lines = [
    table(rows),
    '',
    `machine: ${m.cpu}, ${m.cores} cores, ${m.ram_gb} GB RAM, ${m.os}, node ${m.node}, ${m.db}; scale ${r.scale}; ` +
      `other load ${m.background_cpu_pct.before} % before, ${m.background_cpu_pct.after} % after; commit ${m.commit}`,
  ];
  const misses = checks.filter((c) => c.verdict === 'MISS');
  lines.push(
    misses.length === 0
      ? `targets: all ${checks.length} PASS`
      : `targets: ${checks.length - misses.length}/${checks.length} PASS; MISS: ${misses.map((c) => `${c.name} (${c.target}: ${c.by})`).join('; ')}`,
  );
  return lines.join('\n');
}
