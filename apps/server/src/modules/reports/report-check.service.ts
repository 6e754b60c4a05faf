// 材料核数 (issue 7 §5): a report read back — every claim, the metric it states (by the phrase dictionary: metric
// labels and phrases of the catalogue, and phrases users of the org's line added), checked against the metric's value
// for the org and period; the report's internal relations. Figures come from the metrics service, never from SQL here.
import {
  AppError,
  type CheckedClaim,
  type Claim,
  claimHolds,
  type MetricPhraseDto,
  type MetricPhraseEntry,
  metricMatcher,
  REPORT_CHECK_MAX_CHARS,
  type ReportCheckResult,
  type ReportCheckUploadResult,
  readClaims,
  readRelations,
  type TMetricPhraseCreate,
  type TMetricPhraseListQuery,
  type TReportCheck,
  type TReportCheckUploadQuery,
} from '@grassroots/domain';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import type { MetricDefinition } from '../../platform/metrics.js';
import type { Page } from '../../platform/paging.js';
import { hasPermission, scopeOf, whereInScope } from '../../platform/scope.js';
import { METRICS } from '../metrics/metric-registry.js';
import { computeMetric, getMetricDefinition, metricQueryFor } from '../metrics/metrics.service.js';
import * as orgs from '../orgs/orgs.service.js';
import { reportFileText } from './report-check.docx.js';
import * as repo from './report-check.repo.js';

const PHRASE = '说法';

/**
 * The dictionary for reports of the org at `path`: each metric's label and phrases, then the phrases users of the
 * org's line added. Every metric of the catalogue is in it, seen or not, so that a claim of a metric the actor may not
 * see is left unchecked rather than matched to a lesser one.
 */
async function dictionaryAt(ctx: AppContext, path: string): Promise<MetricPhraseEntry[]> {
  const entries: MetricPhraseEntry[] = [];
  for (const m of METRICS.values()) {
    for (const phrase of [m.label, ...m.phrases]) {
      entries.push({ phrase, metricKey: m.key, unit: m.unit, period: m.period, userAdded: false });
    }
  }
  for (const p of await repo.findPhrasesApplyingAt(ctx.db, path)) {
    const m = METRICS.get(p.metricKey);
    if (m) entries.push({ phrase: p.phrase, metricKey: m.key, unit: m.unit, period: m.period, userAdded: true });
  }
  return entries;
}

/** The metric's value for the org and period, or null when the actor may not see it there. */
async function valueFor(
  ctx: AppContext,
  actor: Actor,
  def: MetricDefinition,
  org: { id: number; path: string },
  period: { from: string; to: string },
): Promise<number | null> {
  if (!hasPermission(actor, def.permission)) return null;
  try {
    return await computeMetric(ctx, def, metricQueryFor(actor, def, org, period), actor);
  } catch (err) {
    if (err instanceof AppError && err.code === 'FORBIDDEN') return null;
    throw err;
  }
}

export async function checkReport(ctx: AppContext, actor: Actor, input: TReportCheck): Promise<ReportCheckResult> {
  const org = await orgs.getOrgInScope(ctx, actor, 'stats:read', input.orgId);
  const period = { from: input.from, to: input.to };
  const claims = readClaims(input.text);
  const metricOf = metricMatcher(input.text, await dictionaryAt(ctx, org.path));
  const values = new Map<string, Promise<number | null>>();
  const check = async (c: Claim): Promise<CheckedClaim> => {
    const { quote, value, unit, qualifier, counted, start, end } = c;
    const unchecked: CheckedClaim = {
      quote,
      value,
      unit,
      qualifier,
      counted,
      start,
      end,
      metric: null,
      verdict: 'unchecked',
      computed: null,
    };
    const key = metricOf(c);
    if (key === null) return unchecked;
    if (!values.has(key)) values.set(key, valueFor(ctx, actor, getMetricDefinition(key), org, period));
    const computed = await values.get(key)!;
    if (computed === null) return unchecked;
    return { ...unchecked, metric: key, verdict: claimHolds(c, computed) ? 'match' : 'differs', computed };
  };
  const checked: CheckedClaim[] = [];
  for (const c of claims) checked.push(await check(c));
  const relations = readRelations(input.text, claims).map(({ quote, formula, holds, kind, start, end }) => ({
    quote,
    formula,
    holds,
    kind,
    start,
    end,
  }));
  return { claims: checked, relations };
}

/** An uploaded .txt or .docx: its text read (415 for other files), then checked like pasted text. */
export async function checkUploadedReport(
  ctx: AppContext,
  actor: Actor,
  query: TReportCheckUploadQuery,
  file: { fileName: string; bytes: Buffer },
): Promise<ReportCheckUploadResult> {
  await orgs.getOrgInScope(ctx, actor, 'stats:read', query.orgId);
  const text = await reportFileText(file.fileName, file.bytes);
  if (text.trim() === '') {
    throw new AppError('VALIDATION_FAILED', '文件中没有文字', { file: '文件中没有文字' });
  }
  if (text.length > REPORT_CHECK_MAX_CHARS) {
    const message = `汇报材料不能超过${REPORT_CHECK_MAX_CHARS}个字`;
    throw new AppError('VALIDATION_FAILED', message, { file: message });
  }
  return { text, fileName: file.fileName, ...(await checkReport(ctx, actor, { text, ...query })) };
}

function phraseDto(row: Omit<MetricPhraseDto, 'metricLabel'>): MetricPhraseDto {
  return { ...row, metricLabel: METRICS.get(row.metricKey)?.label ?? '' };
}

/**
 * The phrases users added: with `orgId`, those that apply in its reports (its own and those of the levels above it,
 * which its line inherits); without, those of orgs in the actor's scope.
 */
export async function listMetricPhrases(
  ctx: AppContext,
  actor: Actor,
  query: TMetricPhraseListQuery,
): Promise<Page<MetricPhraseDto>> {
  const { orgId, page, pageSize, metricKey, q } = query;
  const filter: repo.PhraseFilter =
    orgId === undefined
      ? { metricKey, q, scopeWhere: whereInScope(scopeOf(actor, 'stats:read'), 'p.orgPath') }
      : { metricKey, q, appliesAtPath: (await orgs.getOrgInScope(ctx, actor, 'stats:read', orgId)).path };
  const { items, total } = await repo.listPhrases(ctx.db, filter, page, pageSize);
  return { items: items.map(phraseDto), total, page, pageSize };
}

export async function createMetricPhrase(
  ctx: AppContext,
  actor: Actor,
  input: TMetricPhraseCreate,
): Promise<MetricPhraseDto> {
  const org = await orgs.getOrgInScope(ctx, actor, 'reports:write', input.orgId);
  const def = METRICS.get(input.metricKey);
  if (!def || !hasPermission(actor, def.permission)) {
    const message = `指标“${input.metricKey}”不存在`;
    throw new AppError('VALIDATION_FAILED', message, { metricKey: message });
  }
  if (await repo.findSamePhrase(ctx.db, org.id, input.phrase, def.key)) {
    const message = `“${input.phrase}”已对应指标“${def.label}”`;
    throw new AppError('DUPLICATE', message, { phrase: message });
  }
  const row = {
    orgId: org.id,
    orgPath: org.path,
    phrase: input.phrase,
    metricKey: def.key,
    createdBy: actor.userId,
    createdAt: nowIso(),
  };
  const id = await ctx.db.transaction().execute(async (trx) => {
    const newId = await repo.insertPhrase(trx, row);
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'metric_phrase',
      entityId: newId,
      orgPath: org.path,
      after: { phrase: row.phrase, metricKey: row.metricKey, orgId: row.orgId },
    });
    return newId;
  });
  return phraseDto({ id, ...row, orgName: org.name, createdByName: actor.name });
}

export async function deleteMetricPhrase(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const row = await repo.findPhraseById(ctx.db, id, whereInScope(scopeOf(actor, 'reports:write'), 'p.orgPath'));
  if (!row) throw notFound(PHRASE);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deletePhrase(trx, id);
    await recordAudit(trx, actor, {
      action: 'delete',
      entity: 'metric_phrase',
      entityId: id,
      orgPath: row.orgPath,
      before: { phrase: row.phrase, metricKey: row.metricKey, orgId: row.orgId },
    });
  });
}
